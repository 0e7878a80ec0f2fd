import Control
import Session

/// One line for a terminal, redrawn in place while a session plays.
public enum StatusLine {
    /// The line, within `width` columns of a terminal: parts that do not fit go, the least
    /// useful first (the tempo, the progress bar, the breath, the position), and only then is
    /// the rest cut short.
    public static func text(_ status: SessionStatus, width: Int = 80) -> String {
        // Each part with its rank (the lowest goes first) and what joins it to the next.
        var parts: [(text: String, rank: Int, joiner: String)] = []
        func add(_ text: String, _ rank: Int, joiner: String = " · ") { parts.append((text, rank, joiner)) }
        add(status.state == .waitingForDevice ? "waiting for the device" : status.state.rawValue, 9)
        if let exercise = status.exercise, let name = status.name { add("\(exercise)/\(status.exercises ?? 0) \(name)", 8) }
        if let side = status.side { add(side, 6) }
        if let position = status.position { add(position.lowercased(), 3) }
        if let phase = status.phase {
            add("\(phase.replacingOccurrences(of: "-", with: " ")) \(Int((status.secondsLeft ?? 0).rounded(.up))) s", 7)
        }
        if let breath = status.breath { add(breath.replacingOccurrences(of: "-", with: " "), 4) }
        let elapsed = status.elapsed ?? 0, total = status.total ?? 0
        let filled = total > 0 ? Int((elapsed / total * 20).rounded()) : 0
        // The bar reads with the time beside it: "[#####...] 04:10/16:05".
        add("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]", 2, joiner: " ")
        add("\(Clock.format(seconds: elapsed))/\(Clock.length(seconds: total))", 5)
        if let tempo = status.tempo { add(tempo, 1) }
        func joined() -> String {
            parts.indices.map { $0 == 0 ? parts[$0].text : parts[$0 - 1].joiner + parts[$0].text }.joined()
        }
        while DisplayWidth.of(joined()) > width, parts.count > 1,
              let lowest = parts.indices.min(by: { parts[$0].rank < parts[$1].rank }) {
            parts.remove(at: lowest)
        }
        let text = joined()
        return DisplayWidth.of(text) > width ? DisplayWidth.prefix(text, columns: max(0, width - 1)) + "…" : text
    }

    /// What takes away a status line `drawn` columns wide, the cursor at its end, now that the
    /// terminal is `columns` wide. A terminal made narrower wraps the line anew into several
    /// rows, of which "\r ESC[K" would clear only the last: it goes up to the first of them and
    /// clears to the end of the screen.
    public static func erase(drawn: Int, columns: Int) -> String {
        let rows = columns > 0 ? max(1, (drawn + columns - 1) / columns) : 1
        return rows > 1 ? "\u{1B}[\(rows - 1)A\r\u{1B}[J" : "\r\u{1B}[K"
    }

    /// `ctl status` without --json: a few lines a person reads.
    public static func describe(_ status: SessionStatus) -> String {
        guard status.state != .idle else { return "no session is playing; start one with stretchcue ctl start" }
        if status.state == .preparing { return preparing(status) }
        var lines: [String] = []
        if let exercise = status.exercise, let name = status.name {
            lines.append("exercise \(exercise)/\(status.exercises ?? 0): \(name)")
        }
        if let side = status.side { lines.append("side: \(side)") }
        let left = Int((status.secondsLeft ?? 0).rounded(.up))
        lines.append("\(status.phase ?? "?"): \(left) s left" + (status.breath.map { ", \($0)" } ?? ""))
        lines.append("elapsed \(Clock.format(seconds: status.elapsed ?? 0)) of \(Clock.length(seconds: status.total ?? 0))")
        lines.append("breathing \(status.tempo ?? "?")" + (status.isPaused ? " · paused" : ""))
        if status.state == .waitingForDevice { lines.append("waiting for the sound device to come back") }
        return lines.joined(separator: "\n")
    }

    /// A session being made ready: which, and how far along.
    public static func preparing(_ status: SessionStatus) -> String {
        let exercises = status.exercises.map { $0 == 1 ? " (1 exercise)" : " (\($0) exercises)" } ?? ""
        let done = status.prepared.map { ": \(Int((min(1, max(0, $0)) * 100).rounded(.down)))% done" } ?? ""
        return "getting \(status.routine ?? "the session") ready\(exercises)\(done)"
    }
}
