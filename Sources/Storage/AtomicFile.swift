import Foundation
import Glibc
import Session

/// Writes a file so that its name only ever holds a complete result: the content goes to a
/// hidden temporary file in the same folder, which is flushed to disk and renamed over the
/// target only when whole; on any failure or interruption the temporary file is removed.
public enum AtomicFile {
    public static func write(to target: String, _ body: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.system("cannot write \(target): the folder \(folder) does not exist")
        }
        let temporary = "\(folder)/.\(url.lastPathComponent).partial-\(getpid())"
        do {
            try body(temporary)
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

    /// The data reaches the disk before the rename makes it visible under the real name.
    private static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
    }
}
