/// The phone remote's secret: random bytes written as URL-safe base64, carried in the link a
/// person opens and then in a cookie. Pure: where it is kept is `TokenFile`'s business.
public struct RemoteToken: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    /// A token read back from its file; nil when `text` is not one (a damaged file).
    public init?(_ text: String) {
        guard RemoteToken.isWellFormed(text) else { return nil }
        self.text = text
    }

    /// A new token from `bytes` random bytes of `generator`.
    public init(random bytes: Int, using generator: inout some RandomNumberGenerator) {
        text = RemoteToken.base64URL((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// A new token from the system's secure random source (getrandom on Linux).
    public static func generate(bytes: Int) -> RemoteToken {
        var system = SystemRandomNumberGenerator()
        return RemoteToken(random: bytes, using: &system)
    }

    /// Whether `candidate` is this token, taking the same time whatever it holds and wherever
    /// it differs: the time depends only on this token's length, which is no secret.
    public func matches(_ candidate: some StringProtocol) -> Bool {
        let expected = Array(text.utf8)
        let given = Array(candidate.utf8)
        var difference: UInt8 = expected.count == given.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// Never the secret itself, so that it cannot end up in a log by accident.
    public var description: String { "RemoteToken(\(text.count) characters)" }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func isWellFormed(_ text: String) -> Bool {
        (16...128).contains(text.utf8.count) && text.utf8.allSatisfy(alphabet.contains)
    }

    /// RFC 4648 section 5, without padding: safe in a URL, a cookie and a file.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0...chunk.count {
                out.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
