import Foundation
import Glibc

/// Tells systemd how a `Type=notify` service is doing: one datagram per state change to the
/// socket named in `$NOTIFY_SOCKET`, as `sd_notify(3)` does, with no library needed. Without
/// that variable (not started by systemd) every call does nothing.
public struct ServiceNotifier: Sendable {
    public let socketPath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.hasPrefix("/") || $0.hasPrefix("@") ? $0 : nil }
    }

    /// Sends `KEY=VALUE` lines, e.g. `READY=1`, `STOPPING=1`, `STATUS=…`.
    public func notify(_ state: String) throws(ControlError) {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ControlError.last("socket", path: socketPath) }
        defer { close(fd) }
        let bytes = Array(state.utf8)
        let sent = try SocketAddress.with(socketPath) { address, length in
            bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), address, length) }
        }
        guard sent == bytes.count else { throw ControlError.last("sendto", path: socketPath) }
    }
}
