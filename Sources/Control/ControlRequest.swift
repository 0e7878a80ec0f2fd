import Foundation

/// Everything a person can ask of the player, from any front end: `stretchcue ctl`, the keys,
/// signals, and whatever else speaks the control protocol. One vocabulary, one type.
///
/// On the wire a request is one line holding one JSON object, `{"command":"pause"}`,
/// `{"command":"tempo","pattern":"4-7-8"}`, `{"command":"start","routine":"morning"}`; a
/// command that takes nothing may also be sent as its bare word (`pause`), for the shell.
/// docs/control-protocol.md describes it.
public enum ControlRequest: Sendable, Equatable {
    /// Start a session on a waiting player.
    case start(StartOptions)
    case pause
    case resume
    case toggle
    case next
    /// Back to the start of this exercise, or to the one before when this one has just begun.
    case previous
    /// Breathe faster or slower, a step at a time.
    case faster
    case slower
    /// Breathe this pattern from the next breath on.
    case tempo(String)
    case status
    /// Fade out and end the session.
    case stop
    /// Keep the connection open and receive the session's events as they happen.
    case watch

    public enum Command: String, CaseIterable, Sendable, Codable {
        case start, pause, resume, toggle, next, previous, faster, slower, tempo, status, stop, watch
    }

    public var command: Command {
        switch self {
        case .start: .start
        case .pause: .pause
        case .resume: .resume
        case .toggle: .toggle
        case .next: .next
        case .previous: .previous
        case .faster: .faster
        case .slower: .slower
        case .tempo: .tempo
        case .status: .status
        case .stop: .stop
        case .watch: .watch
        }
    }

    /// Other words for a command, accepted on the wire.
    public static let aliases: [String: Command] = ["prev": .previous]

    /// The commands as a person reads them in an error.
    public static let vocabulary = Command.allCases.map(\.rawValue).joined(separator: ", ")
}

extension ControlRequest: Codable {
    private enum Keys: String, CodingKey {
        case command, pattern
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let word = try container.decode(String.self, forKey: .command)
        guard let command = Command(rawValue: word) ?? ControlRequest.aliases[word] else {
            throw ControlProtocolError.unknownCommand(word)
        }
        switch command {
        case .start: self = .start(try StartOptions(from: decoder))
        case .tempo:
            guard let pattern = try container.decodeIfPresent(String.self, forKey: .pattern) else {
                throw ControlProtocolError.missing("pattern", for: "tempo")
            }
            self = .tempo(pattern)
        default:
            // Every other command needs nothing more.
            self = ControlRequest(bare: command)!
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(command, forKey: .command)
        switch self {
        case .start(let options): try options.encode(to: encoder)
        case .tempo(let pattern): try container.encode(pattern, forKey: .pattern)
        default: break
        }
    }
}

extension ControlRequest {
    /// Reads one request line: a JSON object, or a bare command word.
    public init(line: String) throws(ControlProtocolError) {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("{") else {
            guard let command = Command(rawValue: text) ?? ControlRequest.aliases[text] else {
                throw .unknownCommand(String(text.prefix(40)))
            }
            guard let request = ControlRequest(bare: command) else {
                throw .missing("its options as JSON", for: command.rawValue)
            }
            self = request
            return
        }
        do {
            self = try WireFormat.decode(ControlRequest.self, from: text)
        } catch let error as ControlProtocolError {
            throw error
        } catch {
            throw .unreadable(WireFormat.reason(error))
        }
    }

    /// A command that needs nothing more; nil for one that does (`tempo`).
    init?(bare command: Command) {
        switch command {
        case .start: self = .start(StartOptions())
        case .pause: self = .pause
        case .resume: self = .resume
        case .toggle: self = .toggle
        case .next: self = .next
        case .previous: self = .previous
        case .faster: self = .faster
        case .slower: self = .slower
        case .status: self = .status
        case .stop: self = .stop
        case .watch: self = .watch
        case .tempo: return nil
        }
    }

    /// The request as one line, without the newline.
    public var line: String { WireFormat.line(self) }
}
