import Foundation
import Player
import Preparation
import Session
import Synchronization

/// A session made ready on a thread of its own (the voice spoken, the sounds converted, the
/// device opened), so that the player's loop goes on answering meanwhile. `signal` tells the
/// loop when `result` is there.
final class SessionMaker: Sendable {
    typealias Made = (session: PreparedSession, notices: [String])

    let signal = EventSignal()
    private let outcome = Mutex<Result<Made, Failure>?>(nil)
    private let done = Mutex<Double>(0)

    init(_ plan: SessionPlan) {
        let thread = Thread { [self] in
            var notices: [String] = []
            let result: Result<Made, Failure>
            do throws(Failure) {
                let session = try PreparedSession(plan, notice: { notices.append($0) },
                                                  progress: { fraction in done.withLock { $0 = fraction } })
                result = .success((session, notices))
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            signal.notify()
        }
        thread.name = "stretchcue preparation"
        thread.start()
    }

    /// How much of the preparation is done, from 0 to 1.
    var fraction: Double {
        done.withLock { $0 }
    }

    /// Nil until the thread is done.
    var result: Result<Made, Failure>? {
        outcome.withLock { $0 }
    }
}
