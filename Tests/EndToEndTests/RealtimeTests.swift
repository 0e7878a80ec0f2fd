import Foundation
import SoundFile
import Testing

/// Plays into a real-time PulseAudio null sink and listens to what came out. The sink adds its
/// own latency, so these tests compare the spacing between sounds, never absolute times.
@Suite("real-time playback and control", .enabled(if: SoundServer.available, "needs the PulseAudio that scripts/test starts"))
struct RealtimeTests {
    static let rate = Double(Studio.rate)

    func routine(_ text: String, in studio: Studio) throws -> String {
        try Program.write(text, to: "routine.yaml", in: studio.folder)
    }

    /// Finds `kinds` in the recording in order, each by correlation with its own sound near
    /// where the previous one and the schedule say it should be; returns their frames.
    func locate(_ cues: [ShowDocument.Cue], in audio: [Float], finder: CueFinder) -> [Int] {
        guard let first = Onsets.find(in: audio).first else { return [] }
        var found: [Int] = []
        for cue in cues {
            let expected = found.isEmpty ? first : found.last! + cue.frame - cues[found.count - 1].frame
            found.append(expected + finder.bestLag(of: cue.kind, near: expected, in: audio, reach: 2_400))
        }
        return found
    }

    @Test func cueSpacingMatchesTheScheduleWithinOneMillisecond() throws {
        let studio = try Studio()
        let path = try routine("""
            name: Spacing
            lead_in: 0.5s
            outro: 0.5s
            defaults: {transition: 3s, hold: 3.2s, gap: 3s, switch: 3.1s, breath: off}
            exercises:
              - {name: One, instruction: a, sides: both}
              - {name: Two, instruction: b}
            """, in: studio)
        let document = try ShowDocument.load([path, "--voice", "off"])
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
        #expect(player.finish(within: 60) == 0, "\(player.log)")
        usleep(300_000)
        let audio = try studio.recorded()
        let found = locate(document.cues, in: audio, finder: try CueFinder(rate: Studio.rate))
        try #require(found.count == document.cues.count)
        for i in 1..<found.count {
            let measured = found[i] - found[i - 1]
            let scheduled = document.cues[i].frame - document.cues[i - 1].frame
            #expect(abs(measured - scheduled) <= 48, "cue \(i) (\(document.cues[i].kind)): \(measured - scheduled) frames off")
        }
    }

    @Test func pauseFreezesTheClockAndResumeLeadsIn() throws {
        let studio = try Studio()
        let path = try routine("""
            name: Pause
            lead_in: 0.5s
            outro: 0.5s
            exercises:
              - {name: One, instruction: a, transition: 6s, hold: 3s, breath: off, gap: 2s}
            """, in: studio)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
        player.waitUntilControllable(studio)
        usleep(2_500_000) // after the exercise chime has rung out
        #expect(try studio.ctl(["pause"]).status == 0)
        usleep(400_000)
        let paused = try studio.status()
        usleep(1_500_000)
        let stillPaused = try studio.status()
        #expect(paused["paused"] as? Bool == true)
        #expect(paused["elapsed"] as? Double == stillPaused["elapsed"] as? Double, "the session clock stands still")
        #expect(try studio.ctl(["resume"]).status == 0)
        #expect(player.finish(within: 30) == 0, "\(player.log)")
        usleep(300_000)

        // exercise chime, pause chime, resume chime, hold-start, hold-end, end.
        let audio = try studio.recorded()
        let onsets = Onsets.find(in: audio, quiet: 4_800)
        try #require(onsets.count == 6, "onsets at \(onsets.map { Double($0) / Self.rate })")
        let transition = Double(onsets[3] - onsets[0]) / Self.rate
        let pausedFor = Double(onsets[2] - onsets[1]) / Self.rate
        // 6 s of transition, stretched by the pause and the 1.5 s lead-in after resuming: no
        // part of the session is lost or heard twice, to within 50 ms.
        let extra = transition - (6 + pausedFor + 1.5)
        #expect(abs(extra) < 0.05, "transition \(transition) s, paused \(pausedFor) s")
        #expect(pausedFor > 1.5)
    }

    @Test func nextAndPreviousJumpBetweenExercises() throws {
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
        player.waitUntilControllable(studio)
        // Two seconds apart, so each chime has rung out before the next one starts.
        usleep(2_000_000)
        #expect(try studio.ctl(["next"]).status == 0)
        usleep(300_000)
        #expect(try studio.status()["exercise"] as? Int == 2)
        usleep(1_700_000)
        #expect(try studio.ctl(["prev"]).status == 0, "less than 3 s into Two: back to One")
        usleep(300_000)
        #expect(try studio.status()["exercise"] as? Int == 1)
        usleep(1_700_000)
        #expect(try studio.ctl(["next"]).status == 0)
        usleep(2_000_000)
        #expect(try studio.ctl(["next"]).status == 0)
        usleep(300_000)
        #expect(try studio.status()["exercise"] as? Int == 3)
        usleep(1_700_000)
        #expect(try studio.ctl(["stop"]).status == 0)
        #expect(player.finish(within: 10) == 0)
        usleep(300_000)
        let audio = try studio.recorded()
        // Five exercise chimes (One, Two, One, Two, Three) and no hold: every skip came first.
        let onsets = Onsets.find(in: audio, quiet: 4_800)
        #expect(onsets.count == 5, "onsets at \(onsets.map { Double($0) / Self.rate })")
        #expect(player.log.contains("Three"))
    }

    @Test func tempoChangesAtTheNextBreath() throws {
        let studio = try Studio()
        let path = try routine("""
            name: Tempo
            lead_in: 0.5s
            exercises:
              - {name: One, instruction: a, transition: 2s, hold: 40s, breath: 6/min}
            """, in: studio)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off", "--volume", "6"])
        player.waitUntilControllable(studio)
        usleep(4_000_000) // into the hold, during the first inhale (2.5 s to 7.5 s)
        #expect(try studio.ctl(["tempo", "3-2-4"]).status == 0)
        #expect(try studio.status()["tempo"] as? String == "3-2-4")
        usleep(17_000_000)
        #expect(try studio.ctl(["stop"]).status == 0)
        #expect(player.finish(within: 10) == 0)
        usleep(300_000)
        let audio = try studio.recorded()
        // Exercise chime, then 2 s to the hold and its inhale; the inhale runs its 5 s at
        // 6/min; from the next boundary on the new pattern goes on from that phase: exhale 4 s,
        // inhale 3 s, breath-hold 2 s, exhale 4 s.
        let onsets = Onsets.find(in: audio, threshold: 0.002, quiet: 2_400)
        let gaps = zip(onsets.dropFirst(), onsets).map { (Double($0 - $1) / Self.rate * 10).rounded() / 10 }
        #expect(Array(gaps.prefix(6)) == [2.0, 5.0, 4.0, 3.0, 2.0, 4.0], "gaps \(gaps)")
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
        player.waitUntilControllable(studio)
        usleep(1_000_000) // into the first exercise (from the lead-in, "next" goes to the first)
        kill(player.process.processIdentifier, SIGUSR1)
        usleep(300_000)
        #expect(try studio.status()["paused"] as? Bool == true)
        kill(player.process.processIdentifier, SIGUSR1)
        usleep(300_000)
        #expect(try studio.status()["paused"] as? Bool == false)
        kill(player.process.processIdentifier, SIGUSR2)
        usleep(300_000)
        let skipped = try studio.status()
        #expect(skipped["exercise"] as? Int == 2, "\(skipped)")
        kill(player.process.processIdentifier, SIGINT)
        #expect(player.finish(within: 5) == 0)
        #expect(!FileManager.default.fileExists(atPath: studio.folder.appendingPathComponent("stretchcue/control").path),
                "the control socket is removed on the way out")
    }

    @Test func ctlWithoutPlayerSaysSo() throws {
        let studio = try Studio()
        let result = try studio.ctl(["status"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("stretchcue: no player is running"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func keyboardControlsAndTerminalIsRestored() throws {
        let studio = try Studio()
        let path = try routine("""
            name: Keys
            lead_in: 0.5s
            defaults: {transition: 8s, hold: 2s, breath: off}
            exercises:
              - {name: One, instruction: a}
              - {name: Two, instruction: b}
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

        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? studio.ctl(["status"]).status) != 0 { usleep(50_000) }
        usleep(1_000_000) // into the first exercise
        press(" ")
        usleep(400_000)
        #expect(try studio.status()["paused"] as? Bool == true)
        press(" ")
        press("\u{1B}[C") // Right arrow: next exercise
        usleep(1_200_000)
        #expect(try studio.status()["exercise"] as? Int == 2)
        #expect(screen().contains("2/2 Two"), "the status line shows the exercise")
        press("q")
        let end = Date().addingTimeInterval(5)
        while Date() < end, !screen().contains("exit=") { usleep(100_000) }
        keys.fileHandleForWriting.closeFile()
        terminal.waitUntilExit()
        let after = screen()
        #expect(after.contains("exit=0"))
        #expect(after.contains(" icanon") && !after.contains("-icanon"), "line editing is back")
        #expect(after.contains(" echo ") && !after.contains("-echo "), "echo is back")
    }
    @Test func stopFadesOutWithoutAClick() throws {
        let studio = try Studio()
        // A steady tone as the exercise chime, so the fade is easy to see.
        let tone = studio.folder.appendingPathComponent("tone.wav").path
        let writer = try SoundFile(writingAt: tone, format: .wavFloat, sampleRate: 48_000, channels: 1)
        let samples = (0..<96_000).map { Float(0.8 * sin(2 * Double.pi * 220 * Double($0) / 48_000)) }
        try samples.withUnsafeBufferPointer { try writer.writeFrames($0) }
        try writer.close()
        let path = try routine("""
            name: Fade
            lead_in: 0.5s
            exercises:
              - {name: One, instruction: a, transition: 5s, hold: 2s, breath: off}
            """, in: studio)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off", "--sound", "exercise=\(tone)"])
        player.waitUntilControllable(studio)
        usleep(800_000) // the tone sounds from 0.5 s to 2.5 s
        #expect(try studio.ctl(["stop"]).status == 0)
        #expect(player.finish(within: 5) == 0)
        usleep(300_000)
        let audio = try studio.recorded()
        guard let last = audio.lastIndex(where: { abs($0) > 0.001 }), last > 9_600 else {
            Issue.record("nothing recorded"); return
        }
        func peak(_ range: Range<Int>) -> Float { audio[range].map(abs).max() ?? 0 }
        let steady = peak((last - 9_600)..<(last - 4_800))
        #expect(steady > 0.2, "the tone was playing: \(steady)")
        // About 50 ms (2400 frames) of ramp: down to half in its middle, near nothing at its end.
        #expect(peak((last - 1_400)..<(last - 1_000)) < steady * 0.6)
        #expect(peak((last - 200)..<(last + 1)) < steady * 0.15, "no click at the end")
        #expect(peak((last - 3_600)..<(last - 3_000)) > steady * 0.9, "the ramp is short")
    }

    @Test func staleSocketIsReplaced() throws {
        let studio = try Studio()
        let folder = studio.folder.appendingPathComponent("stretchcue")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // A socket left behind by a player that crashed: bound, never closed by unlinking.
        let stale = Process()
        stale.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        stale.arguments = ["-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])",
                           folder.appendingPathComponent("control").path]
        try stale.run()
        stale.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("control").path))
        let path = try routine("name: S\nexercises:\n  - {name: a, instruction: b, transition: 4s, hold: 2s}\n", in: studio)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
        player.waitUntilControllable(studio)
        #expect(try studio.ctl(["status"]).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("control").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try studio.ctl(["stop"]).status == 0)
        #expect(player.finish(within: 5) == 0)
        #expect(!player.log.contains("no remote control"))
    }
    @Test func controlSocketSurvivesHostileClients() throws {
        let studio = try Studio()
        let path = try routine("name: S\nexercises:\n  - {name: a, instruction: b, transition: 3s, hold: 20s}\n", in: studio)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
        player.waitUntilControllable(studio)
        let socketPath = studio.folder.appendingPathComponent("stretchcue/control").path
        // Unknown words, an overlong line, binary garbage, a client that never speaks, and a
        // hundred clients at once: each gets an error or is dropped.
        let script = """
            import json, socket, sys, threading, time
            path = sys.argv[1]
            def ask(data, wait=True):
                s = socket.socket(socket.AF_UNIX); s.settimeout(10); s.connect(path); s.sendall(data)
                reply = b""
                while wait and not reply.endswith(b"\\n"):
                    chunk = s.recv(4096)
                    if not chunk: break
                    reply += chunk
                s.close(); return reply
            out = {}
            out["unknown"] = json.loads(ask(b"dance\\n"))
            out["long"] = json.loads(ask(b"x" * 5000))
            out["binary"] = json.loads(ask(bytes(range(256)) + b"\\n"))
            idle = socket.socket(socket.AF_UNIX); idle.connect(path)
            results = []
            def many():
                try: results.append(json.loads(ask(b"status\\n")).get("ok"))
                except Exception as e: results.append(str(e))
            threads = [threading.Thread(target=many) for _ in range(100)]
            [t.start() for t in threads]; [t.join() for t in threads]
            out["many"] = results
            idle.settimeout(10)
            start = time.time(); out["idle_closed"] = idle.recv(10) == b""; out["idle_after"] = round(time.time() - start)
            print(json.dumps(out))
            """
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        probe.arguments = ["-c", script, socketPath]
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
        #expect((report["unknown"] as? [String: Any])?["ok"] as? Bool == false)
        #expect(((report["unknown"] as? [String: Any])?["error"] as? String)?.hasPrefix("unknown command 'dance'") == true)
        #expect((report["long"] as? [String: Any])?["error"] as? String == "request too long")
        #expect((report["binary"] as? [String: Any])?["ok"] as? Bool == false)
        let many = report["many"] as? [Any] ?? []
        #expect(many.count == 100)
        #expect(many.allSatisfy { ($0 as? Bool) == true || ($0 as? String) != nil }, "each answered or refused")
        #expect(many.filter { ($0 as? Bool) == true }.count >= 90, "most are served: \(many)")
        #expect(report["idle_closed"] as? Bool == true, "a silent client is dropped")
        // The player is still fine and still playing.
        let status = try studio.status()
        #expect(status["paused"] as? Bool == false)
        #expect(try studio.ctl(["stop"]).status == 0)
        #expect(player.finish(within: 5) == 0)
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
        let state = studio.folder.appendingPathComponent("state")
        let environment = ["XDG_STATE_HOME": state.path]
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"], extra: environment)
        player.waitUntilControllable(studio)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, (try? studio.status()["exercise"] as? Int) != 2 { usleep(100_000) }
        usleep(500_000)
        kill(player.process.processIdentifier, SIGKILL)
        _ = player.finish(within: 5)
        let saved = state.appendingPathComponent("stretchcue/progress.json")
        #expect(FileManager.default.fileExists(atPath: saved.path))

        // Resume on a device that does not pace: the session goes on from Two's chime.
        let resumed = try Program.run(["play", "--resume", "-D", "null"], environment: studio.environment.merging(environment) { $1 })
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let lines = resumed.stdout.split(separator: "\n")
        #expect(lines.dropFirst().first?.contains("2/3") == true && lines.dropFirst().first?.contains("exercise") == true, "\(lines)")
        #expect(!resumed.stdout.contains("1/3"))
        #expect(!FileManager.default.fileExists(atPath: saved.path), "a completed session leaves nothing to resume")

        let nothing = try Program.run(["play", "--resume", "-D", "null"], environment: environment)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.hasPrefix("stretchcue: nothing to resume"))
    }

    @Test func resumingAChangedOrMissingRoutine() throws {
        let studio = try Studio()
        let path = try routine("name: R\nexercises:\n  - {name: a, instruction: b, transition: 1s, hold: 20s}\n  - {name: c, instruction: d}\n", in: studio)
        let state = studio.folder.appendingPathComponent("state")
        let environment = ["XDG_STATE_HOME": state.path]
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"], extra: environment)
        player.waitUntilControllable(studio)
        usleep(2_000_000)
        #expect(try studio.ctl(["stop"]).status == 0, "stopping saves the place")
        _ = player.finish(within: 5)
        try "name: R\nexercises:\n  - {name: a, instruction: changed, hold: 2s}\n  - {name: c, instruction: d}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try Program.run(["play", "--resume", "-D", "null"], environment: environment)
        #expect(changed.status == 0)
        #expect(changed.stderr.contains("the routine changed since it was interrupted; starting exercise 1 (a) from its beginning"))

        let again = try studio.start(["play", path, "-D", "pulse", "--voice", "off"], extra: environment)
        again.waitUntilControllable(studio)
        #expect(try studio.ctl(["stop"]).status == 0)
        _ = again.finish(within: 5)
        try FileManager.default.removeItem(atPath: path)
        let missing = try Program.run(["play", "--resume", "-D", "null"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.stderr == "stretchcue: cannot resume: the routine \(URL(fileURLWithPath: path).standardizedFileURL.path) no longer exists\n")
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
        var deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !FileManager.default.fileExists(atPath: socket) { usleep(50_000) }

        let path = try routine("""
            name: Gone
            lead_in: 0.5s
            exercises:
              - {name: a, instruction: b, transition: 2s, hold: 30s, breath: 6/min}
            """, in: studio)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"], extra: ["PULSE_SERVER": address, "PULSE_SINK": "cue"])
        player.waitUntilControllable(studio)
        usleep(7_500_000) // into the hold, past the exhale at 7 s
        let before = try studio.status()["elapsed"] as? Double ?? 0
        try server(["--kill"])
        deadline = Date().addingTimeInterval(5)
        while Date() < deadline, try studio.status()["waiting_for_device"] as? Bool != true { usleep(100_000) }
        let waiting = try studio.status()
        #expect(waiting["waiting_for_device"] as? Bool == true, "\(waiting)")
        usleep(1_500_000)
        #expect(try studio.status()["elapsed"] as? Double == waiting["elapsed"] as? Double, "the session waits too")
        try server(start)
        deadline = Date().addingTimeInterval(12)
        while Date() < deadline, try studio.status()["waiting_for_device"] as? Bool != false { usleep(100_000) }
        let back = try studio.status()
        #expect(back["waiting_for_device"] as? Bool == false, "the player found the device again")
        #expect((back["elapsed"] as? Double ?? 99) < before, "it goes on from a few seconds before where sound stopped")
        usleep(3_500_000)
        #expect(try studio.ctl(["stop"]).status == 0)
        #expect(player.finish(within: 5) == 0, "\(player.log)")
        let log = player.log
        #expect(log.components(separatedBy: "the sound device is gone").count == 2, "said once")
        #expect(log.components(separatedBy: "the sound device is back").count == 2, "said once")
        // The cue heard last before the failure sounds again after it: none is missing.
        let afterBack = log.components(separatedBy: "the sound device is back").last ?? ""
        #expect(afterBack.contains("exhale"), "\(log)")
    }

    @Test func stoppedProcessLosesNoCue() throws {
        let studio = try Studio()
        let path = try routine("""
            name: Stop
            lead_in: 0.5s
            outro: 0.5s
            exercises:
              - {name: a, instruction: b, transition: 1s, hold: 12s, breath: 4-4, gap: 1s}
            """, in: studio)
        let expected = try ShowDocument.load([path, "--voice", "off"]).cues.map(\.kind)
        let player = try studio.start(["play", path, "-D", "pulse", "--voice", "off"])
        player.waitUntilControllable(studio)
        usleep(3_000_000)
        kill(player.process.processIdentifier, SIGSTOP)
        usleep(3_000_000) // longer than the 2 s the device holds: it runs dry
        kill(player.process.processIdentifier, SIGCONT)
        #expect(player.finish(within: 30) == 0, "\(player.log)")
        // Every cue, in order, logged as it was heard: the underrun lost none.
        let known = Set(expected)
        let printed = player.log.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: " ").map(String.init).first { known.contains($0) }
        }
        #expect(printed == expected, "\(player.log)")
        #expect(player.log.components(separatedBy: "ran dry").count == 2, "the underrun is said once")
    }
}
