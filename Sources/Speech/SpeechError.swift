import CEspeakNG

/// A failed espeak-ng call: the status it returned, the call's name, and espeak-ng's own words.
public struct SpeechError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An `espeak_ng_STATUS`: an errno value (0-255), or one of espeak-ng's own codes.
    public let code: UInt32
    public let call: String
    public let message: String

    public init(code: UInt32, call: String) {
        self.code = code
        self.call = call
        var buffer = [CChar](repeating: 0, count: 512)
        espeak_ng_GetStatusCodeMessage(espeak_ng_STATUS(code), &buffer, buffer.count)
        message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The voice asked for is not among espeak-ng's voices.
    public var isVoiceNotFound: Bool { code == ENS_VOICE_NOT_FOUND.rawValue }

    public var description: String { "\(call): \(message)" }

    /// Turns an `espeak_ng_STATUS` into success, or throws it as an error.
    static func check(_ status: espeak_ng_STATUS, _ call: String) throws(SpeechError) {
        guard status != ENS_OK else { return }
        throw SpeechError(code: status.rawValue, call: call)
    }
}
