import Routine

/// Lays out one exercise after another; kept apart from `Timeline` so the rules for which
/// cue marks which boundary read in one place.
struct Builder {
    let rate: Int
    let voice: Voice?
    let guidance: Guidance
    /// Seconds counted down before each hold ends, over each exercise's own.
    let countdown: Int?
    /// How long each chime sounds: a breath cue keeps that room before its hold's end.
    let chimes: Chimes
    var cues: [Cue] = []
    var holds: [Hold] = []
    var spans: [ExerciseSpan] = []
    /// Each line said, once, in the order first said; speech cues point into it.
    private(set) var lines: [String]
    private var lineIndex: [String: Int]

    init(rate: Int, voice: Voice?, guidance: Guidance = Guidance(), countdown: Int? = nil, chimes: Chimes = Chimes(),
         lines: [String] = []) {
        self.rate = rate
        self.voice = voice
        self.guidance = guidance
        self.countdown = countdown
        self.chimes = chimes
        self.lines = lines
        lineIndex = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1, $0) })
    }

    /// Which hold a cue belongs to.
    struct Place {
        let exercise: Int
        let side: Int?
        let repetition: Int
        let position: Int
    }

    /// Picks an exercise up part-way, for a tempo change: from a hold already under way (its
    /// start cue has sounded), which runs on from `at` for `remaining`.
    struct Resume {
        let side: Int
        let repetition: Int
        let position: Int
        let holdStart: Seconds
        let at: Seconds
        let remaining: Seconds
        let phase: BreathPattern.Phase
        let span: ExerciseSpan
    }

    /// Why a hold begins: decides the chime at its start, and the one ending the hold before.
    private enum Boundary {
        case first, side, repetition, position
    }

    /// Adds an exercise starting at `start` (or resumes it); returns when its last hold ends.
    mutating func add(_ exercise: Exercise, index: Int, at start: Seconds, breath: BreathPattern,
                      resume: Resume? = nil) -> Seconds {
        // With breath cues off, breath-counted holds still need a length: the standard tempo's.
        let timing = breath.isOff ? BreathPattern.standard : breath
        var end = start + exercise.transition
        if resume == nil {
            cue(.exercise, at: start, exercise: index)
            end = start + max(exercise.transition, say(guidance.announcement(of: exercise), after: start, exercise: index))
        }
        var firstHoldFrame: Int? = resume?.span.firstHoldFrame
        var previous: Place?
        let first = resume.map { ($0.side * exercise.repetitions + $0.repetition) * exercise.positions.count + $0.position } ?? 0
        let count = exercise.sides.count * exercise.repetitions * exercise.positions.count
        for ordinal in first..<count {
            let positionIndex = ordinal % exercise.positions.count
            let repetition = ordinal / exercise.positions.count % exercise.repetitions
            let side = ordinal / (exercise.positions.count * exercise.repetitions)
            let position = exercise.positions[positionIndex]
            let sideIndex = exercise.sides[side] == nil ? nil : side
            let place = Place(exercise: index, side: sideIndex, repetition: repetition, position: positionIndex)
            var holdStart = end
            var length = Builder.length(of: position.hold, timing: timing)
            var breathFrom = holdStart
            var phase: BreathPattern.Phase = if case .phase(let phase) = position.hold { phase } else { .inhale }
            if let resume, ordinal == first {
                holdStart = resume.holdStart
                breathFrom = resume.at
                length = resume.at - resume.holdStart + resume.remaining
                phase = resume.phase
            } else {
                let boundary: Boundary =
                    ordinal == 0 ? .first
                    : repetition == 0 && positionIndex == 0 ? .side
                    : positionIndex == 0 ? .repetition : .position
                let pause: Seconds = switch boundary {
                case .first, .position: .zero
                case .side: exercise.switchTime
                case .repetition: exercise.rest
                }
                if boundary == .first {
                    cue(.holdStart, at: holdStart, place)
                } else if pause > .zero {
                    // The previous hold ends with its own chime, then the pause, then this one's.
                    cue(boundary == .side ? .switchSide : .holdEnd, at: end, previous!)
                    let line = if boundary == .side, let name = exercise.sides[side] {
                        guidance.side(name, last: exercise.sides.count >= 3 && side == exercise.sides.count - 1)
                    } else {
                        guidance.repetition(repetition + 1, of: exercise.repetitions)
                    }
                    let room = say(line, after: end, exercise: index, side: sideIndex, repetition: repetition)
                    holdStart = end + max(pause, room)
                    breathFrom = holdStart
                    cue(boundary == .repetition ? .repetition : .holdStart, at: holdStart, place)
                } else {
                    // Back to back: one chime marks both the end and the start.
                    let kind: CueKind = switch boundary {
                    case .side: .switchSide
                    case .repetition: .repetition
                    default: .holdStart
                    }
                    cue(kind, at: holdStart, place)
                }
            }
            let holdEnd = holdStart + length
            let breathCues = cues.count
            addBreath(breath, from: breathFrom, until: holdEnd, startingWith: phase, place)
            countDown(exercise.countdown, from: max(breathFrom, holdStart + Builder.countdownAfter), until: holdEnd,
                      around: cues[breathCues...].map(\.frame), place)
            holds.append(Hold(exercise: index, side: side, repetition: repetition, position: positionIndex,
                              startFrame: holdStart.frames(at: rate), endFrame: holdEnd.frames(at: rate)))
            firstHoldFrame = firstHoldFrame ?? holdStart.frames(at: rate)
            end = holdEnd
            previous = place
        }
        cue(.holdEnd, at: end, previous!)
        let spanStart = resume?.span.startFrame ?? start.frames(at: rate)
        spans.append(ExerciseSpan(startFrame: spanStart, firstHoldFrame: firstHoldFrame!,
                                  endFrame: end.frames(at: rate), breath: breath))
        return end
    }

    /// A breath cue sounds at least this long before its hold's end chime, or as long as its
    /// own sound if that is longer; a later one is left out: its chime would still ring when
    /// the hold ends, and it would ask for a breath there is no time to take. Holds that are not
    /// whole breaths (a fitted hold, `hold: 10.2s`) would otherwise end just after one.
    static let breathBeforeEnd = Seconds(1)

    /// Breath cues on every phase boundary inside the hold, each placed from the hold's exact
    /// start so that rounding never accumulates. The first always sounds (it begins the hold,
    /// with the hold's own chime); a later one too near the end does not (`breathBeforeEnd`).
    private mutating func addBreath(_ pattern: BreathPattern, from start: Seconds, until end: Seconds,
                                    startingWith phase: BreathPattern.Phase, _ place: Place) {
        guard !pattern.isOff else { return }
        var step = pattern.steps.firstIndex { $0.phase == phase } ?? 0
        var time = start
        while time < end {
            let kind: CueKind = switch pattern.steps[step].phase {
            case .inhale: .inhale
            case .exhale: .exhale
            case .holdIn, .holdOut: .breathHold
            }
            guard time == start || end - time >= max(Builder.breathBeforeEnd, chimes[kind]) else { break }
            cue(kind, at: time, place)
            time += pattern.steps[step].length
            step = (step + 1) % pattern.steps.count
        }
    }

    /// A countdown begins no sooner than this into a hold: the hold's own chime comes first.
    static let countdownAfter = Seconds(1)
    /// Quiet kept between a counted second and a chime after it.
    static let countdownClear = Seconds(2, over: 10)

    /// The last seconds of a hold said aloud ("3", "2", "1"), each at its exact frame, leaving
    /// out any that would sound over a breath cue (at `chimes`): like every other line, a
    /// number starts no sooner than `Voice.afterChime` after a chime, and it ends before the
    /// next one strikes.
    private mutating func countDown(_ own: Int, from earliest: Seconds, until end: Seconds, around chimes: [Int],
                                    _ place: Place) {
        let count = countdown ?? own
        guard count > 0, let voice else { return }
        for second in stride(from: count, through: 1, by: -1) {
            let at = end - Seconds(Int64(second))
            guard at >= earliest, let line = guidance.countdown(second) else { continue }
            let from = (at - Voice.afterChime).frames(at: rate)
            let until = (at + (voice.lengths[line] ?? .zero) + Builder.countdownClear).frames(at: rate)
            guard !chimes.contains(where: { from < $0 && $0 <= until }) else { continue }
            let index = index(of: line)
            cues.append(Cue(frame: at.frames(at: rate), kind: .speech, exercise: place.exercise, side: place.side,
                            repetition: place.repetition, position: place.position, line: index))
        }
    }

    static func length(of hold: HoldLength, timing: BreathPattern) -> Seconds {
        switch hold {
        case .time(let seconds): seconds
        case .breaths(let count): timing.cycleLength * count
        case .phase(let phase): timing.span(from: phase)
        }
    }

    /// Says `line` shortly after the chime at `chime`; returns how long the pause that the
    /// chime begins must last for it to end in quiet (nothing without a voice).
    mutating func say(_ line: String?, after chime: Seconds, exercise: Int?, side: Int? = nil,
                      repetition: Int = 0) -> Seconds {
        guard let voice, let line else { return .zero }
        let index = index(of: line)
        cues.append(Cue(frame: (chime + Voice.afterChime).frames(at: rate), kind: .speech, exercise: exercise,
                        side: side, repetition: repetition, line: index))
        return voice.room(for: line)
    }

    /// Where `line` is in `lines`, added the first time it is said.
    private mutating func index(of line: String) -> Int {
        if let index = lineIndex[line] { return index }
        lines.append(line)
        lineIndex[line] = lines.count - 1
        return lines.count - 1
    }

    mutating func cue(_ kind: CueKind, at time: Seconds, exercise: Int?) {
        cues.append(Cue(frame: time.frames(at: rate), kind: kind, exercise: exercise))
    }

    private mutating func cue(_ kind: CueKind, at time: Seconds, _ place: Place) {
        cues.append(Cue(frame: time.frames(at: rate), kind: kind, exercise: place.exercise, side: place.side,
                        repetition: place.repetition, position: place.position))
    }
}
