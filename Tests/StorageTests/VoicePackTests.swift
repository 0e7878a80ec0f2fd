import Foundation
import Session
import Storage
import Testing

@Suite("voice packs: the script to record, the index, the lines found")
struct VoicePackTests {
    let lines = ["Next: Child's pose. From hands and knees, sit back toward your heels.", "Left knee.", "2 of 3.",
                 "Halfway.", "Session complete."]

    @Test func eachLineGetsAFileNamedForItsPlaceAndFirstWords() {
        let script = VoiceScript(lines: lines)
        #expect(script.entries.map(\.file) == ["01-next-childs-pose-from-hands.wav", "02-left-knee.wav", "03-2-of-3.wav",
                                               "04-halfway.wav", "05-session-complete.wav"])
        #expect(script.entries.map(\.text) == lines && script.added == 5)
        #expect(script.text().split(separator: "\n").first == "01-next-childs-pose-from-hands.wav  \(lines[0])")
    }

    @Test func anotherRoutineIsAddedAfterWhatThePackHas() {
        let first = VoiceScript(lines: Array(lines.prefix(3)))
        let second = VoiceScript(lines: ["Left knee.", "Next: Cat and cow.", "Session complete."], existing: first.entries)
        #expect(second.added == 2)
        #expect(Array(second.entries.prefix(3)) == first.entries, "what was there keeps its names")
        #expect(second.entries.dropFirst(3).map(\.file) == ["04-next-cat-and-cow.wav", "05-session-complete.wav"])
        // Lines whose first words and place would clash get a suffix.
        let same = VoiceScript(lines: ["Stop.", "Stop!"], existing: [.init(text: "x", file: "02-stop.wav")])
        #expect(same.entries.map(\.file) == ["02-stop.wav", "03-stop.wav", "04-stop.wav"])
        #expect(VoiceScript(lines: (1...120).map { "Line \($0)." }).entries[0].file == "001-line-1.wav")
    }

    @Test func theIndexSurvivesAnyWords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let entries: [VoicePack.Entry] = [
            .init(text: "Next: \"Cat\" and cow: #1, back\\slash, 'quotes', ünïcödé — dash.", file: "01-next.wav"),
            .init(text: "- yes: no", file: "02-yes.wav"),
        ]
        try VoicePack.encode(entries).write(toFile: folder + "/index.yaml", atomically: true, encoding: .utf8)
        let pack = try VoicePack.load(folder)
        #expect(pack.entries == entries)
        // Only what is recorded counts, under the name given or another extension.
        #expect(pack.recorded().isEmpty)
        _ = FileManager.default.createFile(atPath: folder + "/01-next.flac", contents: Data([1]))
        try FileManager.default.createDirectory(atPath: folder + "/02-yes.wav", withIntermediateDirectories: true)
        #expect(pack.recorded() == [entries[0].text: folder + "/01-next.flac"], "a folder is not a recording")
    }

    @Test(arguments: [
        ("lines: nope", "index.yaml:1:8: 'lines' must be a list of entries, each with a text and a file"),
        ("lines:\n  - {text: a}", "index.yaml:2:5: this line has no 'file'"),
        ("lines:\n  - {text: a, file: ../a.wav}", "index.yaml:2:21: 'file' must be a file name in the pack's folder, without '/'; found '../a.wav'"),
        ("lines:\n  - {txt: a, file: a.wav}", "index.yaml:2:6: unknown key 'txt' in each line (did you mean 'text'?)"),
    ])
    func aBadIndexIsPointedAt(yaml: String, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try yaml.write(toFile: folder + "/index.yaml", atomically: true, encoding: .utf8)
        #expect(throws: Failure.located("\(folder)/\(message)")) { try VoicePack.load(folder) }
    }

    @Test func aMissingPackOrIndexSaysWhatToDo() throws {
        #expect(throws: Failure.input("the voice pack folder /no/such/pack does not exist")) { try VoicePack.load("/no/such/pack") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: Failure.input("the voice pack \(folder) has no index.yaml (stretchcue voice-lines ROUTINE --pack \(folder) writes one)")) {
            try VoicePack.load(folder)
        }
    }
}
