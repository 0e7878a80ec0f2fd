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
