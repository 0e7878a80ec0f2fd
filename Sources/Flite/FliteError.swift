/// A failed flite call: the call's name and what went wrong. flite reports no error codes,
/// only a missing result, so the message says what was missing.
public struct FliteError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let message: String

    public init(call: String, message: String) {
        self.call = call
        self.message = message
    }

    /// A voice name that is not among `FliteSynthesizer.voices`.
    public static func unknownVoice(_ name: String) -> FliteError {
        FliteError(call: "register_cmu_us_\(name)", message: "no voice '\(name)'")
    }

    public var isVoiceNotFound: Bool { message.hasPrefix("no voice") }

    public var description: String { "\(call): \(message)" }
}
