import Glibc
import Session

/// Reads a small file whole, failing with the system's own reason ("No such file or
/// directory", "Is a directory", "Permission denied").
public enum TextFile {
    public struct Error: Swift.Error, CustomStringConvertible {
        public let code: Int32
        /// Something other than a regular file: a FIFO, a device, a socket.
        public var special = false
        public var description: String {
            special && code != EISDIR ? "not a regular file (a pipe or a device)" : String(cString: strerror(code))
        }
    }

    /// Routines are a few kilobytes; anything this large is not one.
    public static let limit = 4 << 20

    public static func read(_ path: String, limit: Int = TextFile.limit) throws(Error) -> [UInt8] {
        // Without blocking: a FIFO nobody writes to would hold the program (and its signals) for
        // ever. Only a regular file is read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Error(code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Error(code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Error(code: info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL, special: true) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Error(code: errno)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            guard bytes.count <= limit else { throw Error(code: EFBIG) }
        }
    }

    /// The file as text, for a file the person wrote (a routine, the config file): one line
    /// naming the file when it cannot be read or is not UTF-8.
    public static func text(_ path: String) throws(Failure) -> String {
        let bytes: [UInt8]
        do {
            bytes = try read(path)
        } catch {
            throw .located("\(path): cannot read: \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .located("\(path):1:1: the file is not UTF-8 text")
        }
        return text
    }
}
