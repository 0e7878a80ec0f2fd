import Routine

/// Where a session stands at a frame, in the terms a person uses: which exercise, which side,
/// what to do now and for how long.
public struct Progress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case leadIn = "lead-in"
        case transition = "get-ready"
        case hold
        case switching = "switch"
        case rest
        case gap
        case finished
    }

    public let frame: Int
    /// Index into the routine's exercises; nil before the first chime and after the last exercise.
    public let exercise: Int?
    public let side: String?
    public let position: String?
    public let repetition: Int?
    public let phase: Phase
    /// The breath phase the person is in, inside a hold with breath cues.
    public let breath: CueKind?
    /// Frames until the current hold, pause or transition ends.
    public let framesLeft: Int
}

extension Timeline {
    public func progress(at frame: Int) -> Progress {
        let exerciseIndex = exercises.first.map { frame >= $0.startFrame } == true ? exercise(at: frame) : nil
        guard let index = exerciseIndex else {
            return Progress(frame: frame, exercise: nil, side: nil, position: nil, repetition: nil, phase: .leadIn,
                            breath: nil, framesLeft: max(0, (exercises.first?.startFrame ?? 0) - frame))
        }
        let span = exercises[index]
        let routineExercise = routine.exercises[index]
        if frame >= span.endFrame {
            let next = index + 1 < exercises.count ? exercises[index + 1].startFrame : endCueFrame
            let finished = index + 1 == exercises.count
            return Progress(frame: frame, exercise: finished ? nil : index, side: nil, position: nil, repetition: nil,
                            phase: finished ? .finished : .gap, breath: nil,
                            framesLeft: max(0, (finished ? durationFrames : next) - frame))
        }
        let holdsOfExercise = holds.filter { $0.exercise == index }
        let upcoming = holdsOfExercise.first { $0.endFrame > frame }!
        let side = routineExercise.sides[upcoming.side]
        let position = routineExercise.positions.count > 1 ? routineExercise.positions[upcoming.position].name : nil
        if frame < upcoming.startFrame {
            let phase: Progress.Phase =
                upcoming.startFrame == span.firstHoldFrame ? .transition
                : upcoming.repetition == 0 && upcoming.position == 0 ? .switching : .rest
            return Progress(frame: frame, exercise: index, side: side, position: position,
                            repetition: upcoming.repetition, phase: phase, breath: nil,
                            framesLeft: upcoming.startFrame - frame)
        }
        let lastBreath = cues[..<firstCue(from: frame + 1)].last { $0.kind.isBreath && $0.frame >= upcoming.startFrame }
        return Progress(frame: frame, exercise: index, side: side, position: position, repetition: upcoming.repetition,
                        phase: .hold, breath: lastBreath?.kind, framesLeft: upcoming.endFrame - frame)
    }

    /// Where "next" goes from `frame`: the next exercise's chime, or the end chime after the last.
    public func nextExerciseFrame(after frame: Int) -> Int {
        exercises.first { $0.startFrame > frame }?.startFrame ?? endCueFrame
    }

    /// Where "previous" goes: the start of the exercise under way, or of the one before when
    /// the current one began less than `grace` frames ago.
    public func previousExerciseFrame(before frame: Int, grace: Int) -> Int {
        guard let first = exercises.first, frame > first.startFrame else { return exercises.first?.startFrame ?? 0 }
        let index = exercise(at: frame)
        if frame - exercises[index].startFrame >= grace || index == 0 { return exercises[index].startFrame }
        return exercises[index - 1].startFrame
    }
}
