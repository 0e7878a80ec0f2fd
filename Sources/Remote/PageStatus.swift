import Control
import Timeline

/// What the page shows, made from the player's `SessionStatus`: the same facts, put in the
/// words a person on a mat reads at arm's length, and one sentence for a screen reader. Pure.
///
/// The page counts `seconds_left` and `elapsed` down between two statuses while `counting`;
/// a new status comes with every cue, pause, skip and tempo change, so it never drifts far.
public struct PageStatus: Encodable, Sendable, Equatable {
    /// The player's state (`idle`, `preparing`, `playing`, ...), or `unreachable` when no player
    /// answers on the control socket.
    public var state: String
    /// A session is under way: the session buttons do something.
    public var active: Bool
    /// Playing: the clock on the page runs.
    public var counting: Bool
    /// The state in a word or two: "Playing", "Paused", "Ready for a session".
    public var headline: String
    public var routine: String?
    /// "3 of 13".
    public var counter: String?
    /// The exercise's name.
    public var name: String?
    public var side: String?
    /// What to do now: "Hold, breathe in", "Get into position", "Rest".
    public var doing: String?
    public var secondsLeft: Double?
    public var elapsed: Double?
    public var total: Double?
    /// Of the session heard so far, 0 to 1.
    public var progress: Double?
    public var tempo: String?
    /// For the live region: changes when the exercise, side, phase or state does, never with
    /// the clock or the breath (a screen reader would talk all the time).
    public var spoken: String
    /// The last thing worth telling: "session complete", a warning, why a start failed.
    public var message: String?

    public init(_ status: SessionStatus?, message: String? = nil) {
        self.message = message
        guard let status else {
            state = "unreachable"
            active = false
            counting = false
            headline = "No player"
            spoken = "No player answers: is stretchcue serve running?"
            return
        }
        state = status.state.rawValue
        active = [.preparing, .playing, .paused, .waitingForDevice].contains(status.state)
        counting = status.state == .playing
        headline = PageStatus.headline(status.state)
        routine = status.routine
        if let exercise = status.exercise, let exercises = status.exercises { counter = "\(exercise) of \(exercises)" }
        name = status.name
        side = status.side
        doing = PageStatus.doing(phase: status.phase, position: status.position, breath: status.breath)
        secondsLeft = status.secondsLeft
        elapsed = status.elapsed
        total = status.total
        if let elapsed = status.elapsed, let total = status.total, total > 0 {
            progress = (min(1, max(0, elapsed / total)) * 1000).rounded() / 1000
        }
        tempo = status.tempo
        spoken = PageStatus.sentence(headline: headline, counter: counter, name: name, side: side,
                                     doing: PageStatus.doing(phase: status.phase, position: status.position, breath: nil))
    }

    static func headline(_ state: SessionStatus.State) -> String {
        switch state {
        case .idle: "Ready for a session"
        case .preparing: "Getting ready"
        case .playing: "Playing"
        case .paused: "Paused"
        case .waitingForDevice: "Waiting for the speaker"
        case .finished: "Finished"
        }
    }

    /// The phase (and breath) in words.
    static func doing(phase: String?, position: String?, breath: String?) -> String? {
        let words: String? = switch phase {
        case "lead-in": "Starting"
        case "get-ready": "Get into position"
        case "hold": position.map { "Hold: \($0)" } ?? "Hold"
        case "switch": "Switch sides"
        case "rest": "Rest"
        case "gap": "Next exercise coming"
        case "finished": "Done"
        default: nil
        }
        guard let words else { return nil }
        // The player sends the breath cue's kind (`inhale`, `breath-hold`, `exhale`); the
        // words are the ones the cue has everywhere else.
        guard let kind = breath.flatMap(CueKind.init(rawValue:)), kind.isBreath else { return words }
        return "\(words), \(kind.meaning)"
    }

    static func sentence(headline: String, counter: String?, name: String?, side: String?, doing: String?) -> String {
        var parts = [headline + "."]
        if let counter, let name {
            parts.append("Exercise \(counter): \(name)" + (side.map { ", \($0)" } ?? "") + ".")
        }
        if let doing { parts.append(doing + ".") }
        return parts.joined(separator: " ")
    }

    private enum CodingKeys: String, CodingKey {
        case state, active, counting, headline, routine, counter, name, side, doing, elapsed, total, progress, tempo, spoken, message
        case secondsLeft = "seconds_left"
    }
}
