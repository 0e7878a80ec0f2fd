import Control
import Session

/// One line for a terminal, redrawn in place while a session plays.
enum StatusLine {
    /// The line, within `width` columns: parts that do not fit go, the least useful first (the
    /// tempo, the progress bar, the breath, the position), and only then is the rest cut short.
    static func text(_ status: SessionStatus, width: Int = 80) -> String {
        // Each part with its rank: the lowest goes first.
        var parts: [(text: String, rank: Int)] = [(status.state == .waitingForDevice ? "waiting for the device" : status.state.rawValue, 9)]
        if let exercise = status.exercise, let name = status.name { parts.append(("\(exercise)/\(status.exercises ?? 0) \(name)", 8)) }
        if let side = status.side { parts.append((side, 6)) }
        if let position = status.position { parts.append((position.lowercased(), 3)) }
        if let phase = status.phase {
            parts.append(("\(phase.replacingOccurrences(of: "-", with: " ")) \(Int((status.secondsLeft ?? 0).rounded(.up))) s", 7))
        }
        if let breath = status.breath { parts.append((breath.replacingOccurrences(of: "-", with: " "), 4)) }
        let elapsed = status.elapsed ?? 0, total = status.total ?? 0
        let filled = total > 0 ? Int((elapsed / total * 20).rounded()) : 0
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] "
        parts.append((bar, 2))
        parts.append(("\(Clock.format(seconds: elapsed))/\(Clock.length(seconds: total))", 5))
        if let tempo = status.tempo { parts.append((tempo, 1)) }
        func joined() -> String {
            parts.map(\.text).joined(separator: " · ").replacingOccurrences(of: "] · ", with: "] ")
        }
        while joined().count > width, parts.count > 1, let lowest = parts.indices.min(by: { parts[$0].rank < parts[$1].rank }) {
            parts.remove(at: lowest)
        }
        let text = joined()
        return text.count > width ? String(text.prefix(max(0, width - 1))) + "…" : text
    }

    /// `ctl status` without --json: a few lines a person reads.
    static func describe(_ status: SessionStatus) -> String {
        guard status.state != .idle else { return "no session is playing; start one with stretchcue ctl start" }
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
}
