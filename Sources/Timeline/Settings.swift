import Routine

/// What the person chose for this session, on top of the routine.
public struct Settings: Sendable, Hashable {
    public var sampleRate: Int
    /// A pattern from the command line; it wins over the routine's own.
    public var breath: BreathPattern?
    /// Spoken guidance; nil for chimes only.
    public var voice: Voice?

    public init(sampleRate: Int = 48_000, breath: BreathPattern? = nil, voice: Voice? = nil) {
        self.sampleRate = sampleRate
        self.breath = breath
        self.voice = voice
    }

    /// Command line, then the exercise (which already carries the routine's defaults), then
    /// the built-in pattern.
    public func breath(for exercise: Exercise) -> BreathPattern {
        breath ?? exercise.breath ?? .standard
    }
}
