import Foundation

/// Where an interrupted session was, so that `--resume` can go on from there. Saved at each
/// exercise and on pause and stop, removed when a session completes (see `PlaceStore`).
public struct SavedPlace: Codable, Sendable, Equatable {
    /// The routine file, absolute; nil only in a place saved before routines were told apart
    /// (it meant the bundled routine).
    public var routine: String?
    /// A hash of the routine file's bytes, to tell whether it changed since.
    public var fingerprint: String
    /// Index of the exercise to go on with, from 0.
    public var exercise: Int
    public var exerciseName: String
    public var breath: String?
    /// The length the session was fitted to, if it was; a resumed session keeps it.
    public var length: String?
    public var savedAt: Date
    /// The session playing from here that the history does not have yet; nil once it is recorded.
    public var unrecorded: UnrecordedSession?

    public init(routine: String?, fingerprint: String, exercise: Int, exerciseName: String, breath: String?,
                length: String? = nil, savedAt: Date) {
        self.routine = routine
        self.fingerprint = fingerprint
        self.exercise = exercise
        self.exerciseName = exerciseName
        self.breath = breath
        self.length = length
        self.savedAt = savedAt
    }

    /// A hash of a file's bytes: enough to notice an edit.
    public static func fingerprint(of bytes: [UInt8]) -> String {
        String(FNV1a.hash(bytes), radix: 16)
    }
}

/// Where saved places are kept: a file in the person's state folder, or a test's memory.
public protocol PlaceStore: AnyObject {
    /// Where the places are kept, for messages.
    var location: String { get }
    /// Every routine's saved place (none when nothing was saved); throws when they are there
    /// but unreadable.
    func load() throws(Failure) -> SavedPlaces
    /// Throws with the reason when a place could not be saved, without touching what is there.
    func checkWritable() throws(Failure)
    /// Replaces the place of `place.routine`, keeping the others; throws with the reason it could not.
    func save(_ place: SavedPlace) throws(Failure)
    /// Replaces the place of `place.routine` where it stands (which is latest stays so), if
    /// there is one; throws with the reason it could not.
    func update(_ place: SavedPlace) throws(Failure)
    /// A routine that completed leaves nothing of its own to resume.
    func clear(routine: String?)
}

/// FNV-1a, 64 bits: enough to notice an edit or a damaged file and to tell names apart, with
/// no dependency. Not for anything an attacker chooses.
public enum FNV1a {
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}
