import Glibc

/// A self-pipe: one thread `notify()`s, another sleeps in `poll` on `descriptor` until it
/// does. Notifying is a single non-blocking write, safe from the audio thread and from a
/// signal handler.
public final class EventSignal: Sendable {
    public let descriptor: Int32
    private let writeEnd: Int32

    public init() {
        var ends: [Int32] = [0, 0]
        let result = pipe(&ends)
        precondition(result == 0, "pipe failed: \(String(cString: strerror(errno)))")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    public func notify() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Clears pending notifications, so the next `poll` sleeps again.
    public func drain() {
        var bytes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
