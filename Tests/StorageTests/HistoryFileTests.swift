import Foundation
import Glibc
import History
import Session
import Storage
import Testing

@Suite("the history on disk: appended whole, private, and never joined to a torn line")
struct HistoryFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)").path
    var path: String { folder + "/state/stretchcue/history.jsonl" }

    func record(_ seconds: Double) -> SessionRecord {
        SessionRecord(routine: "Sample", path: "/r/sample.yaml", began: Date(timeIntervalSince1970: 1_741_000_000),
                      ended: Date(timeIntervalSince1970: 1_741_000_100), seconds: seconds, done: 1, of: 2, completed: false)
    }

    func text() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func recordsAreAppendedInAPrivateFileInAPrivateFolder() throws {
        let file = HistoryFile(path: path)
        #expect(try file.load() == HistoryLog.Contents(), "no file is no history")
        try file.record(record(10))
        try file.record(record(20))
        #expect(try file.load().records.map(\.seconds) == [10, 20])
        #expect(try text().split(separator: "\n").count == 2)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat(folder + "/state/stretchcue", &info) == 0 && info.st_mode & 0o777 == 0o700)
    }

    @Test func aRecordAfterALineTornByAKillStartsOnALineOfItsOwn() throws {
        let file = HistoryFile(path: path)
        try file.record(record(10))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"began":"2025-03-03T11:06:40Z","comp"#.utf8))
        handle.closeFile()
        try file.record(record(30))
        let contents = try file.load()
        #expect(contents.records.map(\.seconds) == [10, 30])
        #expect(contents.skipped == [2])
        #expect(try text().hasSuffix("\n"))
    }

    @Test func aHistoryThatCannotBeWrittenOrReadSaysWhy() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let file = HistoryFile(path: path)
        #expect(throws: Failure.system("\(path): Is a directory (open)")) { try file.record(record(1)) }
        #expect(throws: Failure.system("\(path): cannot read the history (Is a directory)")) { try file.load() }
    }

    @Test func aFolderInTheWayIsNamed() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder + "/state", contents: Data()))
        #expect(throws: Failure.system("\(folder)/state: Not a directory")) { try HistoryFile(path: path).record(record(1)) }
    }
}
