import Import
import Routine
import Testing

@Suite("the routine written from an import: a comment, then YAML that checks and reads back as imported")
struct RoutineWriterTests {
    func decode(_ yaml: String) throws -> Routine {
        try RoutineDecoder(file: "imported.yaml").decode(yaml)
    }

    @Test func everyImportedValueReadsBackFromTheFile() throws {
        let imported = ImportedRoutine(name: "Morning: neck & shoulders", source: .workrave, exercises: [
            ImportedExercise(name: "Arm across", instruction: "Draw one arm across the chest.", hold: Seconds(6),
                             sides: ["right", "left"], repetitions: 2),
            ImportedExercise(name: "Wrist circles", hold: Seconds(16),
                             positions: [ImportedPosition(name: "Step 1", hold: Seconds(4)),
                                         ImportedPosition(name: "Step 2, other side", hold: Seconds(5, over: 2))],
                             repetitions: 3),
            ImportedExercise(name: "yes", hold: Seconds(20), sides: ["one", "two: three"]),
        ], notes: ["the pictures of the steps (a.png)"])
        let yaml = RoutineWriter.yaml(imported, from: "exercises.xml")
        let routine = try decode(yaml)
        #expect(routine.name == "Morning: neck & shoulders")
        #expect(routine.exercises.count == 3)
        let (arm, wrists, odd) = (routine.exercises[0], routine.exercises[1], routine.exercises[2])
        #expect(arm.name == "Arm across" && arm.instruction == "Draw one arm across the chest.")
        #expect(arm.sides == ["right", "left"] && arm.repetitions == 2 && arm.positions.map(\.hold) == [.time(Seconds(6))])
        #expect(wrists.positions.map(\.name) == ["Step 1", "Step 2, other side"])
        #expect(wrists.positions.map(\.hold) == [.time(Seconds(4)), .time(Seconds(5, over: 2))] && wrists.repetitions == 3)
        #expect(wrists.sides == [nil])
        #expect(odd.name == "yes" && odd.sides == ["one", "two: three"])
        // StretchCue's own pauses, written out to be changed.
        let pauses = Exercise(name: "")
        #expect(arm.transition == pauses.transition && arm.switchTime == pauses.switchTime && arm.rest == pauses.rest
                && arm.gap == pauses.gap)
        #expect(yaml.contains("\n  transition: 10s   # from the exercise chime to its hold"))
    }

    @Test func aLanguageIsTheRoutinesLang() throws {
        let imported = ImportedRoutine(name: "Dehnen", source: .workrave, language: "de",
                                       exercises: [ImportedExercise(name: "Arm quer", hold: Seconds(5))])
        let yaml = RoutineWriter.yaml(imported, from: "exercises.xml")
        #expect(yaml.contains("\nname: Dehnen\nlang: de "))
        #expect(try decode(yaml).language == "de")
    }

    @Test func theCommentSaysWhereItCameFromAndWhatDidNotCome() {
        let routine = ImportedRoutine(name: "Legs", source: .jawt, exercises: [ImportedExercise(name: "Squat", hold: Seconds(30))],
                                      notes: ["the names of its sets (\"Warm-up\", \"Main part of the session with a long name\", \"Cool down\", \"Stretching at the very end of it\"): a routine is one list of exercises"])
        let lines = RoutineWriter.yaml(routine, from: "Legs day.json").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "# Imported by stretchcue import from Legs day.json, a Just Another Workout Timer export.")
        let notes = lines.drop { $0 != "# Not carried over:" }
        #expect(notes.dropFirst().first?.hasPrefix("# - the names of its sets") == true)
        #expect(notes.dropFirst(2).first?.hasPrefix("#   ") == true, "a long note goes on, indented")
        #expect(lines.allSatisfy { $0.count <= 96 || !$0.hasPrefix("#") }, "comments fit in 96 columns")
        let whole = RoutineWriter.yaml(ImportedRoutine(name: "Legs", source: .jawt, exercises: routine.exercises), from: "l.json")
        #expect(whole.contains("\n# Everything in the file was carried over.\n"))
    }

    @Test(arguments: ["plain words", "Cat: cow", "yes", "No", "null", "~", "123", "1.5", "0x1F", "-lead", "- dash", "? q", "#hash",
                      "a #b", "a: b", "trailing:", "@at", "`tick", "'single'", "\"double\"", "back\\slash", "[list]", "{map}",
                      "*alias", "&anchor", "!tag", "%percent", "|pipe", ">fold", "tab\there", "two  spaces",
                      "Ünïcödé", "日本語のストレッチ", "emoji 😀", "é", "2024-01-01", "true", "on", "=", "a,b", "x\u{85}y", "b\u{FEFF}om",
                      "line\u{2028}sep", "del\u{7F}", "ctrl\u{1}"])
    func textReadsBackAsWrittenWhateverItHolds(text: String) throws {
        let imported = ImportedRoutine(name: text, source: .jawt, exercises: [ImportedExercise(name: text, hold: Seconds(1))])
        let routine = try decode(RoutineWriter.yaml(imported, from: "x.json"))
        #expect(routine.name == text && routine.exercises[0].name == text)
    }

    @Test func randomTextReadsBackAsWritten() throws {
        var generator = SystemRandomNumberGenerator()
        let pool = Array("aZ 09:#-?,[]{}&*!|>'\"%@`\\é😀\t.~=")
        for _ in 0..<300 {
            var text = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
            // A name is one line with something in it, as an importer makes it.
            text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let imported = ImportedRoutine(name: text, source: .jawt, exercises: [ImportedExercise(name: "e", hold: Seconds(1))])
            #expect(try decode(RoutineWriter.yaml(imported, from: "x.json")).name == text, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [("Morning stretch (2)", "morning-stretch-2"), ("exercises", "exercises"), ("  Über Dehnen! ", "über-dehnen"),
                      ("***", "imported"), ("a/b\\c", "a-b-c"), (String(repeating: "long ", count: 30), String(repeating: "long-", count: 12) + "long")])
    func fileNamesAreOnesToTypeAfterPlay(text: String, name: String) {
        #expect(ImportedRoutine.fileName(from: text) == name)
    }
}

@Suite("which format a file is, told by its first character")
struct ImporterTests {
    @Test(arguments: [("", 1, 1, "the file is empty"), ("  \n\t", 1, 1, "the file is empty"),
                      ("\n  name: x", 2, 3, "neither a Just Another Workout Timer export (JSON) nor a Workrave exercises file (XML)")])
    func aFileOfNeitherFormatSaysSo(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ImportError(message, at: Place(line: line, column: column))) {
            try Importer.read(Array(text.utf8), file: "x")
        }
    }

    @Test func bytesThatAreNotTextAreNoExport() {
        #expect(throws: ImportError("the file is not UTF-8 text", at: .start)) { try Importer.read([0x7B, 0xFF, 0x7D], file: "x.json") }
    }

    @Test func aByteOrderMarkIsPassedOver() throws {
        let json = "\u{FEFF}" + #"{"title": "a", "sets": [{"repetitions": 1, "exercises": [{"name": "b", "duration": 5}]}]}"#
        #expect(try Importer.read(Array(json.utf8), file: "a.json")[0].exercises[0].hold == Seconds(5))
        let xml = "\u{FEFF}<exercises><exercise><title>E</title></exercise></exercises>"
        #expect(try Importer.read(Array(xml.utf8), file: "e.xml")[0].exercises[0].name == "E")
    }

    @Test func errorsReadAsLineColumnMessage() {
        #expect(ImportError("x", at: Place(line: 3, column: 14)).description == "3:14: x")
        #expect(ImportError("y").description == "y")
    }
}
