import CProcess
import Glibc

/// A file with no name, open for reading and writing, gone when this is: where a program's
/// standard input comes from and its output goes, with nothing left on disk whatever happens.
public final class ScratchFile: Sendable {
    public let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// A new empty file in $TMPDIR (or /tmp), its name removed at once.
    static func temporary() throws(ProcessError) -> ScratchFile {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return try unnamed(in: folder)
    }

    /// A new empty file in `folder`, readable by its owner alone, its name removed at once.
    public static func unnamed(in folder: String) throws(ProcessError) -> ScratchFile {
        var template = Array("\(folder)/.stretchcue-XXXXXX".utf8CString)
        let descriptor = mkostemp(&template, O_CLOEXEC)
        guard descriptor >= 0 else { throw .last("mkostemp") }
        unlink(template)
        return ScratchFile(descriptor: descriptor)
    }

    func write(_ bytes: [UInt8]) throws(ProcessError) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .last("write")
            }
            written += count
        }
        try rewind()
    }

    func rewind() throws(ProcessError) {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw .last("lseek") }
    }

    /// How many bytes the file holds.
    public func size() throws(ProcessError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .last("fstat") }
        return Int(info.st_size)
    }
}
