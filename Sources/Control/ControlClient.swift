import Glibc

/// The client's end of the control protocol: one request, one reply; or a watch that stays open
/// and hears the session's events.
public enum ControlClient {
    /// Sends `request` and waits up to `timeout` milliseconds for the reply.
    public static func send(_ request: ControlRequest, to path: String, timeout: Int32 = 5000) throws(ControlClientError) -> ControlReply {
        let fd = try connect(to: path)
        defer { close(fd) }
        try write(request.line, to: fd, path: path)
        var reader = LineReader(descriptor: fd)
        let deadline = ControlServer.now() + Double(timeout) / 1000
        var open = true
        while true {
            if let line = reader.nextLine() {
                do {
                    return try ControlReply(line: line)
                } catch {
                    throw .unreadableReply(line)
                }
            }
            guard open else { throw .system(ControlError(code: ECONNRESET, call: "recv", path: path)) }
            let left = Int32(max(0, (deadline - ControlServer.now()) * 1000))
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, left)
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { throw .system(ControlError(code: ETIMEDOUT, call: "poll", path: path)) }
            do {
                open = try reader.fill(path: path)
            } catch {
                throw .system(error)
            }
        }
    }

    /// Whether a live player listens at `path` (a stale socket refuses connections).
    public static func isAnswering(at path: String) -> Bool {
        guard let fd = try? open(path) else { return false }
        close(fd)
        return true
    }

    static func open(_ path: String) throws(ControlError) -> Int32 {
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

    static func connect(to path: String) throws(ControlClientError) -> Int32 {
        do {
            return try open(path)
        } catch {
            throw ControlClientError(error)
        }
    }

    static func write(_ line: String, to fd: Int32, path: String) throws(ControlClientError) {
        let bytes = Array((line + "\n").utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw ControlClientError(ControlError.last("send", path: path))
        }
    }
}

/// Why a request got no reply.
public enum ControlClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No player listens there (no socket, or a stale one).
    case noPlayer(path: String)
    case system(ControlError)
    case unreadableReply(String)

    public var description: String {
        switch self {
        case .noPlayer(let path): "no player is running (nothing answers at \(path))"
        case .system(let error): "cannot reach the player: \(error)"
        case .unreadableReply(let line): "the player gave an unreadable reply: \(line.prefix(200))"
        }
    }

    init(_ error: ControlError) {
        self = error.code == ENOENT || error.code == ECONNREFUSED ? .noPlayer(path: error.path ?? "") : .system(error)
    }
}

/// A connection that asked to `watch`: the session's events arrive on `descriptor`, to be
/// read with `events()` when `poll` says so.
public final class ControlWatch {
    public let descriptor: Int32
    private var reader: LineReader
    /// The player hung up (it ended, or it dropped this watch).
    public private(set) var closed = false

    /// Connects and asks to watch; the player's reply says whether it will.
    public init(at path: String) throws(ControlClientError) {
        descriptor = try ControlClient.connect(to: path)
        reader = LineReader(descriptor: descriptor)
        do throws(ControlClientError) {
            try ControlClient.write(ControlRequest.watch.line, to: descriptor, path: path)
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while reader.peekLine() == nil {
                guard poll(&ready, 1, 5000) > 0, (try? reader.fill(path: path)) == true else {
                    throw ControlClientError.system(ControlError(code: ETIMEDOUT, call: "poll", path: path))
                }
            }
            let line = reader.nextLine()!
            guard let reply = try? ControlReply(line: line), reply.ok else { throw ControlClientError.unreadableReply(line) }
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    /// Waits up to `timeout` milliseconds (-1: for ever) for events, and returns them; empty
    /// when none came or the player hung up (`closed`).
    public func waitForEvents(timeout: Int32 = -1) -> [SessionEvent] {
        let ready = events()
        guard ready.isEmpty, !closed else { return ready }
        var wake = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&wake, 1, timeout)
        return events()
    }

    /// The events that have arrived; sets `closed` when the player has hung up. Some may have
    /// come with the reply to `watch`: call this before waiting in `poll`.
    public func events() -> [SessionEvent] {
        do {
            if try !reader.fill(path: "") { closed = true }
        } catch {
            closed = true
        }
        var events: [SessionEvent] = []
        while let line = reader.nextLine() {
            if let event = try? SessionEvent(line: line) { events.append(event) }
        }
        return events
    }
}

/// Splits what arrives on a socket into lines.
struct LineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads what is there without waiting; false when the peer has hung up.
    mutating func fill(path: String) throws(ControlError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                buffer += chunk[0..<count]
                continue
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return true }
            throw ControlError.last("recv", path: path)
        }
    }

    func peekLine() -> String? {
        buffer.firstIndex(of: 10).map { String(decoding: buffer[..<$0], as: UTF8.self) }
    }

    mutating func nextLine() -> String? {
        guard let newline = buffer.firstIndex(of: 10) else { return nil }
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeFirst(newline + 1)
        return line
    }
}
