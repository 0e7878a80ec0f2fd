import Control
import Foundation
import Glibc
import Logging
import Preparation
import Session
import Terminal

/// Where a player tells its story: a person's terminal (`play`) or the service log (`serve`).
protocol SessionOutput: AnyObject {
    /// A session is about to sound.
    func began(_ prepared: PreparedSession)
    func report(_ event: SessionEvent)
    /// Something worth knowing outside any session's events (a notice while preparing).
    func notice(_ message: String)
    /// The status line, where there is one.
    var refreshesStatus: Bool { get }
    func refresh(_ status: SessionStatus)
}

/// `play` on a terminal or a pipe: one line per cue on standard output, notices on standard
/// error, and on a terminal a status line kept below them.
final class ConsoleOutput: SessionOutput {
    /// A terminal that understands moving back to the start of the line (not `TERM=dumb`).
    let refreshesStatus = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    private let keys: Bool
    /// How `--resume` is spelled for this front end.
    private let resumeHint: String
    private let detail: Detail
    /// The status line on the screen: how wide it was drawn, and the terminal's width then.
    private var drawn: (width: Int, columns: Int)?

    /// Which cues get a line of their own.
    enum Detail {
        /// Every cue: a pipe or the journal, or `--verbose`.
        case everyCue
        /// Each exercise and side: the status line tells the rest (a terminal's default).
        case exercises
        /// None: the status line alone (`--quiet`).
        case none

        /// The cue kinds a terminal shows by default.
        static let landmarks: Set<String> = ["exercise", "switch-side", "end"]
    }

    init(keys: Bool, verbose: Bool = false, quiet: Bool = false, resumeHint: String = "stretchcue play --resume") {
        self.keys = keys
        self.resumeHint = resumeHint
        detail = quiet ? .none : verbose || !refreshesStatus ? .everyCue : .exercises
        if refreshesStatus { TerminalState.keepsStatusLine() }
    }

    func began(_ prepared: PreparedSession) {}

    func report(_ event: SessionEvent) {
        switch event.kind {
        case .begin:
            above(event.text)
            if keys { above(KeyBindings.summary) { TerminalLines.keys(KeyBindings.summaryItems, width: $0) } }
        case .cue:
            let shown = switch detail {
            case .everyCue: true
            case .exercises: Detail.landmarks.contains(event.cue ?? "")
            case .none: false
            }
            if shown { above(event.text) { TerminalLines.cue(event, width: $0) } }
        case .tempo: above(event.text)
        case .state: break
        case .warning: clearLine(); printNotice(event.text)
        case .end:
            clearLine()
            // A failure is the program's error, printed as it exits.
            if event.failed == true { return }
            if event.completed == true {
                above(event.text)
                return
            }
            printNotice(event.exercise == nil ? event.text : "\(event.text); \(resumeHint) goes on from there")
        }
    }

    func notice(_ message: String) {
        clearLine()
        printNotice(message)
    }

    func help() {
        above(KeyBindings.help) { TerminalLines.keys(KeyBindings.helpItems, width: $0) }
    }

    func refresh(_ status: SessionStatus) {
        guard refreshesStatus, status.state != .finished else { return }
        let columns = ConsoleOutput.columns()
        let line = StatusLine.text(status, width: columns - 1)
        write(eraseStatus(columns) + line)
        drawn = (DisplayWidth.of(line), columns)
    }

    /// What takes the status line away: the rows it now takes, should the terminal have got
    /// narrower since it was drawn (SIGWINCH wakes the loop that redraws it).
    private func eraseStatus(_ columns: Int) -> String {
        defer { drawn = nil }
        guard let drawn, drawn.columns != columns else { return "\r\u{1B}[K" }
        return StatusLine.erase(drawn: drawn.width, columns: columns)
    }

    /// The terminal's width now (it may have been resized); 80 when it does not say.
    static func columns() -> Int {
        terminalColumns(STDOUT_FILENO) ?? 80
    }

    /// A line above the status line: on a terminal, laid out to its width by `layout` (prose
    /// wrapped between words unless said otherwise) so that the terminal never breaks a word;
    /// on a pipe or `TERM=dumb`, as it is, one line each.
    private func above(_ line: String, _ layout: ((Int) -> [String])? = nil) {
        guard refreshesStatus else { return write(line + "\n") }
        let columns = ConsoleOutput.columns()
        // One column spare, as for the status line: some terminals wrap on the last one.
        let width = columns - 1
        let rows = layout?(width) ?? TerminalLines.text(line, width: width)
        write(eraseStatus(columns) + rows.joined(separator: "\n") + "\n")
    }

    private func clearLine() {
        if refreshesStatus { write(eraseStatus(ConsoleOutput.columns())) }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// `serve`: one log line per event (the journal, under systemd).
final class ServiceOutput: SessionOutput {
    let logger = Logger(label: "stretchcue") { _ in ServiceLogHandler() }
    private let notifier = ServiceNotifier()
    let refreshesStatus = false

    func began(_ prepared: PreparedSession) {
        let routine = prepared.timeline.routine
        let count = routine.exercises.count == 1 ? "1 exercise" : "\(routine.exercises.count) exercises"
        logger.info("playing \(routine.name) (\(count)) on \(prepared.device): \(prepared.format)")
        tell("STATUS=playing \(routine.name)")
    }

    static let waiting = "STATUS=waiting for stretchcue ctl start"

    /// Tells systemd how the service is doing (`READY=1`, `STATUS=...`); a failure is logged.
    func tell(_ state: String) {
        do {
            try notifier.notify(state)
        } catch {
            logger.warning("cannot notify systemd: \(error)")
        }
    }

    func report(_ event: SessionEvent) {
        switch event.kind {
        case .begin: break // `began` said it, with the device
        case .cue, .tempo, .state: logger.info("\(event.text)")
        case .warning: logger.warning("\(event.text)")
        case .end:
            if event.completed == true {
                logger.info("\(event.text); the sound device is closed")
            } else if event.failed == true {
                logger.error("\(event.text)")
            } else if event.exercise == nil {
                logger.info("\(event.text)")
            } else {
                logger.info("session \(event.text); the sound device is closed; stretchcue ctl start --resume goes on from there")
            }
            tell(ServiceOutput.waiting)
        }
    }

    func notice(_ message: String) {
        logger.notice("\(message)")
    }

    func refresh(_ status: SessionStatus) {}
}
