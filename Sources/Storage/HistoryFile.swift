import Foundation
import Glibc
import History
import Paths
import Session

/// The history on disk, `$XDG_STATE_HOME/stretchcue/history.jsonl`: a line of JSON per session,
/// only ever appended (`O_APPEND`, one `write`, then `fsync`), in a folder only this user can
/// enter. A kill in the middle of a write leaves at most one torn last line, which reading
/// passes over and the next record does not join: it starts on a line of its own.
public final class HistoryFile: HistoryStore {
    public let location: String

    public init(path: String = Paths().history) {
        location = path
    }

    private var folder: String { (location as NSString).deletingLastPathComponent }

    /// Every record, and the lines passed over; nothing when there is no history yet.
    public func load() throws(Failure) -> HistoryLog.Contents {
        do {
            return HistoryLog.parse(try TextFile.read(location, limit: HistoryLog.maximumBytes))
        } catch where error.code == ENOENT {
            return HistoryLog.Contents()
        } catch {
            throw .system("\(location): cannot read the history (\(error))")
        }
    }

    public func record(_ session: SessionRecord) throws(Failure) {
        try append(session) { _ throws(Failure) in true }
    }

    /// Holds an exclusive lock on the file while it reads it and appends, so that two sessions
    /// starting at once, both finding the same killed session, record it once.
    public func recordOnce(_ session: SessionRecord) throws(Failure) -> Bool {
        var added = false
        try append(session) { fd throws(Failure) in
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw failure("flock") }
            }
            let contents = try load()
            added = !contents.records.contains { $0.isSameSession(as: session) }
            return added
        }
        return added
    }

    /// Appends `session` once `decide`, given the open file, says to.
    private func append(_ session: SessionRecord, if decide: (Int32) throws(Failure) -> Bool) throws(Failure) {
        try PrivateFolder.make(folder)
        var exists = stat()
        let created = stat(location, &exists) != 0
        let fd = open(location, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("open") }
        defer { close(fd) } // which also lets go of a lock
        guard try decide(fd) else { return }
        var line = HistoryLog.line(session)
        if try endsMidLine(fd) { line.insert(UInt8(ascii: "\n"), at: 0) }
        var written = 0
        while written < line.count {
            let count = line[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("write") }
            written += count
        }
        guard fsync(fd) == 0 else { throw failure("fsync") }
        // A new file's name in its folder reaches the disk too.
        if created {
            let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directory >= 0 {
                _ = fsync(directory)
                close(directory)
            }
        }
    }

    /// The file's last byte is not a newline: a write was cut short there.
    private func endsMidLine(_ fd: Int32) throws(Failure) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("fstat") }
        guard info.st_size > 0 else { return false }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, info.st_size - 1) == 1 else { throw failure("pread") }
        return last != UInt8(ascii: "\n")
    }

    private func failure(_ call: String) -> Failure {
        .system("\(location): \(String(cString: strerror(errno))) (\(call))")
    }
}
