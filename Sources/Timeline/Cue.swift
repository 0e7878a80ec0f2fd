import Routine

/// One sound at one exact frame, counted from the session's first frame.
public struct Cue: Sendable, Hashable {
    public let frame: Int
    public let kind: CueKind
    /// Index into the routine's exercises; nil for the end cue.
    public let exercise: Int?
    /// Index into the exercise's sides; nil where the exercise has none, or between holds.
    public let side: Int?
    /// Repetition on the side, from 0.
    public let repetition: Int
    /// Index into the exercise's positions.
    public let position: Int
    /// For speech: index into the timeline's `lines`, and into the clips that say them.
    public let line: Int?

    public init(frame: Int, kind: CueKind, exercise: Int?, side: Int? = nil, repetition: Int = 0, position: Int = 0,
                line: Int? = nil) {
        self.frame = frame
        self.kind = kind
        self.exercise = exercise
        self.side = side
        self.repetition = repetition
        self.position = position
        self.line = line
    }
}

/// One stretch held still: a position, on a side, in a repetition.
public struct Hold: Sendable, Hashable {
    public let exercise: Int
    public let side: Int
    public let repetition: Int
    public let position: Int
    public let startFrame: Int
    public let endFrame: Int
}

/// Where an exercise sits in the session: from its chime to the end of its last hold.
public struct ExerciseSpan: Sendable, Hashable {
    public let startFrame: Int
    public let firstHoldFrame: Int
    public let endFrame: Int
    /// The pattern its breath cues follow (off when the session has none).
    public let breath: BreathPattern
}
