import Routine

/// A routine compiled for one session: every cue at its exact frame, decided once, as integers.
///
/// Times are added up exactly (as fractions of a second) and turned into a frame only at the
/// end, so no cue drifts however long the session or whatever the tempo.
public struct Timeline: Sendable {
    public let routine: Routine
    public let settings: Settings
    /// Sorted by frame; at one frame, structural cues come before breath cues.
    public let cues: [Cue]
    public let holds: [Hold]
    public let exercises: [ExerciseSpan]
    /// From the first frame to the end of the outro.
    public let durationFrames: Int

    public var sampleRate: Int { settings.sampleRate }

    public static let longest = Seconds(24 * 60 * 60)

    public init(routine: Routine, settings: Settings) throws(TimelineError) {
        var builder = Builder(rate: settings.sampleRate)
        var time = routine.leadIn
        for (index, exercise) in routine.exercises.enumerated() {
            time = builder.add(exercise, index: index, at: time, breath: settings.breath(for: exercise))
            time += exercise.gap
        }
        builder.cue(.end, at: time, exercise: nil)
        let total = time + routine.outro
        guard total <= Timeline.longest else { throw TimelineError.tooLong(total) }

        self.routine = routine
        self.settings = settings
        self.cues = builder.cues.enumerated().sorted { a, b in
            if a.element.frame != b.element.frame { return a.element.frame < b.element.frame }
            if a.element.kind.isBreath != b.element.kind.isBreath { return !a.element.kind.isBreath }
            return a.offset < b.offset
        }.map(\.element)
        self.holds = builder.holds
        self.exercises = builder.spans
        self.durationFrames = total.frames(at: settings.sampleRate)
    }

    /// The exercise that is under way at `frame` (the last one whose chime has sounded).
    public func exercise(at frame: Int) -> Int {
        var low = 0, high = exercises.count
        while low < high {
            let mid = (low + high) / 2
            if exercises[mid].startFrame <= frame { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    /// The index of the first cue at or after `frame`.
    public func firstCue(from frame: Int) -> Int {
        var low = 0, high = cues.count
        while low < high {
            let mid = (low + high) / 2
            if cues[mid].frame < frame { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

public enum TimelineError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLong(Seconds)

    public var description: String {
        switch self {
        case .tooLong(let length):
            "the session would last \(DurationText.format(length)): at most 24 h"
        }
    }
}
