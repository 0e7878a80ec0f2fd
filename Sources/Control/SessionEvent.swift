/// Something that happened in a session, worded once for every front end: the terminal
/// prints it, the service logs it, and a client that asked to `watch` receives it as a line of
/// JSON, `{"event":"cue","text":"00:12  1/13  Child's pose ..."}`.
public struct SessionEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The session is ready and starts to sound; `text` is its heading ("Lower back: 13
        /// exercises, 16:05").
        case begin
        /// A cue was heard; `text` is its line, as `show` prints it.
        case cue
        /// The breathing pattern changed.
        case tempo
        /// Paused, playing, waiting for the device: `text` is the state, as in `SessionStatus`.
        case state
        /// Something went wrong that the session survives: the device went away, ran dry, the
        /// place cannot be saved.
        case warning
        /// The session is over, or could not begin; `completed` tells whether it ran to its end,
        /// `exercise` where a stopped one can resume (none when it failed).
        case end
    }

    public var kind: Kind
    public var text: String
    /// With `cue`: its kind (`exercise`, `hold-start`, `inhale`, `speech`, ...), for a front end
    /// that shows only some.
    public var cue: String?
    /// With `end`: whether the session played to its end chime.
    public var completed: Bool?
    /// With `end`: the session could not go on (its device failed, or it could not be made
    /// ready); `text` says why.
    public var failed: Bool?
    /// With `end` of a stopped session: the exercise where `--resume` goes on.
    public var exercise: String?
    /// With `end` of a session that played: what was done.
    public var summary: Summary?
    /// With `cue`: its line in columns, for a front end narrower than `text`.
    public var columns: CueColumns?

    /// How much of a session was done: exercises played to their end, of how many, and the
    /// seconds of it heard (pauses and skipped parts not counted).
    public struct Summary: Codable, Sendable, Equatable {
        public var done: Int
        public var of: Int
        public var seconds: Double

        public init(done: Int, of: Int, seconds: Double) {
            self.done = done
            self.of = of
            self.seconds = seconds
        }

        /// "13 exercises in 16 min", "2 of 13 exercises in 3 min".
        public var text: String {
            let count = done == of ? (of == 1 ? "1 exercise" : "\(of) exercises") : "\(done) of \(of) exercise\(of == 1 ? "" : "s")"
            return "\(count) in \(time)"
        }

        /// The time heard: "40 s", "16 min".
        public var time: String {
            seconds < 60 ? "\(Int(seconds.rounded())) s" : "\(Int((seconds / 60).rounded())) min"
        }
    }

    public init(_ kind: Kind, _ text: String, cue: String? = nil, completed: Bool? = nil, failed: Bool? = nil,
                exercise: String? = nil, summary: Summary? = nil, columns: CueColumns? = nil) {
        self.kind = kind
        self.text = text
        self.cue = cue
        self.completed = completed
        self.failed = failed
        self.exercise = exercise
        self.summary = summary
        self.columns = columns
    }

    private enum CodingKeys: String, CodingKey {
        case kind = "event"
        case text, cue, completed, failed, exercise, summary, columns
    }

    public var line: String { WireFormat.line(self) }

    public init(line: String) throws(ControlProtocolError) {
        do {
            self = try WireFormat.decode(SessionEvent.self, from: line)
        } catch {
            throw .unreadable(WireFormat.reason(error))
        }
    }
}
