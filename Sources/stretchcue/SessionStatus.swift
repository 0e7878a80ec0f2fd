import Foundation
import Routine
import Timeline

/// What `ctl status` reports and the status line shows, from a timeline and a heard frame.
struct SessionStatus: Encodable {
    let routine: String
    let exercise: Int?
    let exercises: Int
    let name: String?
    let side: String?
    let position: String?
    let phase: String
    let breath: String?
    let seconds_left: Double
    let elapsed: Double
    let total: Double
    let paused: Bool
    let tempo: String
    let finished: Bool
    /// How far ahead of the listener the player has queued sound, in milliseconds.
    let device_delay_ms: Int
    /// The sound device is gone and the player waits for it.
    let waiting_for_device: Bool

    init(timeline: Timeline, frame: Int, paused: Bool, finished: Bool, tempo: String, delay: Int, waiting: Bool) {
        let progress = timeline.progress(at: frame)
        let rate = Double(timeline.sampleRate)
        routine = timeline.routine.name
        exercise = progress.exercise.map { $0 + 1 }
        exercises = timeline.routine.exercises.count
        name = progress.exercise.map { timeline.routine.exercises[$0].name }
        side = progress.side
        position = progress.position
        phase = finished ? Progress.Phase.finished.rawValue : progress.phase.rawValue
        breath = progress.breath?.rawValue
        seconds_left = (Double(progress.framesLeft) / rate * 10).rounded() / 10
        elapsed = (Double(min(frame, timeline.durationFrames)) / rate * 10).rounded() / 10
        total = (Double(timeline.durationFrames) / rate * 10).rounded() / 10
        self.paused = paused
        self.tempo = tempo
        self.finished = finished
        device_delay_ms = delay * 1000 / timeline.sampleRate
        waiting_for_device = waiting
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// One line for a terminal, refreshed in place.
    func line(width: Int = 80) -> String {
        var parts: [String] = [waiting_for_device ? "waiting for the device" : paused ? "paused" : (finished ? "done" : "playing")]
        if let exercise, let name { parts.append("\(exercise)/\(exercises) \(name)") }
        if let side { parts.append(side) }
        if let position { parts.append(position.lowercased()) }
        let phaseText = phase == "hold" ? "hold" : phase.replacingOccurrences(of: "-", with: " ")
        parts.append("\(phaseText) \(Int(seconds_left.rounded(.up))) s")
        if let breath { parts.append(breath.replacingOccurrences(of: "-", with: " ")) }
        let filled = total > 0 ? Int((elapsed / total * 20).rounded()) : 0
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]"
        parts.append("\(bar) \(Clock.format(seconds: elapsed))/\(Clock.format(seconds: total))")
        parts.append(tempo)
        let text = parts.joined(separator: " · ")
        return text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }
}

extension Clock {
    static func format(seconds: Double) -> String {
        format(frames: Int(seconds), rate: 1)
    }
}
