import History

/// Where the sessions that played are recorded: a file in the person's state folder, or a
/// test's memory. The session controller records each one as it ends, whoever started it.
public protocol HistoryStore: AnyObject {
    /// Where the history is kept, for messages.
    var location: String { get }
    /// Adds one session; throws with the reason when it could not be kept.
    func record(_ session: SessionRecord) throws(Failure)
    /// Adds one session unless the history has a record of the same routine file begun in the
    /// same second (two processes doing so at once add it once); returns whether it added it.
    /// Reads the history without a word about lines it passes over: that is `history`'s to say.
    func recordOnce(_ session: SessionRecord) throws(Failure) -> Bool
}
