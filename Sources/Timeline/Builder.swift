import Routine

/// Lays out one exercise after another; kept apart from `Timeline` so the rules for which
/// cue marks which boundary read in one place.
struct Builder {
    let rate: Int
    private(set) var cues: [Cue] = []
    private(set) var holds: [Hold] = []
    private(set) var spans: [ExerciseSpan] = []

    init(rate: Int) {
        self.rate = rate
    }

    /// Which hold a cue belongs to.
    private struct Place {
        let exercise: Int
        let side: Int?
        let repetition: Int
        let position: Int
    }

    /// Why a hold begins: decides the chime at its start, and the one ending the hold before.
    private enum Boundary {
        case first, side, repetition, position
    }

    /// Adds an exercise starting at `start`; returns when its last hold ends.
    mutating func add(_ exercise: Exercise, index: Int, at start: Seconds, breath: BreathPattern) -> Seconds {
        // With breath cues off, breath-counted holds still need a length: the standard tempo's.
        let timing = breath.isOff ? BreathPattern.standard : breath
        cue(.exercise, at: start, exercise: index)
        var end = start + exercise.transition
        var firstHoldFrame: Int?
        var previous: Place?
        for side in exercise.sides.indices {
            for repetition in 0..<exercise.repetitions {
                for (positionIndex, position) in exercise.positions.enumerated() {
                    let boundary: Boundary =
                        firstHoldFrame == nil ? .first
                        : repetition == 0 && positionIndex == 0 ? .side
                        : positionIndex == 0 ? .repetition : .position
                    let pause: Seconds = switch boundary {
                    case .first, .position: .zero
                    case .side: exercise.switchTime
                    case .repetition: exercise.rest
                    }
                    let sideIndex = exercise.sides[side] == nil ? nil : side
                    let place = Place(exercise: index, side: sideIndex, repetition: repetition, position: positionIndex)
                    var holdStart = end
                    if boundary == .first {
                        cue(.holdStart, at: holdStart, place)
                    } else if pause > .zero {
                        // The previous hold ends with its own chime, then the pause, then this one's.
                        cue(boundary == .side ? .switchSide : .holdEnd, at: end, previous!)
                        holdStart = end + pause
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
                    let length = Builder.length(of: position.hold, timing: timing)
                    let holdEnd = holdStart + length
                    let startPhase: BreathPattern.Phase = if case .phase(let phase) = position.hold { phase } else { .inhale }
                    addBreath(breath, from: holdStart, until: holdEnd, startingWith: startPhase, place)
                    holds.append(Hold(exercise: index, side: side, repetition: repetition, position: positionIndex,
                                      startFrame: holdStart.frames(at: rate), endFrame: holdEnd.frames(at: rate)))
                    firstHoldFrame = firstHoldFrame ?? holdStart.frames(at: rate)
                    end = holdEnd
                    previous = place
                }
            }
        }
        cue(.holdEnd, at: end, previous!)
        spans.append(ExerciseSpan(startFrame: start.frames(at: rate), firstHoldFrame: firstHoldFrame!,
                                  endFrame: end.frames(at: rate), breath: breath))
        return end
    }

    /// Breath cues on every phase boundary inside the hold, each placed from the hold's exact
    /// start so that rounding never accumulates.
    private mutating func addBreath(_ pattern: BreathPattern, from start: Seconds, until end: Seconds,
                                    startingWith phase: BreathPattern.Phase,
                                    _ place: Place) {
        guard !pattern.isOff else { return }
        var step = pattern.steps.firstIndex { $0.phase == phase } ?? 0
        var time = start
        while time < end {
            let kind: CueKind = switch pattern.steps[step].phase {
            case .inhale: .inhale
            case .exhale: .exhale
            case .holdIn, .holdOut: .breathHold
            }
            cue(kind, at: time, place)
            time += pattern.steps[step].length
            step = (step + 1) % pattern.steps.count
        }
    }

    static func length(of hold: HoldLength, timing: BreathPattern) -> Seconds {
        switch hold {
        case .time(let seconds): seconds
        case .breaths(let count): timing.cycleLength * count
        case .phase(let phase): timing.span(from: phase)
        }
    }

    mutating func cue(_ kind: CueKind, at time: Seconds, exercise: Int?) {
        cues.append(Cue(frame: time.frames(at: rate), kind: kind, exercise: exercise))
    }

    private mutating func cue(_ kind: CueKind, at time: Seconds, _ place: Place) {
        cues.append(Cue(frame: time.frames(at: rate), kind: kind, exercise: place.exercise, side: place.side,
                        repetition: place.repetition, position: place.position))
    }
}
