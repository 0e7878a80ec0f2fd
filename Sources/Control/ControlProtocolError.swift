/// A line on the control socket that is not a request (or a reply) this player understands.
public enum ControlProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCommand(String)
    case missing(String, for: String)
    case unreadable(String)
    case tooLong

    public var description: String {
        switch self {
        case .unknownCommand(let word):
            "unknown command '\(word)': expected \(ControlRequest.vocabulary)"
        case .missing(let what, let command):
            "'\(command)' needs \(what)"
        case .unreadable(let reason):
            "unreadable request (expected one JSON object a line, such as {\"command\":\"status\"}): \(reason)"
        case .tooLong:
            "request too long"
        }
    }
}
