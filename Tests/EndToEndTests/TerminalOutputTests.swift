import Foundation
import Testing

/// What a session shows on a terminal, played on ALSA's `null` device, which takes the sound
/// as fast as it is made: the lines, not their timing.
@Suite("a session on a terminal", .enabled(if: TerminalScreen.available, "needs tmux (scripts/setup installs it)"))
struct TerminalOutputTests {
    /// Two exercises, one with sides, breath cues on: every kind of line a session prints.
    static let routine = """
        name: Lines
        lead_in: 0.5s
        defaults: {transition: 2s, hold: 4s, breath: 2-2}
        exercises:
          - {name: Supine twist, instruction: a, sides: both}
          - {name: Sitting rotational stretch, instruction: b}
        """

    func session(_ extra: [String], width: Int) throws -> (screen: TerminalScreen, folder: URL) {
        let folder = try Program.temporaryFolder()
        let path = try Program.write(Self.routine, to: "lines.yaml", in: folder)
        let screen = try TerminalScreen(["play", path, "-D", "null", "--voice", "off"] + extra, width: width,
                                        environment: ["XDG_RUNTIME_DIR": folder.path, "XDG_STATE_HOME": folder.path])
        #expect(eventually(within: 60) { screen.exitStatus != nil }, "\(screen.text)")
        return (screen, folder)
    }

    /// No line is left for the terminal to wrap, at a phone's 40 columns, at 80 and at 120: the
    /// columns close up, and what still does not fit goes on the next row, indented, between
    /// words. Each width keeps what matters: the exercise, its number, the side.
    @Test(arguments: [40, 80, 120])
    func everyLineFitsTheTerminal(width: Int) throws {
        let (screen, folder) = try session(["--verbose"], width: width)
        defer {
            screen.close()
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(screen.exitStatus == 0, "\(screen.text)")
        let lines = screen.lines.filter { !$0.isEmpty }
        #expect(lines.count > 15, "\(screen.text)")
        for line in lines {
            #expect(line.count < width, "the terminal wrapped: \(line)")
        }
        switch width {
        case 40:
            #expect(lines.contains("00:18  2/2  Sitting rotational stretch"), "\(screen.text)")
            #expect(lines.contains("       right  switch sides"), "\(screen.text)")
            #expect(lines.contains("      p/← previous · +/↑ -/↓ tempo"), "the keys break between keys: \(screen.text)")
        case 80:
            #expect(lines.contains("00:06  1/2  Supine twist  right  switch sides"), "\(screen.text)")
        default:
            #expect(lines.contains("00:06  1/2    Supine twist                right           switch-side  switch sides"),
                    "as show prints it, where it fits: \(screen.text)")
        }
    }

    /// Pipes and the journal keep one line per cue, as `show` prints them.
    @Test func aPipeGetsEveryCueOnALineOfItsOwn() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Program.write(Self.routine, to: "lines.yaml", in: folder)
        let played = try Program.run(["play", path, "-D", "null", "--voice", "off"], environment: ["XDG_STATE_HOME": folder.path])
        let shown = try Program.run(["show", path, "--voice", "off"])
        let cues = shown.stdout.split(separator: "\n").dropFirst().dropLast()
        #expect(played.stdout.split(separator: "\n").dropFirst().dropLast() == cues, "\(played.stdout)")
        #expect(cues.contains { $0.count > 80 }, "lines a terminal of 80 would have wrapped")
    }
}

extension TerminalOutputTests {
    /// The default on a terminal is a line for each exercise and side, the status line telling
    /// the rest; --verbose a line for every cue, breaths and holds included.
    @Test func verboseShowsEveryCueWhereTheDefaultShowsTheExercises() throws {
        let (plain, first) = try session([], width: 120)
        let (verbose, second) = try session(["--verbose"], width: 120)
        defer {
            plain.close()
            verbose.close()
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(plain.exitStatus == 0 && verbose.exitStatus == 0, "\(plain.text)\n\(verbose.text)")
        for kind in ["exercise", "switch-side", "end"] {
            #expect(plain.text.contains("  \(kind)  "), "\(plain.text)")
            #expect(verbose.text.contains("  \(kind)  "), "\(verbose.text)")
        }
        for kind in ["hold-start", "inhale", "exhale", "hold-end"] {
            #expect(!plain.text.contains(kind), "\(plain.text)")
            #expect(verbose.text.contains("  \(kind)  "), "\(verbose.text)")
        }
    }

    /// What a program writes to a terminal, escape codes and all: script(1)'s pseudo-terminal.
    func typescript(_ arguments: [String], term: String) throws -> String {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Program.write(Self.routine, to: "lines.yaml", in: folder)
        let command = ([Program.binary.path, "play", path, "-D", "null", "--voice", "off"] + arguments)
            .map { "'\($0)'" }.joined(separator: " ")
        let terminal = Process()
        terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        terminal.arguments = ["-qfec", command, "/dev/null"]
        terminal.environment = Program.environment(["TERM": term, "XDG_RUNTIME_DIR": folder.path, "XDG_STATE_HOME": folder.path])
        let keys = Pipe(), screen = Pipe()
        terminal.standardInput = keys
        terminal.standardOutput = screen
        try terminal.run()
        let pid = terminal.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        let written = screen.fileHandleForReading.readDataToEndOfFile()
        terminal.waitUntilExit()
        keys.fileHandleForWriting.closeFile()
        return String(decoding: written, as: UTF8.self)
    }

    /// TERM=dumb cannot move the cursor: no escape code, no status line, and a line for every
    /// cue, as a pipe gets them.
    @Test func aDumbTerminalGetsNoEscapeCodes() throws {
        let written = try typescript([], term: "dumb")
        #expect(!written.contains("\u{1B}"), "\(written.debugDescription)")
        #expect(!written.contains("\r\u{1B}") && !written.contains("playing ·"), "no status line")
        for kind in ["exercise", "hold-start", "inhale", "switch-side", "end"] {
            #expect(written.contains("  \(kind)  "), "every cue: \(written)")
        }
    }
}
