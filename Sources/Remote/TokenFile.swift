import Config
import Foundation
import Glibc
import Paths
import Session
import Storage
import Synchronization

/// Where the remote's token is kept: `$XDG_STATE_HOME/stretchcue/remote-token`, one line,
/// mode 0600 in a private folder. Made on first use; `renew` replaces it, which revokes every
/// link and cookie that carried the old one.
public struct TokenFile: Sendable {
    public let path: String

    public init(path: String = Paths().remoteToken) {
        self.path = path
    }

    /// The token, made now if there is none yet (or the file holds something else).
    public func load() throws(Failure) -> RemoteToken {
        if let token = try read() { return token }
        return try renew()
    }

    /// A new token in place of the old one.
    @discardableResult
    public func renew() throws(Failure) -> RemoteToken {
        let token = RemoteToken.generate(bytes: Defaults.remoteTokenBytes)
        try write(token)
        return token
    }

    /// The token in the file; nil when there is none or it is not one.
    public func read() throws(Failure) -> RemoteToken? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .system("\(path): \(String(cString: strerror(errno)))")
        }
        // A secret others could have read is no secret: the person makes a new one.
        guard info.st_mode & 0o077 == 0, info.st_uid == getuid() else {
            throw .refused("\(path) is open to others (mode \(String(info.st_mode & 0o777, radix: 8))): "
                           + "stretchcue remote --new-token makes a private one")
        }
        let bytes: [UInt8]
        do {
            bytes = try TextFile.read(path)
        } catch {
            throw .system("\(path): \(error)")
        }
        return RemoteToken(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A file of this user's alone, whole or not at all: written to a 0600 temporary file,
    /// flushed, and renamed over the old one.
    private func write(_ token: RemoteToken) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        try PrivateFolder.make(folder)
        let temporary = "\(folder)/.remote-token.partial-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("\(temporary): \(String(cString: strerror(errno)))") }
        let line = Array((token.text + "\n").utf8)
        let written = line.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == line.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .system("cannot write \(path): \(reason)")
        }
    }
}

/// The token as the server checks it: read again whenever the file changes, so that
/// `stretchcue remote --new-token` locks out the old links of a running player at once.
/// Safe from any thread.
///
/// The file's rule is `TokenFile.read`'s, the same as `stretchcue remote`'s: a file others
/// can read holds no token (nil), and every request is refused until it is replaced.
public final class TokenKeeper: Sendable {
    private let file: TokenFile
    private let state: Mutex<State>

    private struct State {
        var token: RemoteToken?
        var stamp: Stamp
        /// Counts the tokens seen, so that a stream opened with an older one can be closed.
        var generation: Int
    }

    /// What changes when the file is replaced, written or has its mode changed: the inode and
    /// the status change time.
    private struct Stamp: Equatable {
        var inode: UInt
        var seconds: Int
        var nanoseconds: Int
    }

    /// Makes the token if there is none yet; a file others can read is kept, and refused.
    public init(file: TokenFile) throws(Failure) {
        self.file = file
        var token: RemoteToken?
        do {
            token = try file.load()
        } catch where error.kind == .refused {
            token = nil
        }
        state = Mutex(State(token: token, stamp: TokenKeeper.stamp(file.path) ?? Stamp(inode: 0, seconds: 0, nanoseconds: 0),
                            generation: 0))
    }

    /// The token in force, nil while the file is refused, and its generation; a file removed
    /// or damaged meanwhile leaves the last good token in force until a new one is written.
    public func current() -> (token: RemoteToken?, generation: Int) {
        let stamp = TokenKeeper.stamp(file.path)
        return state.withLock { state in
            guard let stamp, stamp != state.stamp else { return (state.token, state.generation) }
            let token: RemoteToken?
            do throws(Failure) {
                guard let read = try file.read() else { return (state.token, state.generation) }
                token = read
            } catch where error.kind == .refused {
                token = nil
            } catch {
                return (state.token, state.generation)
            }
            state.stamp = stamp
            if token != state.token {
                state.token = token
                state.generation += 1
            }
            return (state.token, state.generation)
        }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(inode: UInt(info.st_ino), seconds: info.st_ctim.tv_sec, nanoseconds: info.st_ctim.tv_nsec)
    }
}
