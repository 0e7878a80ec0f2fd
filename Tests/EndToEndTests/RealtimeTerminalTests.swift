import Foundation
import Testing

extension RealTime {
    /// What a person sees on a terminal while a session plays, paced by the sink: tmux, which
    /// shows what is left on the screen as a terminal emulator does.
    @Suite("on a terminal", .enabled(if: TerminalScreen.available, "needs tmux (scripts/setup installs it)"))
    struct OnATerminal {
        static let routine = """
            name: Long
            lead_in: 0.5s
            defaults: {transition: 1s, hold: 60s, breath: 3-3}
            exercises:
              - {name: One, instruction: a}
              - {name: Two, instruction: b}
            """

        func start(_ extra: [String] = [], width: Int, studio: Studio) throws -> TerminalScreen {
            let path = try Program.write(Self.routine, to: "long.yaml", in: studio.folder)
            return try TerminalScreen(["play", path, "-D", "pulse", "--voice", "off"] + extra, width: width,
                                      environment: studio.environment)
        }

        /// A row that holds a status line's progress bar.
        func hasBar(_ row: String) -> Bool { row.contains("[#") || row.contains("[.") }

        /// `?` on a phone's 40 columns: the key list breaks between keys, every row fits.
        @Test func theKeyListFitsANarrowTerminal() throws {
            let studio = try Studio()
            let screen = try start(width: 40, studio: studio)
            defer { screen.close() }
            #expect(eventually { screen.rows.contains { $0.hasPrefix("playing · 1/2 One") } }, "\(screen.text)")
            screen.press("?")
            #expect(eventually { screen.rows.contains("      q stop (the place is saved)") }, "\(screen.text)")
            for item in ["keys: space pause/resume", "      n or → next exercise", "      p or ← previous (or restart)"] {
                #expect(screen.rows.contains(item), "\(screen.text)")
            }
            #expect(screen.lines.allSatisfy { $0.count < 40 }, "nothing the terminal had to wrap: \(screen.text)")
            screen.press("q")
            #expect(eventually { screen.exitStatus == 0 }, "\(screen.text)")
        }

        /// --quiet: the status line alone, not a line for the exercise.
        @Test func quietShowsTheStatusLineAlone() throws {
            let studio = try Studio()
            let screen = try start(["--quiet"], width: 120, studio: studio)
            defer { screen.close() }
            #expect(eventually { screen.rows.contains { $0.hasPrefix("playing · 1/2 One") && hasBar($0) } }, "\(screen.text)")
            #expect(!screen.text.contains("next exercise"), "no cue lines: \(screen.text)")
            screen.press("q")
            #expect(eventually { screen.exitStatus == 0 }, "\(screen.text)")
        }

        /// Stopped with q after a skip: where it stopped, in a line of its own, and no status
        /// line left behind.
        @Test func theStopMessageSaysWhereItStopped() throws {
            let studio = try Studio()
            let screen = try start(width: 120, studio: studio)
            defer { screen.close() }
            #expect(eventually { screen.rows.contains(where: hasBar) }, "\(screen.text)")
            screen.press("n")
            #expect(eventually { screen.rows.contains { $0.hasPrefix("playing · 2/2 Two") } }, "\(screen.text)")
            screen.press("q")
            #expect(eventually { screen.exitStatus == 0 }, "\(screen.text)")
            let stopped = try Regex("^stretchcue: stopped in Two \\(2 of 2\\) after [0-9]+ s; stretchcue play --resume goes on from there$")
            #expect(screen.rows.contains { $0.contains(stopped) }, "\(screen.text)")
            #expect(!screen.rows.contains(where: hasBar), "the status line is gone: \(screen.text)")
            #expect(screen.rows.contains("exit=0"))
        }

        /// The first Ctrl-C stops the session gently; a second exits at once, and takes the
        /// status line with it rather than leaving it for the shell's prompt to follow.
        @Test func theSecondCtrlCClearsTheStatusLine() throws {
            let studio = try Studio()
            let screen = try start(width: 120, studio: studio)
            defer { screen.close() }
            // Well into the session, when fading out and playing what the device holds takes a
            // while: the second Ctrl-C comes before the first has ended the session.
            #expect(eventually { screen.rows.contains { hasBar($0) && $0.contains("00:02/") } }, "\(screen.text)")
            // Two presses, as quick as a person's: a few milliseconds apart, so that the first
            // is handled before the second arrives, yet both come before the fade has ended.
            screen.press("C-c")
            screen.press("C-c")
            #expect(eventually { screen.exitStatus != nil }, "\(screen.text)")
            #expect(screen.exitStatus == 130)
            #expect(!screen.text.contains("stopped in"), "the second Ctrl-C did not wait for the session to end: \(screen.text)")
            #expect(!screen.rows.contains(where: hasBar), "the status line is gone: \(screen.text)")
            #expect(screen.rows.contains("exit=130"), "the shell's next line starts clean: \(screen.text)")
        }

        /// A terminal made narrower (100 to 40 columns) wraps the status line anew into three
        /// rows: all three go, and the status line is drawn again within the new width.
        @Test func aTerminalMadeNarrowerKeepsNoRowsOfTheOldStatusLine() throws {
            let studio = try Studio()
            let screen = try start(width: 100, studio: studio)
            defer { screen.close() }
            #expect(eventually { screen.rows.contains { hasBar($0) && $0.count > 80 } }, "\(screen.text)")
            screen.resize(width: 40)
            #expect(eventually {
                let rows = screen.rows.filter { !$0.isEmpty }
                return rows.last.map { $0.hasPrefix("playing · 1/2 One") && $0.count < 40 } == true
            }, "\(screen.text)")
            usleep(1_200_000) // a redraw more
            let rows = screen.rows.filter { !$0.isEmpty }
            #expect(!rows.contains(where: hasBar), "no row of the old line: \(rows)")
            #expect(rows.filter { $0.hasPrefix("playing") }.count == 1, "\(rows)")
            #expect(rows.dropLast().last?.contains("next exercise: get into position") == true, "the cue line above it: \(rows)")
            screen.press("q")
            #expect(eventually { screen.exitStatus == 0 }, "\(screen.text)")
        }
    }
}
