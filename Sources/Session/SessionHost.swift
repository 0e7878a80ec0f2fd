import Control

/// The person's one player, with or without a session: what a request means when no session
/// plays (a waiting `serve`), while one is being prepared, and who takes it when one plays.
public final class SessionHost {
    public enum State {
        case idle
        /// Preparing a session (what its status says meanwhile); `cancelled` once a stop came.
        case preparing(SessionStatus, cancelled: Bool)
        case playing(SessionController)
    }

    public private(set) var state = State.idle

    public var session: SessionController? {
        if case .playing(let session) = state { return session }
        return nil
    }

    public enum Action: Equatable {
        case reply(ControlReply)
        /// Check these options, reply, and prepare the session off the loop.
        case start(StartOptions)
    }

    public init() {}

    public func handle(_ request: ControlRequest) -> Action {
        switch state {
        case .playing(let session):
            return .reply(session.handle(request))
        case .preparing(let status, let cancelled):
            switch request {
            case .status:
                // Given up, it is no session any more, though its thread may take a while to stop.
                return .reply(.status(cancelled ? .idle : status))
            case .watch:
                return .reply(.done)
            case .stop:
                state = .preparing(status, cancelled: true)
                return .reply(.done)
            case .start where cancelled:
                return .reply(.failure("the last session is still being given up; try again in a moment", .refused))
            case .start:
                return .reply(.failure("a session is being prepared: stop it first (stretchcue ctl stop)", .refused))
            default:
                let doing = cancelled ? "being given up" : "still being prepared"
                return .reply(.failure("the session is \(doing); try again in a moment", .refused))
            }
        case .idle:
            switch request {
            case .start(let options): return .start(options)
            case .status: return .reply(.status(.idle))
            case .watch: return .reply(.done)
            default: return .reply(.failure("no session is playing: start one with stretchcue ctl start", .refused))
            }
        }
    }

    /// A start was accepted: a session of `routine`, of so many `exercises`, is being prepared.
    public func preparing(_ routine: String, exercises: Int) -> SessionStatus {
        var status = SessionStatus(state: .preparing)
        status.routine = routine
        status.exercises = exercises
        state = .preparing(status, cancelled: false)
        return status
    }

    /// The preparation is over: true when its session should play, false when a stop came
    /// meanwhile (the host is idle again then).
    public func prepared() -> Bool {
        guard case .preparing(_, let cancelled) = state else { return false }
        if cancelled { state = .idle }
        return !cancelled
    }

    public func began(_ session: SessionController) {
        state = .playing(session)
    }

    public func ended() {
        state = .idle
    }
}
