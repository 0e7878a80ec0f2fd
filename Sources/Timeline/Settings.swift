import Routine

/// What the person chose for this session, on top of the routine.
public struct Settings: Sendable, Hashable {
    public var sampleRate: Int
    /// A pattern from the command line; it wins over the routine's own.
    public var breath: BreathPattern?
    /// Spoken guidance; nil for chimes only.
    public var voice: Voice?
    /// How long the session should last; nil for the routine as written.
    public var length: Seconds?
    /// What the voice says, and in which language.
    public var guidance: Guidance
    /// Seconds counted down before each hold ends, over each exercise's own `countdown`.
    public var countdown: Int?
    /// How long the chimes that will play sound; none known, none kept room for.
    public var chimes: Chimes

    public init(sampleRate: Int = 48_000, breath: BreathPattern? = nil, voice: Voice? = nil, length: Seconds? = nil,
                guidance: Guidance = Guidance(), countdown: Int? = nil, chimes: Chimes = Chimes()) {
        self.sampleRate = sampleRate
        self.breath = breath
        self.voice = voice
        self.length = length
        self.guidance = guidance
        self.countdown = countdown
        self.chimes = chimes
    }

    /// Command line, then the exercise (which already carries the routine's defaults), then
    /// the built-in pattern.
    public func breath(for exercise: Exercise) -> BreathPattern {
        breath ?? exercise.breath ?? .standard
    }
}
