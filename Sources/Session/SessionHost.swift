import Control

/// The person's one player, with or without a session: what a request means when no session
/// plays (a waiting `serve`), and who takes it when one does.
public final class SessionHost {
    public private(set) var session: SessionController?

    public enum Action: Equatable {
        case reply(ControlReply)
        /// Prepare and begin a session with these options, then reply.
        case start(StartOptions)
    }

    public init() {}

    public func handle(_ request: ControlRequest) -> Action {
        if let session { return .reply(session.handle(request)) }
        switch request {
        case .start(let options): return .start(options)
        case .status: return .reply(.status(.idle))
        case .watch: return .reply(.done)
        default: return .reply(.failure("no session is playing: start one with stretchcue ctl start", .refused))
        }
    }

    public func began(_ session: SessionController) {
        self.session = session
    }

    public func ended() {
        session = nil
    }
}
