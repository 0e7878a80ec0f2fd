import Foundation
import Testing

/// `stretchcue serve` as systemd would run it: readiness, an idle process that holds no device
/// and never wakes, sessions started and stopped with `ctl`, SIGTERM and SIGHUP.
extension RealTime {
@Suite("serve: the headless player")
struct ServeTests {
    static let routine = """
        name: Served
        lead_in: 0.5s
        outro: 0.5s
        defaults: {transition: 2.5s, hold: 2.5s, gap: 2s, breath: off}
        exercises:
          - {name: One, instruction: a}
          - {name: Two, instruction: b}
        """

    /// A studio with a config file, a routines folder holding `morning.yaml`, and `serve` started.
    struct Served {
        let studio: Studio
        let notify: NotifyListener
        let player: Studio.Player
        let environment: [String: String]
        let config: URL

        /// Chimes only unless a test says otherwise: the recordings count chimes.
        init(config text: String = "device: pulse\nvoice: off\n", routines extra: [String: String] = [:],
             environment more: [String: String] = [:]) throws {
            studio = try Studio()
            notify = try NotifyListener(in: studio.folder)
            let routines = studio.folder.appendingPathComponent("data/stretchcue/routines")
            try FileManager.default.createDirectory(at: routines, withIntermediateDirectories: true)
            _ = try Program.write(ServeTests.routine, to: "morning.yaml", in: routines)
            for (name, text) in extra { _ = try Program.write(text, to: "\(name).yaml", in: routines) }
            let configFolder = studio.folder.appendingPathComponent("config/stretchcue")
            try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
            config = URL(fileURLWithPath: try Program.write(text, to: "config.yaml", in: configFolder))
            environment = ["NOTIFY_SOCKET": notify.path,
                           "XDG_CONFIG_HOME": studio.folder.appendingPathComponent("config").path,
                           "XDG_DATA_HOME": studio.folder.appendingPathComponent("data").path].merging(more) { $1 }
            player = try studio.start(["serve"], extra: environment)
        }

        var pid: Int32 { player.process.processIdentifier }

        func ctl(_ arguments: [String]) throws -> Program.Result {
            try Program.run(["ctl"] + arguments, environment: studio.environment.merging(environment) { $1 })
        }

        func waitUntilIdle(within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if (try? studio.status()["state"] as? String) == "idle" { return true }
                usleep(100_000)
            }
            return false
        }

        /// The sound devices it holds: ALSA device files, and connections the sound server
        /// counts as its clients.
        var devicesHeld: [String] {
            let files = ProcessInfoFile.descriptors(of: pid).filter { $0.hasPrefix("/dev/snd") }
            let clients = (try? SoundServer.pactl(["list", "clients"])) ?? ""
            let connected = clients.contains("application.process.id = \"\(pid)\"") ? ["a sound server connection"] : []
            return files + connected
        }
    }

    @Test func idleWithTheDeviceClosedThenPlaysWhatCtlStartAsks() throws {
        let served = try Served()
        #expect(served.notify.waitFor("READY=1", within: 10), "READY=1 once the socket listens")
        #expect(try served.studio.ctl(["status"]).stdout.contains("no session is playing"))

        // Idle: no sound device open, and no wakeups at all over 5 s.
        #expect(served.devicesHeld.isEmpty)
        let before = ProcessInfoFile.contextSwitches(of: served.pid)
        usleep(5_000_000)
        #expect(ProcessInfoFile.contextSwitches(of: served.pid) == before, "an idle service never wakes")

        let paused = try served.ctl(["pause"])
        #expect(paused.status == 1)
        #expect(paused.stderr.contains("no session is playing"))

        // `morning` is found in the routines folder.
        let started = try served.ctl(["start", "morning"])
        #expect(started.status == 0, "\(started.stderr)")
        let again = try served.ctl(["start", "morning"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("a session is already playing"))
        #expect(eventually { served.studio.status("name") as? String == "One" }, "the first session plays on, unchanged")
        #expect(!served.devicesHeld.isEmpty, "playing holds the device")

        #expect(served.waitUntilIdle(within: 30), "\(served.player.log)")
        #expect(eventually(within: 2) { served.devicesHeld.isEmpty }, "the device is closed after the session")
        // Both exercises' chimes, holds and the end: 2 x (exercise, hold-start, hold-end) + end.
        let onsets = Onsets.find(in: try served.studio.recorded(), quiet: 4_800)
        #expect(onsets.count == 7, "onsets at \(onsets.map { Double($0) / 48_000 })")
        #expect(served.player.log.contains("info: playing Served (2 exercises) on pulse"))
        #expect(!served.player.log.contains("\u{1B}"), "no colour codes when not on a terminal")
        #expect(!served.player.log.contains("bus"), "no session bus (a headless box): nothing said of one")

        kill(served.pid, SIGTERM)
        #expect(served.player.finish(within: 10) == 0)
        #expect(served.notify.waitFor("STOPPING=1", within: 2))
    }

    @Test func sigtermMidSessionFadesSavesThePlaceAndExitsZero() throws {
        let served = try Served(config: "device: pulse\n") // with the voice
        #expect(served.notify.waitFor("READY=1", within: 10))
        #expect(try served.ctl(["start", "morning"]).status == 0)
        #expect(eventually(within: 15) { served.studio.status("exercise") as? Int == 2 })
        kill(served.pid, SIGTERM)
        #expect(served.player.finish(within: 10) == 0, "\(served.player.log)")
        let saved = served.studio.folder.appendingPathComponent("state/stretchcue/progress.json")
        let places = try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: [[String: Any]]]
        let place = places?["places"]?.last
        #expect(place?["exerciseName"] as? String == "Two", "\(String(describing: place))")
        #expect((place?["routine"] as? String)?.hasSuffix("routines/morning.yaml") == true)
        #expect(served.player.log.contains("Next: One. a"), "serve speaks as play does: \(served.player.log)")
        let history = try String(contentsOf: served.studio.folder.appendingPathComponent("state/stretchcue/history.jsonl"), encoding: .utf8)
        #expect(history.hasPrefix(#"{"began":"#) && history.contains(#""completed":false,"done":1,"#)
                && history.contains(#""routine":"Served""#), "serve records a stopped session as play does: \(history)")

        // A new service goes on from there.
        let next = try Studio.Player(arguments: ["serve", "-D", "null"], studio: served.studio, extra: served.environment)
        served.studio.waitForSocket()
        let resumed = try served.ctl(["start", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        kill(next.process.processIdentifier, SIGTERM)
        #expect(next.finish(within: 10) == 0)
        #expect(next.log.contains("2/2    Two"), "\(next.log)")
        #expect(!next.log.contains("1/2    One"), "\(next.log)")
    }

    @Test func startErrorsChangeNothingAndStopEndsTheSession() throws {
        let served = try Served()
        #expect(served.notify.waitFor("READY=1", within: 10))
        let missing = try served.ctl(["start", "evening"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("stretchcue: no routine 'evening': no such file here, and no evening.yaml in "))
        let broken = try Program.write("name: x\nexercises: []\n", to: "broken.yaml", in: served.studio.folder)
        let bad = try served.ctl(["start", broken])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("broken.yaml:2:12: 'exercises' is empty"), "\(bad.stderr)")
        #expect(try served.studio.status()["state"] as? String == "idle")

        // Then a good one, driven like any session, and stopped: the service waits again.
        #expect(try served.ctl(["start", "morning", "--breath", "4-7-8"]).status == 0)
        #expect(served.player.waitForLog("1/2"))
        #expect(try served.ctl(["next"]).status == 0)
        let status = try served.studio.status()
        #expect(status["exercise"] as? Int == 2, "\(status)")
        #expect(status["tempo"] as? String == "4-7-8")
        #expect(try served.ctl(["stop"]).status == 0)
        #expect(served.waitUntilIdle(within: 10))
        #expect(eventually(within: 2) { served.devicesHeld.isEmpty }, "ctl stop closes the device")
        kill(served.pid, SIGTERM)
        #expect(served.player.finish(within: 10) == 0)
    }

    /// One person, one player: `play` in a terminal while `serve` waits plays through it, so
    /// that `ctl` reaches the session that sounds and a second session cannot start by accident.
    @Test func playWhileServeWaitsPlaysThereAndIsItsTerminal() throws {
        let served = try Served()
        #expect(served.notify.waitFor("READY=1", within: 10))
        let routine = try Program.write(ServeTests.routine, to: "mine.yaml", in: served.studio.folder)
        let play = try Studio.Player(arguments: ["play", routine, "--voice", "off"], studio: served.studio, extra: served.environment)
        #expect(play.waitForLog("1/2"), "play prints the cues: \(play.log)")
        #expect(play.log.hasPrefix("Served: 2 exercises, 00:"), "\(play.log)")
        #expect(served.player.log.contains("playing Served (2 exercises) on pulse"), "the session sounds through serve")
        #expect(try served.ctl(["pause"]).status == 0, "ctl reaches the session that sounds")
        #expect(served.studio.status("state") as? String == "paused")

        let second = try Program.run(["play", routine, "-D", "pulse", "--voice", "off"],
                                     environment: served.studio.environment.merging(served.environment) { $1 })
        #expect(second.status == 1)
        #expect(second.stderr == "stretchcue: a session is already playing: stretchcue ctl status says where, stretchcue ctl stop ends it\n")

        kill(play.process.processIdentifier, SIGINT) // Ctrl-C in the terminal stops the session
        #expect(play.finish(within: 10) == 130, "\(play.log)")
        #expect(play.log.contains(try Regex("stopped in One \\(1 of [0-9]+\\) after [0-9]+ s; stretchcue play --resume goes on from there")), "\(play.log)")
        #expect(served.waitUntilIdle(within: 10))
        #expect(served.player.process.isRunning, "serve waits for the next session")
        kill(served.pid, SIGTERM)
        #expect(served.player.finish(within: 10) == 0)
    }

    @Test func sighupReloadsTheConfigAndKeepsTheOldOneIfBroken() throws {
        let served = try Served(config: "device: pulse\nbreath: 6/min\n")
        #expect(served.notify.waitFor("READY=1", within: 10))
        try "device: pulse\nbreath: box\n".write(to: served.config, atomically: true, encoding: .utf8)
        kill(served.pid, SIGHUP)
        #expect(served.notify.waitFor("RELOADING=1", within: 5))
        try "device: pulse\nbreth: 4-7-8\n".write(to: served.config, atomically: true, encoding: .utf8)
        kill(served.pid, SIGHUP)
        #expect(served.player.waitForLog("config file not reloaded"))
        #expect(try served.ctl(["start", "morning"]).status == 0)
        #expect(served.studio.status("tempo") as? String == "box", "the last good config file holds")
        kill(served.pid, SIGTERM)
        #expect(served.player.finish(within: 10) == 0)
        let log = served.player.log
        #expect(log.contains("info: config file reloaded"))
        #expect(log.contains("error: config file not reloaded, the previous settings stay: \(served.config.path):2:1: unknown key 'breth' in the config file (did you mean 'breath'?)"), "\(log)")
    }
}

}

@Suite("serve and the config file")
struct ServeConfigTests {
    @Test func serveRefusesToStartOnABadConfigFile() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("stretchcue"), withIntermediateDirectories: true)
        let file = try Program.write("device: pulse\nvolume: loud\n", to: "stretchcue/config.yaml", in: folder)
        let result = try Program.run(["serve"], environment: ["XDG_CONFIG_HOME": folder.path, "XDG_RUNTIME_DIR": folder.path])
        #expect(result.status == 2)
        #expect(result.stderr == "\(file):2:9: 'volume' must be a number of dB such as -6; found 'loud'\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("stretchcue/control").path))
    }
}
