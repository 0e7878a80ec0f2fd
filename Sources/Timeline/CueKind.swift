/// What a cue tells the person; each kind has its own sound, `sounds/<rawValue>.wav`.
public enum CueKind: String, Sendable, Hashable, CaseIterable, Codable {
    case exercise
    case holdStart = "hold-start"
    case holdEnd = "hold-end"
    case switchSide = "switch-side"
    case repetition
    case inhale
    case breathHold = "breath-hold"
    case exhale
    case end
    /// The player's own cues, never in a timeline: playback paused, and resumed.
    case pause
    case resume
    /// A line of spoken guidance; its sound is synthesized, not a file.
    case speech

    /// The kinds that sound like a file in `sounds/`.
    public static let chimes = allCases.filter { $0 != .speech }

    /// Breath cues sit under the routine's structure: quieter, and listed after structural cues
    /// that share their frame.
    public var isBreath: Bool {
        switch self {
        case .inhale, .breathHold, .exhale: true
        default: false
        }
    }

    /// What the cue asks of the person, for logs and `show`.
    public var meaning: String {
        switch self {
        case .exercise: "next exercise: get into position"
        case .holdStart: "hold"
        case .holdEnd: "release"
        case .switchSide: "switch sides"
        case .repetition: "again"
        case .inhale: "breathe in"
        case .breathHold: "hold the breath"
        case .exhale: "breathe out"
        case .end: "session complete"
        case .pause: "paused"
        case .resume: "resuming"
        case .speech: "spoken"
        }
    }
}
