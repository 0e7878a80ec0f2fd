/// A stretching routine as a person wrote it: exercises in order, with every default already
/// applied, so later stages never look anything up.
public struct Routine: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// Silence before the first chime.
    public var leadIn: Seconds
    /// How long the session runs on after the end chime.
    public var outro: Seconds
    /// How long a session of it should last, its holds and pauses fitted to it; nil as written.
    public var length: Seconds?
    /// The language its names and instructions are written in (`en`, `de`, ...), which the
    /// voice's own words follow; nil when it does not say.
    public var language: String?
    public var exercises: [Exercise]

    public init(name: String, description: String? = nil, leadIn: Seconds = Seconds(2),
                outro: Seconds = Seconds(3), exercises: [Exercise]) {
        self.name = name
        self.description = description
        self.leadIn = leadIn
        self.outro = outro
        self.exercises = exercises
    }
}

public struct Exercise: Sendable, Hashable {
    public var name: String
    /// What to do, in a line; without one the voice says the exercise's name alone.
    public var instruction: String?
    /// What the voice says as the exercise begins, in place of its name and instruction.
    public var say: String?
    /// From the exercise chime to the first hold: time to get into position.
    public var transition: Seconds
    /// Between the last hold on one side and the first on the next.
    public var switchTime: Seconds
    /// Between repetitions on the same side.
    public var rest: Seconds
    /// Quiet time after the last hold, before whatever comes next.
    public var gap: Seconds
    /// The routine's own pattern for this exercise; nil when the routine names none.
    public var breath: BreathPattern?
    /// One entry per side, in order; a single nil for an exercise without sides.
    public var sides: [String?]
    public var repetitions: Int
    /// The holds of one repetition, back to back; one entry for a plain hold.
    public var positions: [Position]
    /// Seconds said aloud before each hold ends ("3", "2", "1"); 0 for none.
    public var countdown: Int = 0

    public init(name: String, instruction: String? = nil, hold: HoldLength = .time(Seconds(10)),
                transition: Seconds = Seconds(10), switchTime: Seconds = Seconds(5),
                rest: Seconds = Seconds(3), gap: Seconds = Seconds(3), breath: BreathPattern? = nil,
                sides: [String?] = [nil], repetitions: Int = 1, positions: [Position]? = nil, say: String? = nil) {
        self.name = name
        self.instruction = instruction
        self.say = say
        self.transition = transition
        self.switchTime = switchTime
        self.rest = rest
        self.gap = gap
        self.breath = breath
        self.sides = sides
        self.repetitions = repetitions
        self.positions = positions ?? [Position(name: nil, instruction: nil, hold: hold)]
    }
}

public struct Position: Sendable, Hashable {
    public var name: String?
    public var instruction: String?
    public var hold: HoldLength

    public init(name: String?, instruction: String? = nil, hold: HoldLength) {
        self.name = name
        self.instruction = instruction
        self.hold = hold
    }
}

/// How long a hold lasts: a time, a number of whole breaths at the session's tempo, or one
/// phase of the breath (a position held on the inhale or on the exhale).
public enum HoldLength: Sendable, Hashable, CustomStringConvertible {
    case time(Seconds)
    case breaths(Int)
    case phase(BreathPattern.Phase)

    public var isPhase: Bool {
        if case .phase = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .time(let seconds): DurationText.format(seconds)
        case .breaths(let count): count == 1 ? "1 breath" : "\(count) breaths"
        case .phase(let phase): phase.rawValue
        }
    }
}
