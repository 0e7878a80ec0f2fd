import Foundation

/// One session that played, as the history keeps it: which routine, when it began and ended,
/// how much of it was heard and how far it got. Written once, when the session ends or is
/// stopped; a line of JSON in the history file (`HistoryLog`).
public struct SessionRecord: Codable, Sendable, Equatable {
    /// The routine's own name (its `name:`).
    public var routine: String
    /// The routine file, absolute; nil when the session was not played from a file.
    public var path: String?
    public var began: Date
    public var ended: Date
    /// Seconds of the session heard: pauses and skipped parts are not counted.
    public var seconds: Double
    /// Exercises played to their end, of how many the routine has.
    public var done: Int
    public var of: Int
    /// Played to its end chime (else stopped).
    public var completed: Bool

    public init(routine: String, path: String?, began: Date, ended: Date, seconds: Double, done: Int, of: Int,
                completed: Bool) {
        self.routine = routine
        self.path = path
        self.began = began
        self.ended = ended
        self.seconds = seconds
        self.done = done
        self.of = of
        self.completed = completed
    }

    /// The same session as `other`: the same routine, from the same file, begun in the same
    /// second (the history keeps times to the second).
    public func isSameSession(as other: SessionRecord) -> Bool {
        path == other.path && routine == other.routine
            && began.timeIntervalSince1970.rounded(.down) == other.began.timeIntervalSince1970.rounded(.down)
    }

    /// Whether the values make sense together; a line that decodes to anything else is not one
    /// of ours, or was damaged.
    public var isSound: Bool {
        seconds.isFinite && seconds >= 0 && done >= 0 && of >= 1 && done <= of && ended >= began
            && !routine.isEmpty
    }
}
