import Glibc

/// `stretchcue ctl`'s end: sends one request line and returns the reply line.
public enum ControlClient {
    public static func request(_ line: String, at path: String, timeout: Int32 = 5000) throws(ControlError) -> String {
        let fd = try connect(to: path)
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw ControlError.last("send", path: path)
        }
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !reply.contains(10) {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, timeout) > 0 else { throw ControlError(code: ETIMEDOUT, call: "poll", path: path) }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { if errno == EINTR { continue }; throw ControlError.last("recv", path: path) }
            if count == 0 { break }
            reply += chunk[0..<count]
        }
        return String(decoding: reply.prefix { $0 != 10 }, as: UTF8.self)
    }

    /// Whether a live player listens at `path` (a stale socket refuses connections).
    public static func isAnswering(at path: String) -> Bool {
        guard let fd = try? connect(to: path) else { return false }
        close(fd)
        return true
    }

    private static func connect(to path: String) throws(ControlError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ControlError.last("socket", path: path) }
        let result = try SocketAddress.with(path) { Glibc.connect(fd, $0, $1) }
        guard result == 0 else {
            let error = ControlError.last("connect", path: path)
            close(fd)
            throw error
        }
        return fd
    }
}
