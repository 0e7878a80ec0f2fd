import Foundation
import Testing

/// The rules of a session as a person meets them, with no device that paces in real time:
/// the control socket, resuming, devices that fail, a place that cannot be saved.
@Suite("session rules, end to end")
struct SessionRulesTests {
    let folder: URL
    let environment: [String: String]

    init() throws {
        folder = try Program.temporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("runtime"), withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        environment = ["XDG_RUNTIME_DIR": folder.appendingPathComponent("runtime").path,
                       "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
                       "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    }

    var socket: String { folder.appendingPathComponent("runtime/stretchcue/control").path }
    var savedPlace: URL { folder.appendingPathComponent("state/stretchcue/progress.json") }

    func routine(_ name: String = "routine.yaml") throws -> String {
        try Program.write("""
            name: Rules
            lead_in: 0.5s
            defaults: {transition: 1s, hold: 1s, breath: off}
            exercises:
              - {name: One, instruction: a}
              - {name: Two, instruction: b}
            """, to: name, in: folder)
    }

    func run(_ arguments: [String], extra: [String: String] = [:]) throws -> Program.Result {
        try Program.run(arguments, environment: environment.merging(extra) { $1 }, timeout: 30)
    }

    /// A `serve` with no session: a player on the socket that needs no device.
    func serve() throws -> Process {
        let process = Process()
        process.executableURL = Program.binary
        process.arguments = ["serve"]
        process.environment = Program.environment(environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        eventually { (try? run(["ctl", "status"]).status) == 0 }
        return process
    }

    func end(_ process: Process) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    func place(exercise: Int, routine: String?, fingerprint: String = "0") throws {
        try FileManager.default.createDirectory(at: savedPlace.deletingLastPathComponent(), withIntermediateDirectories: true)
        let routineField = routine.map { "\"routine\": \"\($0)\", " } ?? ""
        try """
            {\(routineField)"fingerprint": "\(fingerprint)", "exercise": \(exercise), "exerciseName": "x", "savedAt": "2026-01-01T00:00:00Z"}
            """.write(to: savedPlace, atomically: true, encoding: .utf8)
    }

    // MARK: The control socket

    @Test func ctlWithoutAPlayerSaysSo() throws {
        for command in ["status", "previous", "prev", "pause"] {
            let result = try run(["ctl", command])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr == "stretchcue: no player is running (nothing answers at \(socket))\n")
        }
    }

    @Test func aSocketFolderOpenToOthersIsRefusedAndLeftAlone() throws {
        let shared = folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: shared.path)
        let result = try run(["serve", "--socket", shared.appendingPathComponent("control").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the control socket's folder is open to others (mode 1777"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: shared.path)[.posixPermissions] as? Int
        #expect(mode == 0o1777, "a folder serve did not create is never changed")
    }

    @Test func aStaleSocketIsReplaced() throws {
        let runtime = folder.appendingPathComponent("runtime/stretchcue")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        // A socket left behind by a player that crashed: bound, never unlinked.
        let stale = Process()
        stale.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        stale.arguments = ["-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", socket]
        try stale.run()
        stale.waitUntilExit()
        let server = try serve()
        defer { end(server) }
        let status = try run(["ctl", "status", "--json"])
        #expect(status.status == 0)
        #expect(status.stdout == "{\"state\":\"idle\"}\n")
        #expect(try FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? Int == 0o600)
    }

    @Test func theSocketSurvivesHostileClients() throws {
        let server = try serve()
        defer { end(server) }
        // Unknown words, an overlong line, binary garbage, a client that never speaks, and a
        // hundred clients at once: each gets an error or is dropped.
        let script = """
            import json, socket, sys, threading, time
            path = sys.argv[1]
            def ask(data):
                s = socket.socket(socket.AF_UNIX); s.settimeout(10); s.connect(path); s.sendall(data)
                reply = b""
                while not reply.endswith(b"\\n"):
                    chunk = s.recv(4096)
                    if not chunk: break
                    reply += chunk
                s.close(); return reply
            out = {}
            out["unknown"] = json.loads(ask(b"dance\\n"))
            out["long"] = json.loads(ask(b"x" * 5000))
            out["binary"] = json.loads(ask(bytes(range(256)) + b"\\n"))
            out["json"] = json.loads(ask(b'{"command": "tempo"}\\n'))
            idle = socket.socket(socket.AF_UNIX); idle.connect(path)
            results = []
            def many():
                try: results.append(json.loads(ask(b"status\\n")).get("ok"))
                except Exception as e: results.append(str(e))
            threads = [threading.Thread(target=many) for _ in range(100)]
            [t.start() for t in threads]; [t.join() for t in threads]
            out["many"] = results
            idle.settimeout(10)
            out["idle_closed"] = idle.recv(10) == b""
            print(json.dumps(out))
            """
        let probe = try Program.run(["-c", script, socket], program: URL(fileURLWithPath: "/usr/bin/python3"), timeout: 60)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any], "\(probe.stderr)")
        func reply(_ key: String) -> [String: Any] { report[key] as? [String: Any] ?? [:] }
        #expect(reply("unknown")["ok"] as? Bool == false)
        #expect((reply("unknown")["error"] as? String)?.hasPrefix("unknown command 'dance': expected start, pause") == true)
        #expect(reply("unknown")["problem"] as? String == "input")
        #expect(reply("long")["error"] as? String == "request too long")
        #expect(reply("binary")["ok"] as? Bool == false)
        #expect(reply("json")["error"] as? String == "'tempo' needs pattern")
        let many = report["many"] as? [Any] ?? []
        #expect(many.count == 100)
        #expect(many.filter { ($0 as? Bool) == true }.count >= 90, "most are served: \(many)")
        #expect(report["idle_closed"] as? Bool == true, "a silent client is dropped")
        #expect(try run(["ctl", "status"]).status == 0, "and the player still answers")
    }

    /// 200 exercises with the voice: seconds to make ready.
    func longRoutine() throws -> String {
        var text = "name: Long\nexercises:\n"
        for index in 1...200 {
            text += "  - {name: Stretch \(index), instruction: Hold position \(index) and breathe slowly through the nose., sides: both}\n"
        }
        return try Program.write(text, to: "long.yaml", in: folder)
    }

    @Test func ctrlCWhileASessionIsPreparedEndsItAndLeavesNothing() throws {
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        let process = Process()
        process.executableURL = Program.binary
        process.arguments = ["render", try longRoutine(), "-o", output.appendingPathComponent("long.wav").path]
        process.environment = Program.environment(environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(300_000) // synthesizing the voice
        kill(process.processIdentifier, SIGINT)
        #expect(eventually(within: 10) { !process.isRunning }, "Ctrl-C is obeyed while the session is prepared")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty, "nothing left on disk")
    }

    /// A long routine with the voice takes seconds to make ready: serve answers meanwhile.
    @Test func serveAnswersWhileASessionIsPreparedAndStopGivesItUp() throws {
        let long = try longRoutine()
        let server = try serve()
        defer { end(server) }
        let start = try run(["ctl", "start", long, "-D", "null", "--no-wait"])
        #expect(start.status == 0, "\(start.stderr)")
        let status = try run(["ctl", "status", "--json"])
        let fields = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(fields["state"] as? String == "preparing" && fields["routine"] as? String == "Long"
                && fields["exercises"] as? Int == 200, "\(status.stdout)")
        let done = fields["prepared"] as? Double ?? -1
        #expect(done >= 0 && done < 1, "how much is done: \(status.stdout)")
        let said = try run(["ctl", "status"]).stdout
        #expect(said.hasPrefix("getting Long ready (200 exercises): ") && said.hasSuffix("% done\n"), "\(said)")
        #expect(try run(["ctl", "pause"]).stderr.contains("still being prepared"))
        #expect(try run(["ctl", "stop"]).status == 0)
        #expect(eventually(within: 60) { (try? run(["ctl", "status", "--json"]).stdout) == "{\"state\":\"idle\"}\n" })
        #expect(server.isRunning)
    }

    /// systemd's stop in the middle of a long preparation: serve ends at once, not when the
    /// voice of 200 exercises is done, and leaves no half-written file in the cache.
    @Test func sigtermWhileASessionIsPreparedEndsServeAtOnce() throws {
        let cache = folder.appendingPathComponent("cache")
        let long = try longRoutine()
        let process = Process()
        process.executableURL = Program.binary
        process.arguments = ["serve"]
        process.environment = Program.environment(environment.merging(["XDG_CACHE_HOME": cache.path]) { $1 })
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(eventually { (try? run(["ctl", "status"]).status) == 0 })
        #expect(try run(["ctl", "start", long, "-D", "null", "--no-wait"]).status == 0)
        #expect(eventually { (try? run(["ctl", "status"]).stdout.contains("% done")) == true })
        kill(process.processIdentifier, SIGTERM)
        #expect(eventually(within: 5) { !process.isRunning }, "serve obeys SIGTERM during a preparation")
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        // A line cut off mid-write by the exit may stay half-written until the cache is next
        // touched: whatever is there is whole lines, or goes with them.
        #expect(try run(["cache", "--clear"], extra: ["XDG_CACHE_HOME": cache.path]).status == 0)
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: cache.path)) ?? []
        #expect(left.allSatisfy { !$0.hasSuffix(".partial") && !$0.hasSuffix(".clip") }, "\(left)")
    }

    @Test func ctlStartWaitsForTheSessionOrSaysWhyItCouldNot() throws {
        let server = try serve()
        defer { end(server) }
        let failed = try run(["ctl", "start", try routine(), "-D", "no-such-device", "--voice", "off"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("stretchcue: cannot start: cannot open sound device 'no-such-device'"), "\(failed.stderr)")
        let started = try run(["ctl", "start", try routine(), "-D", "null", "--voice", "off"])
        #expect(started.status == 0, "\(started.stderr)")
    }

    // MARK: Resuming

    @Test(arguments: [-1, -100, 7])
    func aDamagedSavedPlaceIsRefusedInOneLine(exercise: Int) throws {
        let path = try routine()
        try place(exercise: exercise, routine: path, fingerprint: "unchanged-but-wrong")
        // An edited routine clamps a place past its end; a negative one is damage whatever the routine.
        let result = try run(["play", "--resume", "-D", "null", "--voice", "off"])
        if exercise < 0 {
            #expect(result.status == 2, "refused, not a crash: \(result.stderr)")
            #expect(result.stderr == "stretchcue: \(savedPlace.path): the saved place is damaged (exercise index \(exercise) in a routine of 2); remove the file to start afresh\n")
        } else {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("starting exercise 2 (Two) from its beginning"))
        }
    }

    @Test func aDamagedSavedPlaceLeavesServeWaiting() throws {
        try place(exercise: -1, routine: try routine())
        let server = try serve()
        defer { end(server) }
        let result = try run(["ctl", "start", "--resume"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the saved place is damaged"), "\(result.stderr)")
        #expect(server.isRunning)
        #expect(try run(["ctl", "status"]).stdout.contains("no session is playing"))
    }

    @Test func resumingAChangedMissingOrUnsavedRoutine() throws {
        let nothing = try run(["play", "--resume", "-D", "null"])
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "stretchcue: nothing to resume: no interrupted session is saved at \(savedPlace.path)\n")

        let path = try routine()
        try place(exercise: 0, routine: path)
        let changed = try run(["play", "--resume", "-D", "null", "--voice", "off"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("the routine changed since it was interrupted; starting exercise 1 (One) from its beginning"))

        try place(exercise: 1, routine: path)
        let other = try routine("other.yaml")
        let named = try run(["play", other, "--resume", "-D", "null"])
        #expect(named.status == 2)
        #expect(named.stderr == "stretchcue: nothing to resume for \(other): it was not interrupted (stretchcue play \(other) starts it)\n")

        try FileManager.default.removeItem(atPath: path)
        let missing = try run(["play", "--resume", "-D", "null"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "stretchcue: cannot resume: the routine \(path) no longer exists\n")
    }

    @Test func finishingAQuickRoutineKeepsTheLongOnesPlace() throws {
        let long = try routine("long.yaml")
        try place(exercise: 1, routine: long) // as a file from before routines were told apart
        let quick = try Program.write("name: Quick\nlead_in: 0s\nexercises: [{name: Q, hold: 1s, transition: 0s}]\n",
                                      to: "quick.yaml", in: folder)
        let finished = try run(["play", quick, "-D", "null", "--voice", "off"])
        #expect(finished.status == 0, "\(finished.stderr)")

        let resumed = try run(["play", "--resume", "-D", "null", "--voice", "off"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("starting exercise 2 (Two) from its beginning"), "\(resumed.stderr)")
        let again = try run(["play", quick, "--resume", "-D", "null"])
        #expect(again.stderr.contains("nothing to resume for \(quick)"), "\(again.stderr)")
    }

    // MARK: What fails

    @Test func aDeviceThatFailsOnFirstUseIsAnErrorNotAnEndlessReconnect() throws {
        let device = "file:FILE=\(folder.path)/missing-dir/x.wav,FORMAT=wav"
        let result = try run(["play", try routine(), "--voice", "off", "-D", device])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("stretchcue: sound device '\(device)' failed: snd_pcm_writei"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "no 'gone' and 'back': \(result.stderr)")
    }

    /// A FIFO nobody writes to would hold the program, and its signals, for ever.
    @Test func aPipeInPlaceOfAFileIsRefusedNotWaitedOn() throws {
        let pipe = folder.appendingPathComponent("routine.fifo").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let shown = try run(["show", pipe])
        #expect(shown.status == 2)
        #expect(shown.stderr == "\(pipe): cannot read: not a regular file (a pipe or a device)\n")
        let rendered = try run(["render", try routine(), "--sound", "end=\(pipe)", "-o", folder.appendingPathComponent("x.wav").path])
        #expect(rendered.status == 1)
        #expect(rendered.stderr == "stretchcue: \(pipe): cannot use this cue sound: not a regular file (a pipe or a device)\n")
        let server = try serve()
        defer { end(server) }
        #expect(try run(["ctl", "start", pipe]).status == 2)
        #expect(try run(["ctl", "status"]).status == 0, "serve goes on answering")
    }

    @Test func aPlaceThatCannotBeSavedIsSaidOnceAtTheStart() throws {
        let notAFolder = try Program.write("", to: "state-file", in: folder)
        let result = try run(["play", try routine(), "--voice", "off", "-D", "null"], extra: ["XDG_STATE_HOME": notAFolder])
        #expect(result.status == 0)
        #expect(result.stderr == "stretchcue: cannot save the session's place (\(notAFolder): Not a directory); --resume will not find it\n"
            + "stretchcue: cannot record the session in the history (\(notAFolder): Not a directory)\n",
            "the place before the session, the history as it ends")
    }
}
