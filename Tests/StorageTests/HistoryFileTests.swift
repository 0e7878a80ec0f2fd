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

    @Test func aSessionRecordedOnceIsAddedOnce() throws {
        let file = HistoryFile(path: path)
        try FileManager.default.createDirectory(atPath: folder + "/state/stretchcue", withIntermediateDirectories: true)
        try Data("not a record\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try file.recordOnce(record(10)))
        #expect(try !file.recordOnce(record(12)), "the same routine file begun in the same second")
        var later = record(10)
        later.began += 1
        #expect(try file.recordOnce(later))
        #expect(try file.load().records.map(\.seconds) == [10, 10])
    }

    /// Two processes starting at once, each finding the same killed session: the second waits
    /// for the first's lock, then finds its record.
    @Test func aSecondWaitsForTheFirstAndFindsItsRecord() throws {
        let file = HistoryFile(path: path)
        try file.record(record(1))
        let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        try #require(fd >= 0 && flock(fd, LOCK_EX) == 0)
        final class Outcome: @unchecked Sendable { var added: Bool? }
        let outcome = Outcome(), done = DispatchSemaphore(value: 0)
        var session = record(5)
        session.began += 60
        let (path, other) = (path, session)
        DispatchQueue.global().async {
            outcome.added = try? HistoryFile(path: path).recordOnce(other)
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 0.3) == .timedOut, "it waits while another holds the lock")
        // The other appends the same session, then lets go.
        let line = HistoryLog.line(session)
        #expect(line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == line.count)
        close(fd)
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(outcome.added == false)
        #expect(try file.load().records.count == 2)
    }
}

@Suite("which process plays a session: told apart from any other, as long as it runs")
struct PlayerProcessTests {
    @Test func thisProcessIsRunningAndOneThatEndedIsNot() throws {
        let me = try #require(PlayerProcess.current())
        #expect(me.pid == getpid() && me.isRunning)
        var reused = me
        reused.started += 1
        #expect(!reused.isRunning, "a pid used again by a later process")
        var rebooted = me
        rebooted.boot = "another boot"
        #expect(!rebooted.isRunning)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let ended = PlayerProcess(pid: child.processIdentifier, started: me.started, boot: me.boot)
        #expect(!ended.isRunning)
    }
}

@Suite("saved places on disk")
struct PlaceFileTests {
    @Test func aPlaceUpdatedKeepsItsOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = PlaceFile(path: folder + "/progress.json")
        func place(_ routine: String) -> SavedPlace {
            SavedPlace(routine: routine, fingerprint: "f", exercise: 1, exerciseName: "Two", breath: nil,
                       savedAt: Date(timeIntervalSince1970: 1_741_000_000))
        }
        var first = place("/r/a.yaml")
        first.unrecorded = UnrecordedSession(routine: "A", began: Date(timeIntervalSince1970: 1_740_999_000), seconds: 61.5,
                                             done: 1, of: 3, player: PlayerProcess(pid: 7, started: 8, boot: "b"))
        try file.save(first)
        try file.save(place("/r/b.yaml"))
        #expect(try file.load().places.first == first, "the mark is kept on disk")
        first.unrecorded = nil
        try file.update(first)
        try file.update(place("/r/c.yaml"))
        #expect(try file.load().places == [first, place("/r/b.yaml")], "updated where it stands; none added")
    }
}
