import Foundation
import SoundFile
import Testing

/// The real-time tier: a few sessions played into a PulseAudio null sink that paces in real
/// time, one at a time, listening to what came out. The sink adds its own latency, so these
/// tests compare the spacing between sounds, never absolute times, and wait on what a person
/// would notice (a line printed, a status field), never a fixed time. What the player does
/// with each command is proven frame by frame, without a sound card, in PlayerTests.
@Suite("real time, through a private PulseAudio", .serialized,
       .enabled(if: SoundServer.available, "needs the PulseAudio that scripts/test starts"))
struct RealTime {}

extension RealTime {
    @Suite("playing and controlling a session")
    struct Playback {
        static let rate = Double(Studio.rate)

        func routine(_ text: String, in studio: Studio) throws -> String {
            try Program.write(text, to: "routine.yaml", in: studio.folder)
        }

        @Test func cueSpacingMatchesTheScheduleWithinOneMillisecond() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Spacing
                lead_in: 0.5s
                outro: 0.5s
                defaults: {transition: 2.5s, hold: 2.7s, gap: 2.5s, switch: 2.6s, breath: off}
                exercises:
                  - {name: One, instruction: a, sides: both}
                  - {name: Two, instruction: b}
                """, in: studio)
            let document = try ShowDocument.load([path, "--voice", "off"])
            let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
            #expect(player.finish(within: 60) == 0, "\(player.log)")
            usleep(300_000) // the recorder hears the sink's last frames
            let audio = try studio.recorded()
            let found = try CueFinder(rate: Studio.rate).locate(document.cues, in: audio)
            try #require(found.count == document.cues.count)
            for i in 1..<found.count {
                let measured = found[i] - found[i - 1]
                let scheduled = document.cues[i].frame - document.cues[i - 1].frame
                #expect(abs(measured - scheduled) <= 48, "cue \(i) (\(document.cues[i].kind)): \(measured - scheduled) frames off")
            }
        }

        /// After a resume the player goes on reporting: the next cue is printed when it is heard,
        /// with no other event needed to wake it. And no part of the session is lost or heard twice.
        @Test func aResumedSessionIsHeardAndReportedWithoutAGap() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Pause
                lead_in: 0.5s
                outro: 0.5s
                exercises:
                  - {name: One, instruction: a, transition: 6s, hold: 3s, breath: off, gap: 2s}
                """, in: studio)
            let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
            // The exercise chime (at 0.5 s) has rung out before the pause chime sounds.
            #expect(eventually { (studio.status("elapsed") as? Double ?? 0) >= 2.5 }, "\(player.log)")
            #expect(try studio.ctl(["pause"]).status == 0)
            #expect(eventually { studio.status("state") as? String == "paused" })
            let elapsed = studio.status("elapsed") as? Double
            usleep(1_000_000)
            #expect(studio.status("elapsed") as? Double == elapsed, "the session clock stands still")
            #expect(try studio.ctl(["resume"]).status == 0)
            #expect(studio.status("state") as? String == "playing")
            #expect(player.waitForLog("hold-start", within: 12), "the next cue is reported: \(player.log)")
            // ... as it is heard, during the hold, not when something else wakes the player.
            #expect(studio.status("phase") as? String == "hold", "\(player.log)")
            #expect(player.finish(within: 30) == 0, "\(player.log)")
            usleep(300_000)

            // exercise chime, pause chime, resume chime, hold-start, hold-end, end.
            let audio = try studio.recorded()
            let onsets = Onsets.find(in: audio, quiet: 4_800)
            try #require(onsets.count == 6, "onsets at \(onsets.map { Double($0) / Self.rate })")
            let transition = Double(onsets[3] - onsets[0]) / Self.rate
            let pausedFor = Double(onsets[2] - onsets[1]) / Self.rate
            // 6 s of transition, stretched by the pause and the 1.5 s lead-in after resuming.
            let extra = transition - (6 + pausedFor + 1.5)
            #expect(abs(extra) < 0.05, "transition \(transition) s, paused \(pausedFor) s")
        }

        @Test func ctlSkipsBackAndForthAndStops() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Skip
                lead_in: 0.5s
                defaults: {transition: 6s, hold: 2s, breath: off}
                exercises:
                  - {name: One, instruction: a}
                  - {name: Two, instruction: b}
                  - {name: Three, instruction: c}
                """, in: studio)
            let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
            #expect(player.waitForLog("1/3"))
            #expect(try studio.ctl(["next"]).status == 0)
            #expect(studio.status("exercise") as? Int == 2, "the status says where the skip lands at once")
            #expect(player.waitForLog("2/3"), "\(player.log)")
            #expect(try studio.ctl(["previous"]).status == 0, "within 3 s of Two: back to One")
            #expect(studio.status("exercise") as? Int == 1)
            #expect(player.waitForLog("1/3", count: 2), "\(player.log)")
            #expect(try studio.ctl(["next"]).status == 0)
            #expect(try studio.ctl(["next"]).status == 0)
            #expect(studio.status("exercise") as? Int == 3)
            #expect(player.waitForLog("3/3"))
            #expect(try studio.ctl(["stop"]).status == 0)
            #expect(player.finish(within: 10) == 0)
            #expect(player.log.contains(try Regex("stopped in Three \\(3 of 3\\) after [0-9]+ s; stretchcue play --resume goes on from there")), "\(player.log)")
        }

        @Test func signalsPauseSkipAndStop() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Signals
                lead_in: 0.5s
                defaults: {transition: 8s, hold: 2s, breath: off}
                exercises:
                  - {name: One, instruction: a}
                  - {name: Two, instruction: b}
                """, in: studio)
            let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
            #expect(player.waitForLog("1/2"))
            let pid = player.process.processIdentifier
            kill(pid, SIGUSR1)
            #expect(eventually { studio.status("state") as? String == "paused" })
            kill(pid, SIGUSR1)
            #expect(eventually { studio.status("state") as? String == "playing" })
            kill(pid, SIGUSR2)
            #expect(eventually { studio.status("exercise") as? Int == 2 })
            kill(pid, SIGINT)
            #expect(player.finish(within: 5) == 130, "Ctrl-C: the status shells expect")
            #expect(!FileManager.default.fileExists(atPath: studio.folder.appendingPathComponent("stretchcue/control").path),
                    "the control socket is removed on the way out")
        }

        @Test func keyboardControlsAndTerminalIsRestored() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Keys
                lead_in: 0.5s
                defaults: {transition: 8s, hold: 2s, breath: off}
                exercises:
                  - {name: One, instruction: a, transition: 1s, hold: 20s}
                  - {name: Two, instruction: b}
                  - {name: Three, instruction: c}
                  - {name: Four, instruction: d}
                """, in: studio)
            // A pseudo-terminal through script(1): what we write to its input are key presses,
            // and it shows us the screen. After the player, stty reports the terminal's modes.
            let command = "'\(Program.binary.path)' play '\(path)' -D pulse; echo exit=$?; stty -a"
            let terminal = Process()
            terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            terminal.arguments = ["-qfec", command, "/dev/null"]
            terminal.environment = Program.environment(studio.environment)
                .merging(["TERM": "xterm", "COLUMNS": "160"]) { $1 }
            let keys = Pipe()
            let screenFile = studio.folder.appendingPathComponent("screen.txt")
            _ = FileManager.default.createFile(atPath: screenFile.path, contents: nil)
            terminal.standardInput = keys
            terminal.standardOutput = try FileHandle(forWritingTo: screenFile)
            try terminal.run()
            func press(_ key: String) { keys.fileHandleForWriting.write(Data(key.utf8)) }
            func screen() -> String { (try? String(contentsOf: screenFile, encoding: .utf8)) ?? "" }

            #expect(eventually { screen().contains("1/4") }, "\(screen())")
            // A line for the exercise, none for the hold: the status line says that.
            #expect(eventually { studio.status("phase") as? String == "hold" })
            usleep(200_000)
            #expect(screen().contains("exercise") && !screen().contains("hold-start"), "\(screen())")
            press(" ")
            #expect(eventually { studio.status("state") as? String == "paused" })
            press(" ")
            // Three presses in one read skip three exercises.
            press("nnn")
            #expect(eventually { studio.status("exercise") as? Int == 4 }, "\(String(describing: try? studio.status()))")
            #expect(eventually { screen().contains("4/4 Four") }, "the status line shows the exercise")
            press("q")
            #expect(eventually(within: 5) { screen().contains("exit=") })
            keys.fileHandleForWriting.closeFile()
            terminal.waitUntilExit()
            let after = screen()
            #expect(after.contains("exit=0"))
            #expect(after.contains(" icanon") && !after.contains("-icanon"), "line editing is back")
            #expect(after.contains(" echo ") && !after.contains("-echo "), "echo is back")
        }

        /// Ctrl-Z then `fg` (the shell puts back its own terminal settings) leaves the keys
        /// working, and the status line fits a narrow terminal without wrapping.
        @Test func keysWorkAfterCtrlZAndTheStatusLineFitsTheTerminal() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Narrow
                lead_in: 0.5s
                defaults: {transition: 8s, hold: 2s, breath: off}
                exercises:
                  - {name: A long exercise name that does not fit, instruction: a, sides: [left leg, right leg]}
                  - {name: Two, instruction: b}
                """, in: studio)
            let command = "'\(Program.binary.path)' play '\(path)' -D pulse --voice off; echo exit=$?"
            let terminal = Process()
            terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            terminal.arguments = ["-qfec", command, "/dev/null"]
            terminal.environment = Program.environment(studio.environment).merging(["TERM": "xterm"]) { $1 }
            let keys = Pipe()
            let screenFile = studio.folder.appendingPathComponent("screen.txt")
            _ = FileManager.default.createFile(atPath: screenFile.path, contents: nil)
            terminal.standardInput = keys
            terminal.standardOutput = try FileHandle(forWritingTo: screenFile)
            try terminal.run()
            func screen() -> String { (try? String(contentsOf: screenFile, encoding: .utf8)) ?? "" }
            #expect(eventually { screen().contains("1/2") }, "\(screen())")
            let pid = playerPID(of: terminal)
            try #require(pid != 0)
            let tty = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/0")
            func stty(_ arguments: String) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "stty \(arguments) < \(tty)"]
                try? process.run()
                process.waitUntilExit()
            }
            stty("cols 40")
            kill(pid, SIGWINCH)
            let narrowFrom = screen().count
            // Ctrl-Z, then fg: the shell gives the terminal its line editing back.
            kill(pid, SIGSTOP)
            stty("icanon echo")
            kill(pid, SIGCONT)
            usleep(300_000)
            keys.fileHandleForWriting.write(Data("n".utf8)) // no Enter: raw mode is back
            #expect(eventually { studio.status("exercise") as? Int == 2 }, "\(screen())")
            keys.fileHandleForWriting.write(Data("q".utf8))
            #expect(eventually(within: 5) { screen().contains("exit=") })
            keys.fileHandleForWriting.closeFile()
            terminal.waitUntilExit()
            // Status lines are the pieces written after "\r ESC[K" (or, once the terminal is
            // narrower, "ESC[nA \r ESC[J") with no newline (cue lines end in one).
            let narrow = String(screen().dropFirst(narrowFrom))
            let status = narrow.split(separator: try Regex("(\u{1B}\\[[0-9]+A)?\r\u{1B}\\[[KJ]")).map(String.init)
                .filter { !$0.isEmpty && !$0.contains("\n") }
            #expect(!status.isEmpty)
            #expect(status.allSatisfy { $0.count <= 39 }, "the status line fits 40 columns: \(status)")
        }

        /// The `stretchcue play` under script(1)'s shell.
        func playerPID(of terminal: Process) -> Int32 {
            var found: Int32 = 0
            eventually {
                let children = (try? String(contentsOfFile: "/proc/\(terminal.processIdentifier)/task/\(terminal.processIdentifier)/children", encoding: .utf8)) ?? ""
                for child in children.split(separator: " ").compactMap({ Int32($0) }) {
                    let grandchildren = (try? String(contentsOfFile: "/proc/\(child)/task/\(child)/children", encoding: .utf8)) ?? ""
                    for candidate in [child] + grandchildren.split(separator: " ").compactMap({ Int32($0) }) {
                        let name = (try? String(contentsOfFile: "/proc/\(candidate)/comm", encoding: .utf8)) ?? ""
                        if name.hasPrefix("stretchcue") { found = candidate }
                    }
                }
                return found != 0
            }
            return found
        }

        @Test func killedSessionResumesAtItsExercise() throws {
            let studio = try Studio()
            let path = try routine("""
                name: Resume
                lead_in: 0.5s
                defaults: {transition: 1s, hold: 1s, gap: 0.5s, breath: off}
                exercises:
                  - {name: One, instruction: a}
                  - {name: Two, instruction: b, hold: 30s}
                  - {name: Three, instruction: c}
                """, in: studio)
            let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
            #expect(player.waitForLog("2/3"))
            // The place is saved just after the exercise's line is printed (with an fsync, slow
            // on a busy disk): the kill comes once it is there.
            let saved = studio.folder.appendingPathComponent("state/stretchcue/progress.json")
            #expect(eventually { ((try? String(contentsOf: saved, encoding: .utf8)) ?? "").contains("\"Two\"") })
            kill(player.process.processIdentifier, SIGKILL)
            _ = player.finish(within: 5)
            #expect(FileManager.default.fileExists(atPath: saved.path))

            // Resume on a device that does not pace: the session goes on from Two's chime.
            let resumed = try Program.run(["play", "--resume", "-D", "null"], environment: studio.environment)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stderr.contains("resuming Resume at exercise 2 of 3 (Two)"), "\(resumed.stderr)")
            let lines = resumed.stdout.split(separator: "\n")
            #expect(lines.dropFirst().first?.contains("2/3") == true && lines.dropFirst().first?.contains("exercise") == true, "\(lines)")
            #expect(!resumed.stdout.contains("1/3"))
            #expect(!FileManager.default.fileExists(atPath: saved.path), "a completed session leaves nothing to resume")
        }

        /// JACK's ALSA plugin has a period of its own that the buffer must be a whole number of.
        @Test(.enabled(if: ProcessInfo.processInfo.environment["STRETCHCUE_TEST_JACK_SERVER"] != nil,
                       "needs the jackd that scripts/test starts"))
        func playsThroughJack() throws {
            let folder = try Program.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try Program.write("name: Jack\nlead_in: 0.5s\nexercises:\n  - {name: One, instruction: a, transition: 1s, hold: 1s}\n",
                                         to: "jack.yaml", in: folder)
            let server = ProcessInfo.processInfo.environment["STRETCHCUE_TEST_JACK_SERVER"] ?? ""
            let result = try Program.run(["play", path, "-D", "jack", "--voice", "off", "-v"],
                                         environment: ["JACK_DEFAULT_SERVER": server, "XDG_RUNTIME_DIR": folder.path], timeout: 30)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("stretchcue: jack: 48000 Hz, 2 ch"), "\(result.stderr)")
            let expected = try ShowDocument.load([path, "--voice", "off"]).cues.map(\.kind)
            let printed = result.stdout.split(separator: "\n").dropFirst().dropLast().compactMap { line in
                line.split(separator: " ").map(String.init).first { expected.contains($0) }
            }
            #expect(printed == expected, "every cue, heard in order: \(result.stdout)")
        }

        @Test func soundServerDiesAndComesBack() throws {
            let studio = try Studio()
            // A sound server of this test's own, to kill and start again.
            let runtime = studio.folder.appendingPathComponent("server")
            try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            func server(_ arguments: [String]) throws {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/pulseaudio")
                process.arguments = arguments
                process.environment = ["XDG_RUNTIME_DIR": runtime.path, "HOME": studio.folder.path, "PATH": "/usr/bin:/bin"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
            }
            let start = ["-n", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit",
                         "-L", "module-null-sink sink_name=cue rate=48000", "-L", "module-native-protocol-unix"]
            try server(start)
            defer { try? server(["--kill"]) }
            let address = "unix:\(runtime.path)/pulse/native"
            let socket = runtime.appendingPathComponent("pulse/native").path
            eventually(within: 5) { FileManager.default.fileExists(atPath: socket) }

            let path = try routine("""
                name: Gone
                lead_in: 0.5s
                exercises:
                  - {name: a, instruction: b, transition: 2s, hold: 20s, breath: 2-2}
                """, in: studio)
            let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"], extra: ["PULSE_SERVER": address, "PULSE_SINK": "cue"])
            #expect(player.waitForLog("exhale"), "into the hold, past its first exhale")
            let before = studio.status("elapsed") as? Double ?? 0
            try server(["--kill"])
            #expect(eventually { studio.status("state") as? String == "waiting-for-device" })
            let waiting = studio.status("elapsed") as? Double
            usleep(1_500_000)
            #expect(studio.status("elapsed") as? Double == waiting, "the session waits too")
            try server(start)
            #expect(eventually(within: 12) { studio.status("state") as? String == "playing" }, "the player found the device again")
            #expect((studio.status("elapsed") as? Double ?? 99) < before, "it goes on from a few seconds before where sound stopped")
            // The cue heard last before the failure sounds again after it, and is said again.
            #expect(player.waitForLog("exhale", count: 2), "\(player.log)")
            #expect(try studio.ctl(["stop"]).status == 0)
            #expect(player.finish(within: 5) == 0, "\(player.log)")
            let log = player.log
            #expect(log.components(separatedBy: "the sound device is gone").count == 2, "said once")
            #expect(log.components(separatedBy: "the sound device is back").count == 2, "said once")
        }
    }
}
