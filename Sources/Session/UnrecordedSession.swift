import Foundation
import History

/// A session the history does not have yet, kept with its saved place while it plays: when it
/// began, how far it got and how much of it was heard as of the place's last save, and which
/// process plays it. It is written with the place as the session goes and cleared once the
/// session's record is appended, so one still there when its process is gone is a session that
/// was killed (`kill -9`, a power cut) before it could record itself: the next session to start
/// records it as stopped (`UnrecordedSessions`).
public struct UnrecordedSession: Codable, Sendable, Equatable {
    /// The routine's own name (its `name:`).
    public var routine: String
    public var began: Date
    /// Seconds heard, as of the last save.
    public var seconds: Double
    /// Exercises played to their end, of how many, as of the last save.
    public var done: Int
    public var of: Int
    /// The process playing it; nil when not known (then it is taken for gone).
    public var player: PlayerProcess?

    public init(routine: String, began: Date, seconds: Double, done: Int, of: Int, player: PlayerProcess?) {
        self.routine = routine
        self.began = began
        self.seconds = seconds
        self.done = done
        self.of = of
        self.player = player
    }

    /// What the history keeps of it: stopped, at the place's last save.
    public func record(path: String?, ended: Date) -> SessionRecord {
        SessionRecord(routine: routine, path: path, began: began, ended: max(ended, began), seconds: seconds, done: done,
                      of: of, completed: false)
    }
}
