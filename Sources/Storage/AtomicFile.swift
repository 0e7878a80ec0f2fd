import Foundation
import Glibc
import Session

/// Writes a file so that its name only ever holds a complete result: the content goes to a
/// hidden temporary file in the same folder, which is flushed to disk and renamed over the
/// target only when whole; on any failure or interruption the temporary file is removed. A
/// file it replaces keeps its permissions (a private 600 file stays private), and what a killed
/// earlier write left behind is cleared away.
public enum AtomicFile {
    public static func write(to target: String, _ body: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.system("cannot write \(target): the folder \(folder) does not exist")
        }
        let prefix = ".\(url.lastPathComponent).partial-"
        removeStale(in: folder, prefix: prefix)
        let temporary = "\(folder)/\(prefix)\(getpid())"
        do {
            try body(temporary)
            var existing = stat()
            if stat(target, &existing) == 0 { _ = chmod(temporary, existing.st_mode & 0o7777) }
            try sync(temporary)
            guard rename(temporary, target) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
        } catch let interrupted as Interruption {
            unlink(temporary)
            throw interrupted
        } catch {
            unlink(temporary)
            throw Failure.system("cannot write \(target): \(error)")
        }
    }

    /// Temporary files of writes whose process is gone (killed, or the machine lost power).
    private static func removeStale(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink("\(folder)/\(name)") }
        }
    }

    /// The data reaches the disk before the rename makes it visible under the real name.
    private static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
    }
}
