/// A cue's line in its columns, for a front end that lays them out in a width of its own (a
/// narrow terminal); the event's `text` is the same line as `show` prints it.
public struct CueColumns: Codable, Sendable, Equatable {
    /// When it sounds: "00:46".
    public var time: String
    /// Which exercise of how many: "2/13"; empty outside the exercises.
    public var exercise: String
    public var name: String
    /// The side, the position and the repetition, where the routine has them: "left 2/3".
    public var detail: String
    /// The cue's kind, as `show --json` names it: "exercise", "hold-start".
    public var kind: String
    /// What it asks of the person, or the words spoken: "next exercise: get into position".
    public var meaning: String

    public init(time: String, exercise: String, name: String, detail: String, kind: String, meaning: String) {
        self.time = time
        self.exercise = exercise
        self.name = name
        self.detail = detail
        self.kind = kind
        self.meaning = meaning
    }
}
