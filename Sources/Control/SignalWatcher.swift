import Glibc
import Synchronization

private let received = Atomic<Int>(0)
private let interrupts = Atomic<Int>(0)
private let wakeWrite = Atomic<Int32>(-1)

/// Turns signals into events for a `poll` loop: the handler only records the signal and
/// writes a byte to a pipe (all a signal handler may safely do); the loop reads them at leisure.
///
/// A second Ctrl-C does not wait for the loop: it restores the terminal and exits at once.
public final class SignalWatcher {
    public enum Event: Sendable, Equatable {
        // SIGINT and SIGTERM both stop a session; which one it was decides the exit status.
        case togglePause  // SIGUSR1
        case next         // SIGUSR2
        case interrupt    // SIGINT: Ctrl-C
        case terminate    // SIGTERM
        case reload       // SIGHUP
        case resized      // SIGWINCH: the terminal changed size
        case continued    // SIGCONT: back from Ctrl-Z
    }

    public let descriptor: Int32
    private let writeEnd: Int32

    private static let watched: [(Int32, Event)] = [
        (SIGUSR1, .togglePause), (SIGUSR2, .next), (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .reload),
        (SIGWINCH, .resized), (SIGCONT, .continued),
    ]

    public init() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "pipe failed")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
        wakeWrite.store(writeEnd, ordering: .releasing)
        var mask = sigset_t()
        sigemptyset(&mask)
        for (number, _) in SignalWatcher.watched {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if number == SIGINT, interrupts.add(1, ordering: .relaxed).newValue >= 2 {
                    TerminalState.clearStatusLine()
                    TerminalState.restore()
                    _exit(130)
                }
                received.bitwiseOr(1 << Int(number), ordering: .relaxed)
                var byte: UInt8 = 1
                _ = write(wakeWrite.load(ordering: .relaxed), &byte, 1)
            }
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
            sigaddset(&mask, number)
        }
        // Inherited masks can block these (threads often block signals): unblock them here.
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    deinit {
        for (number, _) in SignalWatcher.watched { signal(number, SIG_DFL) }
        wakeWrite.store(-1, ordering: .relaxed)
        close(descriptor)
        close(writeEnd)
    }

    /// The signals that arrived since the last call, in a fixed order.
    public func events() -> [Event] {
        var bytes = [UInt8](repeating: 0, count: 64)
        while bytes.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        let bits = received.exchange(0, ordering: .acquiringAndReleasing)
        return SignalWatcher.watched.filter { bits & (1 << Int($0.0)) != 0 }.map(\.1)
    }
}
