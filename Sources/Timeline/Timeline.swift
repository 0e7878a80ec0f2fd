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
    /// What the voice says, each line once; a speech cue's `line` indexes it. Empty without a voice.
    public let lines: [String]
    /// From the first frame to the end of the outro.
    public let durationFrames: Int
    /// How the routine was fitted to the length asked for; `routine` is then the fitted one.
    public let fit: Fitting.Report?

    public var sampleRate: Int { settings.sampleRate }

    public static let longest = Seconds(24 * 60 * 60)

    public init(routine: Routine, settings: Settings) throws(TimelineError) {
        var routine = routine, settings = settings, report: Fitting.Report?
        if let length = settings.length {
            (routine, report) = try Fitting.fit(routine, to: length, settings: settings)
            settings.length = nil // fitted once: a tempo change later keeps what was fitted
        }
        try self.init(routine: routine, settings: settings, builder: Builder(settings), from: 0, at: routine.leadIn, resume: nil,
                      fit: report)
    }

    /// Every line a session of `routine` says with `settings` (their guidance and countdown),
    /// in order, each once: what to synthesize before the session is compiled with their lengths.
    public static func lines(of routine: Routine, settings: Settings = Settings()) throws(TimelineError) -> [String] {
        var unvoiced = settings
        unvoiced.voice = Voice(lengths: [:])
        unvoiced.length = nil // fitting changes no words
        return try Timeline(routine: routine, settings: unvoiced).lines
    }

    /// A routine this long, or longer, says when it is halfway through.
    public static let halfwayFrom = (exercises: 6, seconds: 10 * 60)

    /// The exercise before which a long routine says "halfway": the one whose chime falls
    /// nearest the middle of the routine as written (its own breathing, no speech), so that
    /// neither the voice nor a tempo change moves it. Nil for a short routine.
    static func halfway(of routine: Routine, rate: Int) throws(TimelineError) -> Int? {
        let count = routine.exercises.count
        guard count > 1 else { return nil }
        let plain = try Timeline(routine: routine, settings: Settings(sampleRate: rate))
        guard count >= halfwayFrom.exercises || plain.durationFrames >= halfwayFrom.seconds * rate else { return nil }
        let middle = plain.durationFrames / 2
        return (1..<count).min { abs(plain.exercises[$0].startFrame - middle) < abs(plain.exercises[$1].startFrame - middle) }
    }

    /// Lays out exercises `first...` after whatever `builder` already holds.
    private init(routine: Routine, settings: Settings, builder: Builder, from first: Int, at start: Seconds,
                 resume: Builder.Resume?, fit: Fitting.Report? = nil) throws(TimelineError) {
        var builder = builder
        var time = start
        let halfway = settings.voice == nil ? nil : try Timeline.halfway(of: routine, rate: settings.sampleRate)
        for index in first..<routine.exercises.count {
            let exercise = routine.exercises[index]
            let end = builder.add(exercise, index: index, at: time, breath: settings.breath(for: exercise),
                                  resume: index == first ? resume : nil)
            let room = index + 1 == halfway ? builder.say(settings.guidance.halfway, after: end, exercise: index) : .zero
            time = end + max(exercise.gap, room)
        }
        builder.cue(.end, at: time, exercise: nil)
        let total = time + max(routine.outro, builder.say(settings.guidance.complete, after: time, exercise: nil))
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
        self.lines = builder.lines
        self.durationFrames = total.frames(at: settings.sampleRate)
        self.fit = fit
    }

    /// The same session with another breathing pattern from `frame` on: nothing before the next
    /// breath boundary changes (so audio already queued stays right), the hold under way goes
    /// on at the new tempo from that boundary, and everything after follows the new pattern.
    public func retimed(breath: BreathPattern?, from frame: Int) throws(TimelineError) -> Timeline {
        var settings = settings
        settings.breath = breath
        let rate = sampleRate
        guard let next = holds.firstIndex(where: { $0.endFrame > frame }) else {
            return try Timeline(routine: routine, settings: settings) // only the end is left
        }
        var hold = holds[next]
        let exercise = routine.exercises[hold.exercise]
        let newBreath = settings.breath(for: exercise)
        let timing = newBreath.isOff ? BreathPattern.standard : newBreath
        let oldTiming = exercises[hold.exercise].breath.isOff ? BreathPattern.standard : exercises[hold.exercise].breath
        let position = exercise.positions[hold.position]

        // Where the change lands: the next breath boundary inside a hold under way, or the
        // start of the next hold.
        // A position held for one breath phase changes with the next position.
        let underway = hold.startFrame <= frame
        var boundary: Cue? = nil
        if underway, !position.hold.isPhase {
            boundary = cues.first { $0.kind.isBreath && $0.frame > frame && $0.frame < hold.endFrame }
        }
        if underway, boundary == nil {
            // No boundary left in this hold: the change starts with the next one.
            guard next + 1 < holds.count else { return try Timeline(routine: routine, settings: settings) }
            hold = holds[next + 1]
        }
        let holdExercise = routine.exercises[hold.exercise]
        let holdPosition = holdExercise.positions[hold.position]
        let holdStart = Seconds(Int64(hold.startFrame), over: Int64(rate))
        let at = boundary.map { Seconds(Int64($0.frame), over: Int64(rate)) } ?? holdStart
        let remaining: Seconds
        let phase: BreathPattern.Phase
        if let boundary {
            let left = Seconds(Int64(hold.endFrame - boundary.frame), over: Int64(rate))
            if case .breaths = holdPosition.hold {
                // Whole breaths are left; they keep their count at the new tempo.
                let cycles = Int((left.doubleValue / oldTiming.cycleLength.doubleValue).rounded())
                remaining = timing.cycleLength * max(1, cycles)
            } else {
                remaining = left
            }
            let old: BreathPattern.Phase = switch boundary.kind {
            case .exhale: .exhale
            case .breathHold: .holdIn
            default: .inhale
            }
            phase = timing.steps.contains { $0.phase == old } ? old : .inhale
        } else {
            let newTiming = settings.breath(for: holdExercise).isOff ? BreathPattern.standard : settings.breath(for: holdExercise)
            remaining = Builder.length(of: holdPosition.hold, timing: newTiming)
            phase = if case .phase(let start) = holdPosition.hold { start } else { .inhale }
        }

        var builder = Builder(settings, lines: lines)
        let cut = at.frames(at: rate)
        builder.cues = cues.filter { $0.frame < cut || ($0.frame == cut && !$0.kind.isBreath && $0.kind != .end) }
        builder.holds = Array(holds.prefix { $0.startFrame < hold.startFrame })
        builder.spans = Array(exercises.prefix(hold.exercise))
        let resume = Builder.Resume(side: hold.side, repetition: hold.repetition, position: hold.position,
                                    holdStart: holdStart, at: at, remaining: remaining, phase: phase,
                                    span: exercises[hold.exercise])
        return try Timeline(routine: routine, settings: settings, builder: builder, from: hold.exercise,
                            at: Seconds(Int64(exercises[hold.exercise].startFrame), over: Int64(rate)), resume: resume)
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

    /// Where the end chime sounds.
    public var endCueFrame: Int { cues.last { $0.kind == .end }?.frame ?? durationFrames }
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

extension Builder {
    init(_ settings: Settings, lines: [String] = []) {
        self.init(rate: settings.sampleRate, voice: settings.voice, guidance: settings.guidance, countdown: settings.countdown,
                  chimes: settings.chimes, lines: lines)
    }
}
