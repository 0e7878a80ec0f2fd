import Glibc
import Synchronization

private let pendingSignal = Atomic<Int32>(0)

/// Ctrl-C or SIGTERM while a command works: the handler only records the signal (all a signal
/// handler may safely do), and the work loop notices it at its next step and cleans up.
public struct Interruption: Error, CustomStringConvertible {
    public let signal: Int32

    public var description: String { "stretchcue: interrupted" }
    public var status: Int32 { 128 + signal }

    public static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number) { received in pendingSignal.store(received, ordering: .relaxed) }
            sigaddset(&signals, number)
        }
        // A parent may start us with these blocked (threads often block signals, and children
        // inherit the mask); then Ctrl-C would never arrive.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Ctrl-C and SIGTERM end the program at once, whatever a parent left blocked or ignored:
    /// until work that must clean up starts (`install`), there is nothing to clean up.
    public static func obeyByDefault() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_DFL)
            sigaddset(&signals, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    public static func check() throws(Interruption) {
        let received = pendingSignal.load(ordering: .relaxed)
        if received != 0 { throw Interruption(signal: received) }
    }
}
