import Foundation
import Glibc

/// The player's end of the control protocol: a Unix socket that only its own user may use.
///
/// A client connects, sends one request line and gets one reply line, and is closed; a client
/// that asked to `watch` stays and receives the session's events, one line each, until it
/// hangs up. Clients are served from the caller's `poll` loop, never blocking it: a silent
/// client is dropped after a few seconds, an overlong line is refused, a watcher that does not
/// keep up is dropped, and there is a cap on open clients.
public final class ControlServer {
    public let path: String
    private let listener: Int32
    private var clients: [Client] = []
    private var watchers: [Int32] = []

    public static let maximumLine = 4096
    public static let maximumClients = 32
    public static let maximumWatchers = 16
    public static let idleTimeout = 5.0

    private struct Client {
        let descriptor: Int32
        var buffer: [UInt8]
        let opened: Double
    }

    /// Creates the socket, replacing one left behind by a crashed player; fails with EADDRINUSE
    /// if a live player already answers there.
    public init(path: String) throws(ControlError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        try ControlServer.prepareFolder(folder)
        if ControlClient.isAnswering(at: path) {
            throw ControlError(code: EADDRINUSE, call: "bind", path: path)
        }
        unlink(path) // stale: nobody answers
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw ControlError.last("socket", path: path) }
        // Nobody else can reach the socket: its folder is this user's alone. The socket itself
        // is made private too (not through umask, which is the whole process's, threads and all).
        let bound = try SocketAddress.with(path) { bind(fd, $0, $1) }
        guard bound == 0, chmod(path, 0o600) == 0 else {
            let error = ControlError.last(bound == 0 ? "chmod" : "bind", path: path)
            close(fd)
            throw error
        }
        // A burst of clients waits in the queue rather than being turned away.
        guard listen(fd, SOMAXCONN) == 0 else {
            let error = ControlError.last("listen", path: path)
            close(fd)
            throw error
        }
        listener = fd
    }

    deinit {
        for client in clients { close(client.descriptor) }
        for watcher in watchers { close(watcher) }
        close(listener)
        unlink(path)
    }

    /// A folder only this user can enter: created 0700 when missing. One that exists is used
    /// only if it is a real folder (not a link), this user's, and closed to everyone else; it
    /// is never changed, since it may be shared (say `/tmp`).
    static func prepareFolder(_ folder: String) throws(ControlError) {
        if mkdir(folder, 0o700) == 0 { return }
        guard errno == EEXIST else { throw ControlError.last("mkdir", path: folder) }
        var info = stat()
        guard lstat(folder, &info) == 0 else { throw ControlError.last("lstat", path: folder) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ControlError(code: ENOTDIR, call: "lstat", path: folder,
                               detail: "the control socket's folder is not a folder (or is a link): name a private folder")
        }
        guard info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            let mode = String(info.st_mode & 0o7777, radix: 8)
            throw ControlError(code: EPERM, call: "lstat", path: folder,
                               detail: "the control socket's folder is open to others (mode \(mode), owner uid \(info.st_uid)): "
                                   + "name a folder that only you can enter (chmod 700)")
        }
    }

    /// Descriptors to watch for reading in the caller's `poll`. With every client slot taken,
    /// not the listener: further clients wait in the kernel's queue until one is free.
    public var descriptors: [Int32] {
        (clients.count < ControlServer.maximumClients ? [listener] : []) + clients.map(\.descriptor) + watchers
    }

    /// The longest the caller may sleep before `service` should run again (to drop idle clients).
    public var timeout: Double? {
        clients.map { max(0, $0.opened + ControlServer.idleTimeout - ControlServer.now()) }.min()
    }

    /// Whether anyone is watching the session's events.
    public var hasWatchers: Bool { !watchers.isEmpty }

    /// Accepts, reads and answers what is ready; `handle` turns each request into a reply.
    /// An unreadable line is answered here, with what is wrong with it.
    public func service(readable: Set<Int32>, handle: (ControlRequest) -> ControlReply) {
        let full = clients.count >= ControlServer.maximumClients
        if readable.contains(listener) { acceptAll() }
        // Full, the listener was not watched: once a slot is free, the queue moves on.
        defer { if full { acceptAll() } }
        var kept: [Client] = []
        for var client in clients {
            var finished = false
            if readable.contains(client.descriptor) {
                finished = read(into: &client, handle: handle)
            }
            if !finished, ControlServer.now() - client.opened > ControlServer.idleTimeout {
                close(client.descriptor)
                finished = true
            }
            if !finished { kept.append(client) }
        }
        clients = kept
        // A watcher only ever hangs up; anything it sends is ignored.
        for watcher in watchers where readable.contains(watcher) {
            var chunk = [UInt8](repeating: 0, count: 256)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(watcher, $0.baseAddress, $0.count) }
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { drop(watcher) }
        }
    }

    /// Sends an event to every watcher; one that cannot take it at once is dropped rather than
    /// waited for.
    public func broadcast(_ event: SessionEvent) {
        let line = event.line
        for watcher in watchers where !ControlServer.send(line, to: watcher) { drop(watcher) }
    }

    private func drop(_ watcher: Int32) {
        watchers.removeAll { $0 == watcher }
        close(watcher)
    }

    private func acceptAll() {
        while clients.count < ControlServer.maximumClients {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            guard ControlServer.peerIsOwner(fd) else {
                ControlServer.send(ControlReply.failure("refused", .refused).line, to: fd)
                close(fd)
                continue
            }
            clients.append(Client(descriptor: fd, buffer: [], opened: ControlServer.now()))
        }
    }

    /// True when the client is done with here (answered, gone, misbehaving, or now a watcher).
    private func read(into client: inout Client, handle: (ControlRequest) -> ControlReply) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(client.descriptor, $0.baseAddress, $0.count) }
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
                close(client.descriptor)
                return true
            }
            if count < 0 { return false }
            client.buffer += chunk[0..<count]
            if let newline = client.buffer.firstIndex(of: 10) {
                answer(String(decoding: client.buffer[..<newline], as: UTF8.self), on: client.descriptor, handle: handle)
                return true
            }
            if client.buffer.count > ControlServer.maximumLine {
                ControlServer.send(ControlReply.failure(ControlProtocolError.tooLong.description, .input).line, to: client.descriptor)
                close(client.descriptor)
                return true
            }
        }
    }

    private func answer(_ line: String, on fd: Int32, handle: (ControlRequest) -> ControlReply) {
        let request: ControlRequest
        do {
            request = try ControlRequest(line: line)
        } catch {
            ControlServer.send(ControlReply.failure(error.description, .input).line, to: fd)
            close(fd)
            return
        }
        let reply = handle(request)
        let sent = ControlServer.send(reply.line, to: fd)
        if request == .watch, reply.ok, sent, watchers.count < ControlServer.maximumWatchers {
            watchers.append(fd)
        } else {
            close(fd)
        }
    }

    /// Only the player's own user may control it, whatever the socket's permissions.
    private static func peerIsOwner(_ fd: Int32) -> Bool {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return false }
        return credentials.uid == getuid()
    }

    /// One whole line, or false: a line is short enough to fit any socket buffer at once, so a
    /// partial send means the peer stopped reading.
    @discardableResult
    private static func send(_ line: String, to fd: Int32) -> Bool {
        let bytes = Array((line + "\n").utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Linux's `struct ucred`, which Swift's Glibc module does not bring in.
    private struct PeerCredentials {
        var pid: Int32 = 0
        var uid: UInt32 = UInt32.max
        var gid: UInt32 = UInt32.max
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
