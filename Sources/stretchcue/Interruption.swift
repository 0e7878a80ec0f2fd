import Glibc
import Synchronization

private let pendingSignal = Atomic<Int32>(0)

/// Ctrl-C or SIGTERM while a command works: the handler only records the signal (all a signal
/// handler may safely do), and the work loop notices it at its next step and cleans up.
struct Interruption: Error, CustomStringConvertible {
    let signal: Int32

    var description: String { "stretchcue: interrupted" }
    var status: Int32 { 128 + signal }

    static func install() {
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number) { received in pendingSignal.store(received, ordering: .relaxed) }
        }
    }

    static func check() throws(Interruption) {
        let received = pendingSignal.load(ordering: .relaxed)
        if received != 0 { throw Interruption(signal: received) }
    }
}
