import Control
import Foundation
import Routine
import Timeline

/// The timeline as people and scripts read it.
public struct TimelineReport {
    public let timeline: Timeline

    public init(_ timeline: Timeline) {
        self.timeline = timeline
    }

    // MARK: Text

    public func text() -> String {
        var lines = [heading()]
        lines += timeline.cues.map(line(for:))
        lines.append("total \(Clock.length(frames: timeline.durationFrames, rate: timeline.sampleRate)) " +
                     "(\(timeline.durationFrames) frames at \(timeline.sampleRate) Hz)")
        return lines.joined(separator: "\n")
    }

    public func heading() -> String {
        let routine = timeline.routine
        return TimelineReport.heading(name: routine.name, exercises: routine.exercises.count,
                                      seconds: Double(timeline.durationFrames) / Double(timeline.sampleRate), fit: timeline.fit)
    }

    /// "Lower back: 13 exercises, 15:42", from what a status says as well; a fitted session
    /// says so: "Lower back: 13 exercises, 10:00 (fitted; as written 16:05)".
    public static func heading(name: String, exercises: Int, seconds: Double, fit: Fitting.Report? = nil) -> String {
        let own = fit.map { " (fitted; as written \(Clock.length(seconds: $0.own.doubleValue)))" } ?? ""
        return "\(name): \(exercises == 1 ? "1 exercise" : "\(exercises) exercises"), \(Clock.length(seconds: seconds))\(own)"
    }

    /// Why a session does not last what was asked: the limit that stopped it, and what it
    /// lasts instead.
    public static func unreached(_ fit: Fitting.Report, routine: String) -> String {
        let asked = DurationText.format(fit.asked), length = Clock.length(seconds: fit.length.doubleValue)
        let limits = RoutineDecoder.limits
        switch fit.limit {
        case .shortest(let speech, let chimes):
            var floors = ["holds of at least \(DurationText.format(Fitting.holdFloor))",
                          "\(DurationText.format(Fitting.transitionFloor)) to get into position"]
            // A portion is named when it rounds to a second or more.
            if speech >= Seconds(1, over: 2) { floors.append("\(Clock.length(seconds: speech.doubleValue)) of room for the spoken lines") }
            if chimes >= Seconds(1, over: 2) { floors.append("\(Clock.length(seconds: chimes.doubleValue)) for the chimes to ring out") }
            let listed = floors.dropLast().joined(separator: ", ") + " and " + floors.last!
            return "\(routine) cannot fit into \(asked): it lasts \(length), the shortest it goes, with \(listed)"
        case .longestParts:
            return "\(routine) cannot fill \(asked) with holds of at most \(DurationText.format(limits.hold.upperBound)) "
                + "and \(limits.breaths.upperBound) breaths and pauses of at most \(DurationText.format(limits.pause.upperBound)): "
                + "it lasts \(length), the longest it goes"
        case .largestScale:
            return "\(routine) cannot fill \(asked): it lasts \(length), the longest it goes, with no part more than "
                + "\(Fitting.scales.upperBound / Fitting.unit) times as long as written"
        case .wholeBreaths, nil:
            return "\(routine) cannot last \(asked) with its holds of whole breaths: it lasts \(length), the nearest it goes"
        }
    }

    /// One cue as a person reads it: time, exercise n/N, name, side, cue, what to do, in
    /// columns as wide as the routine's names need.
    public func line(for cue: Cue) -> String {
        let columns = columns(for: cue)
        let nameWidth = min(32, timeline.routine.exercises.map(\.name.count).max() ?? 0)
        return [
            columns.time,
            columns.exercise.padded(to: 5),
            columns.name.padded(to: nameWidth),
            columns.detail.padded(to: 14),
            columns.kind.padded(to: 11),
            columns.meaning,
        ].joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }

    /// The same cue's columns, unpadded, for a front end that lays them out itself.
    public func columns(for cue: Cue) -> CueColumns {
        let routine = timeline.routine
        return CueColumns(time: Clock.format(frames: cue.frame, rate: timeline.sampleRate),
                          exercise: cue.exercise.map { "\($0 + 1)/\(routine.exercises.count)" } ?? "",
                          name: cue.exercise.map { routine.exercises[$0].name } ?? "",
                          detail: CueText.detail(of: cue, in: routine),
                          kind: cue.kind.rawValue,
                          meaning: spoken(cue).map(quoted) ?? cue.kind.meaning)
    }

    /// The words of a speech cue.
    public func spoken(_ cue: Cue) -> String? {
        cue.line.map { timeline.lines[$0] }
    }

    /// A spoken line as `show` and `play` print it, with how long it takes to say, which is
    /// what a `say` text must fit into.
    private func quoted(_ line: String) -> String {
        let length = timeline.settings.voice?.lengths[line].map { String(format: " (%.1f s)", $0.doubleValue) }
        return "\"\(line)\"" + (length ?? "")
    }

    // MARK: JSON

    struct Document: Encodable {
        let sample_rate: Int
        let duration_frames: Int
        let exercises: [ExerciseEntry]
        let cues: [CueEntry]
    }

    struct ExerciseEntry: Encodable {
        let index: Int
        let name: String
        let breath: String
        let start_frame: Int
        let end_frame: Int
        let holds: [HoldEntry]
    }

    struct HoldEntry: Encodable {
        let side: String?
        let rep: Int
        let position: String?
        let start_frame: Int
        let end_frame: Int
    }

    struct CueEntry: Encodable {
        let frame: Int
        let kind: String
        let exercise: Int?
        let side: String?
        let rep: Int?
        /// Only speech cues have one; absent from the others.
        let text: String?
    }

    public func json() throws -> String {
        let routine = timeline.routine
        let exercises = routine.exercises.enumerated().map { index, exercise in
            let span = timeline.exercises[index]
            return ExerciseEntry(
                index: index + 1, name: exercise.name, breath: span.breath.description,
                start_frame: span.startFrame, end_frame: span.endFrame,
                holds: timeline.holds.filter { $0.exercise == index }.map { hold in
                    HoldEntry(side: exercise.sides[hold.side], rep: hold.repetition + 1,
                              position: exercise.positions[hold.position].name,
                              start_frame: hold.startFrame, end_frame: hold.endFrame)
                })
        }
        let cues = timeline.cues.map { cue in
            CueEntry(frame: cue.frame, kind: cue.kind.rawValue, exercise: cue.exercise.map { $0 + 1 },
                     side: CueText.sideName(of: cue, in: routine),
                     rep: cue.exercise == nil ? nil : cue.repetition + 1, text: spoken(cue))
        }
        let document = Document(sample_rate: timeline.sampleRate, duration_frames: timeline.durationFrames,
                                exercises: exercises, cues: cues)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}

/// Words for where a cue falls: the side and the position.
public enum CueText {
    public static func sideName(of cue: Cue, in routine: Routine) -> String? {
        guard let exercise = cue.exercise, let side = cue.side else { return nil }
        return routine.exercises[exercise].sides[side]
    }

    public static func detail(of cue: Cue, in routine: Routine) -> String {
        guard let index = cue.exercise, cue.kind != .exercise else { return "" }
        // An announcement, or "halfway", speaks of the exercise as a whole, as its chime does.
        if cue.kind == .speech, cue.side == nil, cue.repetition == 0 { return "" }
        let exercise = routine.exercises[index]
        var parts: [String] = []
        if let side = sideName(of: cue, in: routine) { parts.append(side) }
        if exercise.positions.count > 1, let position = exercise.positions[cue.position].name {
            parts.append(position.lowercased())
        }
        if exercise.repetitions > 1 { parts.append("\(cue.repetition + 1)/\(exercise.repetitions)") }
        return parts.joined(separator: " ")
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
