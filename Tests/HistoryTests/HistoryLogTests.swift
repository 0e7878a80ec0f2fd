import Foundation
import History
import Testing

@Suite("the history file's lines: written whole, read back, damage passed over")
struct HistoryLogTests {
    let record = SessionRecord(routine: "Lower back release", path: "/home/a/routines/lower-back.yaml",
                               began: Date(timeIntervalSince1970: 1_741_000_000),
                               ended: Date(timeIntervalSince1970: 1_741_000_965), seconds: 912.3456,
                               done: 13, of: 13, completed: true)

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aRecordIsOneLineOfJSONWithItsFieldsInOrder() {
        let line = String(decoding: HistoryLog.line(record), as: UTF8.self)
        #expect(line == #"{"began":"2025-03-03T11:06:40Z","completed":true,"done":13,"ended":"2025-03-03T11:22:45Z","of":13,"#
            + #""path":"/home/a/routines/lower-back.yaml","routine":"Lower back release","seconds":912.346}"# + "\n")
    }

    @Test func linesReadBackAsTheRecordsWritten() {
        var second = record
        second.completed = false
        second.done = 2
        second.path = nil
        second.seconds = 60.5
        second.routine = "Morgen: \"Dehnen\" ☀︎\nzwei"
        let contents = HistoryLog.parse(HistoryLog.line(record) + HistoryLog.line(second))
        #expect(contents.skipped.isEmpty)
        #expect(contents.records.count == 2)
        #expect(contents.records[0].seconds == 912.346, "kept to the millisecond")
        #expect(contents.records[1] == second, "names with quotes, newlines and any script survive")
    }

    @Test func emptyAndBlankLinesAreNothing() {
        #expect(HistoryLog.parse([]) == HistoryLog.Contents())
        let contents = HistoryLog.parse(bytes("\n  \n") + HistoryLog.line(record) + bytes("\r\n\n"))
        #expect(contents.records.count == 1 && contents.skipped.isEmpty)
    }

    @Test func aLineCutShortAnywhereIsPassedOverAndTheNextLineStillCounts() {
        let line = HistoryLog.line(record)
        for cut in 1..<(line.count - 1) {
            let torn = Array(line.prefix(cut))
            let alone = HistoryLog.parse(HistoryLog.line(record) + torn)
            #expect(alone.records.count == 1 && alone.skipped == [2], "cut after \(cut) bytes")
            let followed = HistoryLog.parse(torn + bytes("\n") + HistoryLog.line(record))
            #expect(followed.records.count == 1 && followed.skipped == [1], "cut after \(cut) bytes, then a record")
        }
        // Cut just before its newline, the record is whole.
        #expect(HistoryLog.parse(Array(line.dropLast())).records == [HistoryLog.parse(line).records[0]])
    }

    @Test(arguments: [
        #"{"event":"end","text":"session complete"}"#,                  // another program's JSON
        #"[1, 2, 3]"#,
        #""a string""#,
        #"{"began":"yesterday","completed":true,"done":1,"ended":"2025-03-03T11:22:45Z","of":1,"routine":"a","seconds":1}"#,
        #"{"began":"2025-03-03T11:06:40Z","completed":true,"done":14,"ended":"2025-03-03T11:22:45Z","of":13,"routine":"a","seconds":1}"#,
        #"{"began":"2025-03-03T11:06:40Z","completed":true,"done":1,"ended":"2025-03-03T11:22:45Z","of":1,"routine":"a","seconds":-1}"#,
        #"{"began":"2025-03-03T11:30:00Z","completed":true,"done":1,"ended":"2025-03-03T11:22:45Z","of":1,"routine":"a","seconds":1}"#,
        #"{"began":"2025-03-03T11:06:40Z","completed":"yes","done":1,"ended":"2025-03-03T11:22:45Z","of":1,"routine":"a","seconds":1}"#,
        #"{"began":"2025-03-03T11:06:40Z","completed":true,"done":1,"ended":"2025-03-03T11:22:45Z","of":0,"routine":"a","seconds":1}"#,
        #"{"began":"2025-03-03T11:06:40Z","completed":true,"done":1,"ended":"2025-03-03T11:22:45Z","of":1,"routine":"","seconds":1}"#,
        #"{"began":"2025-03-03T11:06:40Z","completed":true,"done":1,"ended":"2025-03-03T11:22:45Z","of":1,"routine":"a","seconds":1e999}"#,
        "\u{FEFF}garbage",
    ])
    func aLineThatIsNotASessionRecordIsPassedOver(line: String) {
        let contents = HistoryLog.parse(HistoryLog.line(record) + bytes(line + "\n") + HistoryLog.line(record))
        #expect(contents.records.count == 2)
        #expect(contents.skipped == [2])
    }

    @Test func bytesThatAreNotTextArePassedOver() {
        let contents = HistoryLog.parse([0xFF, 0xFE, 0x00, 0x0A] + HistoryLog.line(record) + [0xC3, 0x28])
        #expect(contents.records.count == 1 && contents.skipped == [1, 3])
    }

    @Test func keysAddedLaterAreReadPast() {
        let line = #"{"began":"2025-03-03T11:06:40Z","completed":false,"done":1,"ended":"2025-03-03T11:22:45Z","of":3,"#
            + #""routine":"a","seconds":60.5,"mood":"calm"}"#
        let contents = HistoryLog.parse(bytes(line))
        #expect(contents.records.first?.seconds == 60.5 && contents.records.first?.path == nil)
    }

    @Test func randomBytesNeverStopTheReading() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var noise = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            noise += [UInt8(ascii: "\n")] + HistoryLog.line(record)
            let contents = HistoryLog.parse(noise)
            #expect(contents.records.count >= 1, "a whole line after the noise is read")
        }
    }
}
