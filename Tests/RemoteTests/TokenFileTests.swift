import Foundation
import Remote
import Testing

@Suite("the remote's token file")
struct TokenFileTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stretchcue-token-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func madeOnFirstUseInAPrivateFileAndKept() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = TokenFile(path: root + "/state/stretchcue/remote-token")
        let token = try file.load()
        #expect(try mode(file.path) == 0o600)
        #expect(try mode(root + "/state/stretchcue") == 0o700)
        #expect(try file.load() == token, "the same token the next time")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == token.text + "\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/state/stretchcue") == ["remote-token"],
                "no temporary file left")
    }

    @Test func renewingReplacesIt() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = TokenFile(path: root + "/remote-token")
        let old = try file.load()
        let new = try file.renew()
        #expect(new != old)
        #expect(try file.load() == new)
        #expect(try mode(file.path) == 0o600)
    }

    @Test func aDamagedFileIsReplacedAndAnOpenOneRefused() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = TokenFile(path: root + "/remote-token")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data("not a token\n".utf8), attributes: [.posixPermissions: 0o600])
        let token = try file.load()
        #expect(token.text.count == 22)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(throws: (any Error).self) { try file.load() }
        #expect(try file.renew() != token, "a new one is the way out")
        #expect(try mode(file.path) == 0o600)
    }

    @Test func theKeeperFollowsAReplacedFile() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = TokenFile(path: root + "/remote-token")
        let keeper = try TokenKeeper(file: file)
        let first = keeper.current()
        #expect(first.token == (try file.load()))
        let new = try file.renew()
        let second = keeper.current()
        #expect(second.token == new && second.generation == first.generation + 1)
        try FileManager.default.removeItem(atPath: file.path)
        #expect(keeper.current().token == new, "a removed file leaves the last token in force")
    }

    /// `stretchcue remote`'s rule: a file others can read is no secret, at start or later.
    @Test func theKeeperRefusesAFileOthersCanReadUntilItIsReplaced() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = TokenFile(path: root + "/remote-token")
        let keeper = try TokenKeeper(file: file)
        let first = keeper.current()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let open = keeper.current()
        #expect(open.token == nil, "made readable to others while the player runs")
        #expect(open.generation > first.generation, "pages following with the old key are closed")
        #expect(try TokenKeeper(file: file).current().token == nil, "and from the start")
        let new = try file.renew()
        #expect(keeper.current().token == new)
    }
}
