import Control
import Session

/// One line for a terminal, redrawn in place while a session plays.
enum StatusLine {
    static func text(_ status: SessionStatus, width: Int = 80) -> String {
        var parts: [String] = [status.state == .waitingForDevice ? "waiting for the device" : status.state.rawValue]
        if let exercise = status.exercise, let name = status.name { parts.append("\(exercise)/\(status.exercises ?? 0) \(name)") }
        if let side = status.side { parts.append(side) }
        if let position = status.position { parts.append(position.lowercased()) }
        if let phase = status.phase {
            parts.append("\(phase.replacingOccurrences(of: "-", with: " ")) \(Int((status.secondsLeft ?? 0).rounded(.up))) s")
        }
        if let breath = status.breath { parts.append(breath.replacingOccurrences(of: "-", with: " ")) }
        let elapsed = status.elapsed ?? 0, total = status.total ?? 0
        let filled = total > 0 ? Int((elapsed / total * 20).rounded()) : 0
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]"
        parts.append("\(bar) \(Clock.format(seconds: elapsed))/\(Clock.format(seconds: total))")
        if let tempo = status.tempo { parts.append(tempo) }
        let text = parts.joined(separator: " · ")
        return text.count > width ? String(text.prefix(width - 1)) + "…" : text
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
        lines.append("elapsed \(Clock.format(seconds: status.elapsed ?? 0)) of \(Clock.format(seconds: status.total ?? 0))")
        lines.append("breathing \(status.tempo ?? "?")" + (status.isPaused ? " · paused" : ""))
        if status.state == .waitingForDevice { lines.append("waiting for the sound device to come back") }
        return lines.joined(separator: "\n")
    }
}
