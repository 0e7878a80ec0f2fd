import Foundation
import Testing

/// The session bus that `scripts/test` starts.
enum TestBus {
    static var address: String? { ProcessInfo.processInfo.environment["STRETCHCUE_TEST_DBUS_ADDRESS"] }
}

/// The desktop's media controls, as `playerctl` drives them over the private session bus that
/// `scripts/test` starts: each command checked against what `ctl status` says.
extension RealTime {
@Suite("media keys: the player as an MPRIS media player",
       .enabled(if: TestBus.address != nil, "needs the session bus that scripts/test starts"))
struct MediaKeysTests {
    static var bus: String? { TestBus.address }

    /// Long enough holds that nothing ends while a test looks.
    static let routine = """
        name: Desk
        lead_in: 0.5s
        defaults: {transition: 2s, hold: 20s, gap: 1s, breath: off}
        exercises:
          - {name: Twist, instruction: a, sides: [left, right]}
          - {name: Fold, instruction: b}
        """

    static func playerctl(_ arguments: [String]) throws -> String {
        let result = try Program.run(["-p", "stretchcue"] + arguments, environment: ["DBUS_SESSION_BUS_ADDRESS": bus ?? ""],
                                     program: URL(fileURLWithPath: "/usr/bin/playerctl"), timeout: 10)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What `ctl status` calls the track: the exercise, and its side.
    static func title(_ status: [String: Any]) -> String? {
        guard let name = status["name"] as? String else { return nil }
        return (status["side"] as? String).map { "\(name) (\($0))" } ?? name
    }

    @Test func playerctlStartsPausesSkipsAndStopsASessionOnServe() throws {
        let served = try ServeTests.Served(config: "device: pulse\nvoice: off\nroutine: desk\n",
                                           routines: ["desk": MediaKeysTests.routine],
                                           environment: ["DBUS_SESSION_BUS_ADDRESS": MediaKeysTests.bus ?? ""])
        #expect(served.notify.waitFor("READY=1", within: 10))
        #expect(eventually { (try? MediaKeysTests.playerctl(["status"])) == "Stopped" }, "on the bus, nothing playing")

        // Registered on a bus, the waiting service still never wakes.
        let before = ProcessInfoFile.contextSwitches(of: served.pid)
        usleep(3_000_000)
        #expect(ProcessInfoFile.contextSwitches(of: served.pid) == before, "an idle service never wakes")

        // The changes as the desktop hears of them: PropertiesChanged signals.
        let follow = Process()
        follow.executableURL = URL(fileURLWithPath: "/usr/bin/playerctl")
        follow.arguments = ["-p", "stretchcue", "--follow", "status"]
        follow.environment = Program.environment(["DBUS_SESSION_BUS_ADDRESS": MediaKeysTests.bus ?? ""])
        let followed = served.studio.folder.appendingPathComponent("follow.txt")
        _ = FileManager.default.createFile(atPath: followed.path, contents: nil)
        follow.standardOutput = try FileHandle(forWritingTo: followed)
        try follow.run()
        defer { kill(follow.processIdentifier, SIGKILL); follow.waitUntilExit() }
        #expect(eventually { ((try? String(contentsOf: followed, encoding: .utf8)) ?? "").contains("Stopped") })

        // Play on a waiting player starts the default routine, as `ctl start` does.
        _ = try MediaKeysTests.playerctl(["play-pause"])
        #expect(eventually { served.studio.status("state") as? String == "playing" }, "\(served.player.log)")
        #expect(eventually { served.studio.status("name") as? String == "Twist" })
        #expect(try MediaKeysTests.playerctl(["status"]) == "Playing")
        let status = try served.studio.status()
        let metadata = try MediaKeysTests.playerctl(["metadata", "--format", "{{xesam:title}}|{{xesam:album}}|{{mpris:length}}"])
        let total = (status["total"] as? Double).map { String(Int64(($0 * 1_000_000).rounded())) }
        #expect(metadata == "\(MediaKeysTests.title(status) ?? "?")|\(status["routine"] as? String ?? "?")|\(total ?? "?")")
        #expect(metadata.hasPrefix("Twist (left)|Desk|"))

        _ = try MediaKeysTests.playerctl(["play-pause"])
        #expect(eventually { served.studio.status("state") as? String == "paused" })
        #expect(eventually { (try? MediaKeysTests.playerctl(["status"])) == "Paused" })

        _ = try MediaKeysTests.playerctl(["next"])
        #expect(eventually { served.studio.status("exercise") as? Int == 2 })
        #expect(eventually { (try? MediaKeysTests.playerctl(["metadata", "xesam:title"])) == "Fold" })
        let elapsed = try #require(served.studio.status("elapsed") as? Double)
        let position = try #require(Double(try MediaKeysTests.playerctl(["position"])))
        #expect(abs(position - elapsed) < 1, "position \(position) s, ctl status \(elapsed) s")

        _ = try MediaKeysTests.playerctl(["play"])
        #expect(eventually { served.studio.status("state") as? String == "playing" })
        _ = try MediaKeysTests.playerctl(["stop"])
        #expect(eventually { served.studio.status("state") as? String == "idle" })
        #expect(eventually { (try? MediaKeysTests.playerctl(["status"])) == "Stopped" })
        #expect(eventually {
            let lines = ((try? String(contentsOf: followed, encoding: .utf8)) ?? "").split(separator: "\n")
            return lines.suffix(4) == ["Playing", "Paused", "Playing", "Stopped"]
        }, "each change was signalled: \((try? String(contentsOf: followed, encoding: .utf8)) ?? "")")

        kill(served.pid, SIGTERM)
        #expect(served.player.finish(within: 10) == 0)
        #expect(!served.player.log.contains("warning"), "\(served.player.log)")
    }

    @Test func aSecondPlayerOnTheBusTakesAnInstanceName() throws {
        let first = try Studio(), second = try Studio()
        let bus = ["DBUS_SESSION_BUS_ADDRESS": MediaKeysTests.bus ?? ""]
        let one = try first.start(["serve", "-D", "null"], extra: bus)
        defer { kill(one.process.processIdentifier, SIGKILL) }
        #expect(eventually { (try? MediaKeysTests.playerctl(["status"])) == "Stopped" })
        let two = try second.start(["serve", "-D", "null"], extra: bus)
        defer { kill(two.process.processIdentifier, SIGKILL) }
        let instance = "stretchcue.instance\(two.process.processIdentifier)"
        #expect(eventually {
            let listed = (try? Program.run(["-l"], environment: bus, program: URL(fileURLWithPath: "/usr/bin/playerctl")).stdout) ?? ""
            return listed.split(separator: "\n").sorted() == ["stretchcue", Substring(instance)]
        }, "\(two.log)")
        kill(one.process.processIdentifier, SIGTERM)
        kill(two.process.processIdentifier, SIGTERM)
        #expect(one.finish(within: 10) == 0)
        #expect(two.finish(within: 10) == 0)
        #expect(!two.log.contains("warning"), "\(two.log)")
    }

    @Test func playIsAMediaPlayerToo() throws {
        let studio = try Studio()
        let routine = try Program.write(MediaKeysTests.routine, to: "desk.yaml", in: studio.folder)
        let play = try studio.start(["play", routine, "-D", "pulse", "--voice", "off"],
                                    extra: ["DBUS_SESSION_BUS_ADDRESS": MediaKeysTests.bus ?? ""])
        #expect(play.waitForLog("1/2"), "\(play.log)")
        #expect(eventually { (try? MediaKeysTests.playerctl(["status"])) == "Playing" })
        _ = try MediaKeysTests.playerctl(["next"])
        #expect(eventually { studio.status("exercise") as? Int == 2 }, "\(play.log)")
        #expect(eventually { (try? MediaKeysTests.playerctl(["metadata", "xesam:title"])) == "Fold" })
        // Quit, which a desktop offers for a player it can close: the session stops, play ends.
        _ = try Program.run(["--address", MediaKeysTests.bus ?? "", "call", "org.mpris.MediaPlayer2.stretchcue",
                             "/org/mpris/MediaPlayer2", "org.mpris.MediaPlayer2", "Quit"],
                            program: URL(fileURLWithPath: "/usr/bin/busctl"), timeout: 10)
        #expect(play.finish(within: 10) == 0, "\(play.log)")
        #expect(play.log.contains("stopped in Fold"), "\(play.log)")
    }
}
}
