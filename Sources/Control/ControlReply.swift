/// The player's answer to one request: one line holding one JSON object.
public struct ControlReply: Codable, Sendable, Equatable {
    /// Why a request was not carried out, which `ctl` turns into its exit status.
    public enum Problem: String, Codable, Sendable {
        /// The request itself was wrong: a bad pattern, a missing routine (exit 2).
        case input
        /// Not now: no session to pause, one already playing (exit 1).
        case refused
        /// The machine failed: the device would not open, a file could not be read (exit 1).
        case system
    }

    public var ok: Bool
    public var error: String?
    public var problem: Problem?
    /// With `status`, and after `start`: where the session is.
    public var status: SessionStatus?
    /// What the person should know although it worked ("the routine changed; starting ...").
    public var notices: [String]?
    /// With `status`: where the player serves the phone remote, `ADDRESS:PORT` as it listens
    /// (`stretchcue remote` names it in the link); absent when it serves none.
    public var remote: String?

    public init(ok: Bool, error: String? = nil, problem: Problem? = nil, status: SessionStatus? = nil,
                notices: [String]? = nil, remote: String? = nil) {
        self.ok = ok
        self.error = error
        self.problem = problem
        self.status = status
        self.notices = notices
        self.remote = remote
    }

    public static let done = ControlReply(ok: true)

    public static func failure(_ message: String, _ problem: Problem) -> ControlReply {
        ControlReply(ok: false, error: message, problem: problem)
    }

    public static func status(_ status: SessionStatus) -> ControlReply {
        ControlReply(ok: true, status: status)
    }

    public var line: String { WireFormat.line(self) }

    public init(line: String) throws(ControlProtocolError) {
        do {
            self = try WireFormat.decode(ControlReply.self, from: line)
        } catch {
            throw .unreadable(WireFormat.reason(error))
        }
    }
}
