import Remote
import Testing

@Suite("remote token")
struct RemoteTokenTests {
    @Test func aNewTokenIs22URLSafeCharacters() {
        let token = RemoteToken.generate(bytes: 16)
        #expect(token.text.count == 22)
        #expect(token.text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(RemoteToken(token.text) == token, "what is written reads back")
        #expect(RemoteToken.generate(bytes: 16) != token)
    }

    @Test func base64URLFollowsTheRFC() {
        // RFC 4648's test vectors, URL-safe and unpadded.
        var zeros = Repeating(0)
        #expect(RemoteToken(random: 3, using: &zeros).text == "AAAA")
        var ones = Repeating(0xFF)
        #expect(RemoteToken(random: 4, using: &ones).text == "_____w")
        #expect(RemoteToken(random: 16, using: &ones).text == "_____________________w")
    }

    @Test func matchesOnlyItself() throws {
        let token = try #require(RemoteToken("abcdefghijklmnopqrstuv"))
        #expect(token.matches("abcdefghijklmnopqrstuv"))
        #expect(!token.matches("abcdefghijklmnopqrstuw"), "last character")
        #expect(!token.matches("bbcdefghijklmnopqrstuv"), "first character")
        #expect(!token.matches("abcdefghijklmnopqrstu"), "a prefix")
        #expect(!token.matches("abcdefghijklmnopqrstuvw"), "longer")
        #expect(!token.matches(""))
    }

    @Test func aDamagedFileIsNoToken() {
        #expect(RemoteToken("") == nil)
        #expect(RemoteToken("short") == nil)
        #expect(RemoteToken("abcdefghijklmnop qrstuv") == nil)
        #expect(RemoteToken("abcdefghijklmnopqrstu=") == nil)
    }

    @Test func theDescriptionKeepsTheSecret() throws {
        let token = try #require(RemoteToken("abcdefghijklmnopqrstuv"))
        #expect(!"\(token)".contains("abcdef"))
    }
}

/// Every byte the same.
struct Repeating: RandomNumberGenerator {
    let byte: UInt8
    init(_ byte: UInt8) { self.byte = byte }
    mutating func next() -> UInt64 { UInt64(byte) * 0x0101_0101_0101_0101 }
}
