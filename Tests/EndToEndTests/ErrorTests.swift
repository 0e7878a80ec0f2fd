import Foundation
import Testing

@Suite("what a person sees when something is wrong")
struct ErrorTests {
    func routine(_ text: String) throws -> (path: String, folder: URL) {
        let folder = try Program.temporaryFolder()
        return (try Program.write(text, to: "routine.yaml", in: folder), folder)
    }

    @Test(arguments: [
        ("name: x\nexercises:\n  - name: a\n    instrction: b\n",
         "4:5: unknown key 'instrction' in exercise 1 (did you mean 'instruction'?)"),
        ("name: x\nexercises:\n  - name: a\n    instruction: b\n    transition: -3s\n",
         "5:17: 'transition' cannot be negative; found '-3s'"),
        ("name: x\nexercises:\n  - name: a\n    instruction: b\n    hold: 45m\n",
         "5:11: 'hold' of 45 min is too long: at most 30 min"),
        ("name: x\nexercises:\n  - name: a\n    instruction: b\n    repetitions: many\n",
         "5:18: 'repetitions' must be a whole number from 1 to 100; found 'many'"),
        ("name: x\nexercises:\n  - name: a\n    instruction: b\n    breath: 4-\n",
         "5:13: invalid breathing pattern '4-'"),
        ("name: x\nexercises: [\n", "YAML syntax error"),
        ("name: [a, b]\nexercises: [{name: a}]\n", "1:7: 'name' must be a single value, not a list"),
    ])
    func checkReportsTheLineAndExits2(text: String, message: String) throws {
        let (path, folder) = try routine(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Program.run(["check", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let line = result.stderr.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix(path + ":"), "\(line)")
        #expect(line.contains(message), "\(line)")
        #expect(!line.contains("\n"), "one line only")
    }

    @Test func checkIsSilentOnGoodRoutines() throws {
        let result = try Program.run(["check", Program.root.appendingPathComponent("routines/lower-back.yaml").path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test func missingRoutineFile() throws {
        let result = try Program.run(["show", "/nonexistent/routine.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == "/nonexistent/routine.yaml: cannot read: No such file or directory\n")
    }

    @Test func badBreathPatternOnTheCommandLine() throws {
        for pattern in ["0/min", "4-", "abc", "4-4-4-4-4", "0.5-4"] {
            let result = try Program.run(["show", "--breath", pattern])
            #expect(result.status == 2, "\(pattern)")
            #expect(result.stderr.contains("invalid breathing pattern '\(pattern)'"), "\(result.stderr)")
            #expect(result.stderr.contains("4-7-8"), "lists the accepted forms")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func unknownDeviceFailsInOneLine() throws {
        let result = try Program.run(["play", "-D", "no-such-device"])
        #expect(result.status == 1)
        #expect(result.stderr == "stretchcue: cannot open sound device 'no-such-device': snd_pcm_open(no-such-device): No such file or directory; " +
                "'stretchcue devices' lists the devices there are\n")
    }

    @Test func unusableSoundFileIsNamed() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Program.write("not audio at all", to: "chime.wav", in: folder)
        let output = folder.appendingPathComponent("out.wav").path
        for sound in [text, folder.path, "/nonexistent/end.wav"] {
            let result = try Program.run(["render", "--sound", "end=\(sound)", "-o", output])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("stretchcue: \(sound): cannot use this cue sound: "), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        let kind = try Program.run(["render", "--sound", "gong=\(text)", "-o", output])
        #expect(kind.status == 2)
        #expect(kind.stderr.contains("unknown cue kind 'gong'"))
    }

    @Test func failedRenderLeavesNothing() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Program.run(["render", "-o", folder.appendingPathComponent("no/such/dir/out.wav").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))

        let format = try Program.run(["render", "-o", folder.appendingPathComponent("out.mp3").path])
        #expect(format.status == 2)
        #expect(format.stderr.contains(".wav, .flac, .ogg or .au, or give --format"))

        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked.path) }
        if getuid() != 0 { // root writes anywhere
            let readOnly = try Program.run(["render", "-o", locked.appendingPathComponent("out.wav").path])
            #expect(readOnly.status == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["locked"])
    }

    @Test func aRenderOverAFileKeepsItsPermissionsAndClearsWhatAKilledOneLeft() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("name: S\nexercises:\n  - {name: a, instruction: b, hold: 2s}\n", to: "s.yaml", in: folder)
        let output = folder.appendingPathComponent("session.wav")
        try Data("old".utf8).write(to: output)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: output.path)
        // What a render killed with SIGKILL left: its process is gone.
        var gone: Int32 = 4_000_000
        while kill(gone, 0) == 0 || errno != ESRCH { gone -= 1 }
        let stale = folder.appendingPathComponent(".session.wav.partial-\(gone)")
        try Data("half".utf8).write(to: stale)
        let result = try Program.run(["render", routine, "--voice", "off", "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int == 0o600)
        #expect(!FileManager.default.fileExists(atPath: stale.path), "the stale partial file is gone")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["s.yaml", "session.wav"])
    }

    @Test func interruptedRenderLeavesNothing() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Eight hours at 192 kHz: long enough to be interrupted half-way.
        let path = try Program.write("""
            name: Long
            exercises:
            \(String(repeating: "  - {name: a, instruction: b, hold: 30m, repetitions: 8, rest: 0s}\n", count: 2))
            """, to: "long.yaml", in: folder)
        let output = folder.appendingPathComponent("session.wav").path
        let process = Process()
        process.executableURL = Program.binary
        process.arguments = ["render", path, "--rate", "192000", "-o", output]
        process.standardError = Pipe()
        try process.run()
        // Wait until the temporary file exists, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline,
              !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains(where: { $0.contains("partial") }) {
            usleep(10_000)
        }
        usleep(200_000)
        process.interrupt()
        let patience = Date().addingTimeInterval(10)
        while process.isRunning, Date() < patience { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["long.yaml"])
    }

    @Test func helpTeachesWithExamples() throws {
        for command in ["play", "show", "render", "check"] {
            let result = try Program.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"), "\(command)")
        }
        let top = try Program.run(["--help"])
        #expect(top.stdout.contains("Exit status: 0 success; 1"))
    }

    /// play's help has a newcomer's options first (the session, the sound) and the whole voice
    /// block; the other commands that take the voice options say so in one line rather than
    /// repeat nine of them, and still take them.
    @Test func theVoiceOptionsAreListedOnceInPlaysHelp() throws {
        let play = try Program.run(["play", "--help"]).stdout
        let voice = try Program.run(["voice", "--help"]).stdout
        for option in ["--voice <on|off>", "--voice-engine", "--voice-name", "--voice-rate", "--voice-command", "--voice-pack",
                       "--guidance", "--language", "--countdown"] {
            #expect(play.contains("  \(option)"), "\(option) in play's help")
            #expect(voice.contains("  \(option)"), "\(option) in voice's help")
        }
        let sections = ["SESSION:", "SOUND:", "SPOKEN GUIDANCE:"].compactMap { play.range(of: $0)?.lowerBound }
        #expect(sections.count == 3 && sections == sections.sorted(), "the session and the sound before the voice")
        #expect(play.split(separator: "\n", omittingEmptySubsequences: false).count <= 70, "\(play)")
        for command in [["render"], ["show"], ["serve"], ["config"], ["ctl", "start"]] {
            let help = try Program.run(command + ["--help"]).stdout
            #expect(!help.contains("--voice-engine") && !help.contains("--countdown"), "\(command): \(help)")
            #expect(help.replacingOccurrences(of: "\n", with: " ").contains("It takes play's voice options too (--voice off, --voice-name, --guidance, ...): stretchcue play --help lists them."),
                    "\(command): \(help)")
        }
        let shown = try Program.run(["show", "--voice", "off", "--countdown", "3"])
        #expect(shown.status == 0, "the options are still taken: \(shown.stderr)")
    }
    /// Whether this machine lets the tests mount a small tmpfs (root with the capability).
    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? Program.temporaryFolder() else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard (try? ErrorTests.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path])) == 0 else { return false }
        _ = try? ErrorTests.mount(["-u", folder.path], program: "/bin/umount")
        return true
    }()

    @discardableResult
    static func mount(_ arguments: [String], program: String = "/bin/mount") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = program.hasSuffix("umount") ? arguments.filter { $0 != "-u" } : arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: ErrorTests.canMount, "needs root to mount a small tmpfs"))
    func fullOrReadOnlyDiskLeavesNothing() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ErrorTests.mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", folder.path])
        defer { _ = try? ErrorTests.mount(["-u", folder.path], program: "/bin/umount") }
        let full = try Program.run(["render", "-o", folder.appendingPathComponent("session.wav").path])
        #expect(full.status == 1)
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

        try ErrorTests.mount(["-o", "remount,ro", folder.path])
        let readOnly = try Program.run(["render", "-o", folder.appendingPathComponent("session.wav").path])
        #expect(readOnly.status == 1)
        #expect(readOnly.stderr.contains("Read-only file system"), "\(readOnly.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
