import StrictYAML

/// An error to show a person: one line, worded once where it happens, and the exit status it
/// earns. The program's name is put in front where it is printed (`line`), never here, so a
/// message travels unchanged to `ctl` and the log.
public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A mistake in what the person gave: a routine, a pattern, a path, an option (exit 2).
        case input
        /// The machine let us down: a device, a disk, a library (exit 1).
        case system
        /// Not now: a session already plays, or none does (exit 1).
        case refused
    }

    public let message: String
    public let kind: Kind
    /// The message starts with the file the person wrote and where in it
    /// (`FILE:LINE:COLUMN: ...`, `FILE: cannot read: ...`), and stands alone, as a compiler's does.
    public let located: Bool

    public init(_ message: String, _ kind: Kind, located: Bool = false) {
        self.message = message
        self.kind = kind
        self.located = located
    }

    public static func input(_ message: String) -> Failure { Failure(message, .input) }
    public static func system(_ message: String) -> Failure { Failure(message, .system) }
    public static func refused(_ message: String) -> Failure { Failure(message, .refused) }

    /// A problem at a place in a file the person wrote.
    public static func located(_ error: YAMLError) -> Failure { Failure(error.description, .input, located: true) }
    public static func located(_ message: String) -> Failure { Failure(message, .input, located: true) }

    public static let badInput: Int32 = 2
    public static let systemFailure: Int32 = 1

    public var status: Int32 { kind == .input ? Failure.badInput : Failure.systemFailure }

    /// The line to print.
    public var line: String { located ? message : "stretchcue: " + message }

    public var description: String { message }
}
