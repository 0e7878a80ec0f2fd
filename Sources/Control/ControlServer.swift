import Foundation
import Glibc

/// The player's end of `stretchcue ctl`: a Unix socket that only its own user may use.
///
/// Each client connects, sends one request line, gets one reply line and is closed. Clients
/// are served from the caller's `poll` loop, never blocking it: a silent client is dropped
/// after a few seconds, an overlong line is refused, and there is a cap on open clients.
public final class ControlServer {
    public let path: String
    private let listener: Int32
    private var clients: [Client] = []

    public static let maximumLine = 1024
    public static let maximumClients = 32
    public static let idleTimeout = 5.0

    private struct Client {
        let descriptor: Int32
        var buffer: [UInt8]
        let opened: Double
    }

    /// Creates the socket, replacing one left behind by a crashed player; fails with EADDRINUSE
    /// if a live player already answers there.
    public init(path: String = SocketAddress.defaultPath()) throws(ControlError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        try ControlServer.prepareFolder(folder)
        if ControlClient.isAnswering(at: path) {
            throw ControlError(code: EADDRINUSE, call: "bind", path: path)
        }
        unlink(path) // stale: nobody answers
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw ControlError.last("socket", path: path) }
        // The socket is created with no access for others, before anyone could connect.
        let previous = umask(0o177)
        let bound = try SocketAddress.with(path) { bind(fd, $0, $1) }
        umask(previous)
        guard bound == 0 else {
            let error = ControlError.last("bind", path: path)
            close(fd)
            throw error
        }
        guard listen(fd, 16) == 0 else {
            let error = ControlError.last("listen", path: path)
            close(fd)
            throw error
        }
        listener = fd
    }

    deinit {
        for client in clients { close(client.descriptor) }
        close(listener)
        unlink(path)
    }

    /// A private folder: created 0700, or refused if someone else owns it or others can enter.
    static func prepareFolder(_ folder: String) throws(ControlError) {
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { throw ControlError.last("mkdir", path: folder) }
        var info = stat()
        guard lstat(folder, &info) == 0 else { throw ControlError.last("lstat", path: folder) }
        guard info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else {
            throw ControlError(code: EPERM, call: "lstat", path: folder)
        }
        if info.st_mode & 0o077 != 0, chmod(folder, 0o700) != 0 { throw ControlError.last("chmod", path: folder) }
    }

    /// Descriptors to watch for reading in the caller's `poll`.
    public var descriptors: [Int32] { [listener] + clients.map(\.descriptor) }

    /// The longest the caller may sleep before `service` should run again (to drop idle clients).
    public var timeout: Double? {
        clients.map { max(0, $0.opened + ControlServer.idleTimeout - ControlServer.now()) }.min()
    }

    /// Accepts, reads and answers what is ready; `handle` turns a request line into a reply.
    public func service(readable: Set<Int32>, handle: (String) -> String) {
        if readable.contains(listener) { acceptAll() }
        var kept: [Client] = []
        for var client in clients {
            var finished = false
            if readable.contains(client.descriptor) {
                finished = read(into: &client, handle: handle)
            }
            if !finished, ControlServer.now() - client.opened > ControlServer.idleTimeout {
                finished = true
            }
            if finished { close(client.descriptor) } else { kept.append(client) }
        }
        clients = kept
    }

    private func acceptAll() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            guard ControlServer.peerIsOwner(fd), clients.count < ControlServer.maximumClients else {
                ControlServer.send("{\"ok\":false,\"error\":\"refused\"}", to: fd)
                close(fd)
                continue
            }
            clients.append(Client(descriptor: fd, buffer: [], opened: ControlServer.now()))
        }
    }

    /// True when the client is done with (answered, gone or misbehaving).
    private func read(into client: inout Client, handle: (String) -> String) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(client.descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return true }
            if count < 0 { return errno != EAGAIN && errno != EINTR }
            client.buffer += chunk[0..<count]
            if let newline = client.buffer.firstIndex(of: 10) {
                let line = String(decoding: client.buffer[..<newline], as: UTF8.self)
                ControlServer.send(handle(line), to: client.descriptor)
                return true
            }
            if client.buffer.count > ControlServer.maximumLine {
                ControlServer.send("{\"ok\":false,\"error\":\"request too long\"}", to: client.descriptor)
                return true
            }
        }
    }

    /// Only the player's own user may control it, whatever the socket's permissions.
    private static func peerIsOwner(_ fd: Int32) -> Bool {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return false }
        return credentials.uid == getuid()
    }

    private static func send(_ line: String, to fd: Int32) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
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
