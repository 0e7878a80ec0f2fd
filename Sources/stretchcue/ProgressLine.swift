import Foundation
import Glibc

/// A bar on a terminal's standard error for work that takes a while: nothing during the first
/// half second (most preparations are done by then), a redraw at most ten times a second, and
/// nothing at all when standard error is not a terminal (a pipe, the journal, `TERM=dumb`).
final class ProgressLine {
    static let onTerminal = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    /// Work done sooner than this shows no bar.
    static let quietFor: Duration = .milliseconds(500)

    private let label: String
    private let started = ContinuousClock.now
    private var drawn: ContinuousClock.Instant?

    init(_ label: String) {
        self.label = label
    }

    func update(_ fraction: Double) {
        guard ProgressLine.onTerminal else { return }
        let now = ContinuousClock.now
        guard now - started >= ProgressLine.quietFor, drawn.map({ now - $0 >= .milliseconds(100) }) ?? true else { return }
        drawn = now
        let clamped = min(1, max(0, fraction))
        let width = 24
        let filled = Int((clamped * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        write("\r\u{1B}[K\(label) [\(bar)] \(Int((clamped * 100).rounded(.down)))%")
    }

    /// Takes the bar away, if it was ever drawn, so that the next line starts clean.
    func finish() {
        if drawn != nil { write("\r\u{1B}[K") }
        drawn = nil
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
