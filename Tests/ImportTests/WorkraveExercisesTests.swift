import Foundation
import Import
import Routine
import Testing

@Suite("Workrave's exercises: titles, descriptions and timed steps, mirrored ones the other side")
struct WorkraveExercisesTests {
    /// Written for these tests from Workrave's format; not one of its own exercises.
    static let file = """
        <?xml version="1.0" encoding="UTF-8"?>
        <exercises>
          <!-- <exercise><title>Commented out</title></exercise> -->
          <exercise>
            <title>Arm across</title>
            <title xml:lang="de">Arm quer</title>
            <description>Draw one arm across the chest &amp; hold.
              Then the other.</description>
            <description xml:lang="de">Einen Arm vor die Brust ziehen.</description>
            <sequence duration="24">
              <image src="arm.png" duration="6"/>
              <image src="arm.png" duration="6" mirrorx="yes"/>
            </sequence>
          </exercise>
          <exercise>
            <title>Wrist circles</title>
            <description><![CDATA[Circle the wrists <slowly>.]]></description>
            <sequence duration="16">
              <image src="wrist-1.png" duration="4"/>
              <image src="wrist-2.png" duration="4"/>
            </sequence>
          </exercise>
          <exercise>
            <title>Palms on eyes</title>
            <sequence duration="20"><image src="palms.png" duration="20"/></sequence>
          </exercise>
          <exercise>
            <title>Look far</title>
            <description>Look far away.</description>
          </exercise>
        </exercises>
        """

    func read(_ text: String, language: String? = nil) throws -> ImportedRoutine {
        let routines = try Importer.read(Array(text.utf8), file: "/usr/share/workrave/exercises/exercises.xml", language: language)
        #expect(routines.count == 1)
        return routines[0]
    }

    /// One exercise in a file of its own.
    func exercise(_ body: String) throws -> (exercise: ImportedExercise, notes: [String]) {
        let routine = try read("<exercises>\n<exercise><title>E</title>\(body)</exercise>\n</exercises>")
        return (routine.exercises[0], routine.notes)
    }

    @Test func theFileBecomesARoutineOfItsExercises() throws {
        let routine = try read(WorkraveExercisesTests.file)
        #expect(routine.name == "Workrave exercises" && routine.source == .workrave)
        #expect(routine.exercises == [
            // A step and the same step mirrored: both sides; 24 s is two rounds of 12 s.
            ImportedExercise(name: "Arm across", instruction: "Draw one arm across the chest & hold. Then the other.",
                             hold: Seconds(6), sides: ["right", "left"], repetitions: 2),
            // Two steps: positions, held in turn; 16 s is two rounds of 8 s.
            ImportedExercise(name: "Wrist circles", instruction: "Circle the wrists <slowly>.", hold: Seconds(16),
                             positions: [ImportedPosition(name: "Step 1", hold: Seconds(4)),
                                         ImportedPosition(name: "Step 2", hold: Seconds(4))], repetitions: 2),
            ImportedExercise(name: "Palms on eyes", hold: Seconds(20)),
            // No sequence: Workrave shows it for 15 s.
            ImportedExercise(name: "Look far", instruction: "Look far away.", hold: Seconds(15)),
        ])
        #expect(routine.notes == [
            "the pictures of the steps (arm.png, wrist-1.png, wrist-2.png, palms.png)",
            "the titles and descriptions in other languages (de)",
            "\"Arm across\": Workrave changes sides every round; here both rounds are on one side, then on the other",
        ])
    }

    @Test func theLanguageAskedForIsTakenWhereTheFileHasIt() throws {
        let routine = try read(WorkraveExercisesTests.file, language: "de_AT")
        #expect(routine.exercises[0].name == "Arm quer" && routine.exercises[0].instruction == "Einen Arm vor die Brust ziehen.")
        #expect(routine.exercises[1].name == "Wrist circles", "English where there is no German")
        #expect(routine.notes.contains("the titles and descriptions in other languages (en)"))
        #expect(routine.language == "de", "the voice's own words and voice follow the texts taken")
        let french = try read(WorkraveExercisesTests.file, language: "fr")
        #expect(french.exercises[0].name == "Arm across" && french.language == nil, "no French in the file: English")
        let english = try read(WorkraveExercisesTests.file)
        #expect(english.language == nil)
    }

    @Test func aLanguageTheVoiceHasNoPhrasesForLeavesItsOwnWordsEnglish() throws {
        let routine = try read(#"<exercises><exercise><title>Arm</title><title xml:lang="nl">Arm over</title></exercise></exercises>"#,
                               language: "nl")
        #expect(routine.exercises[0].name == "Arm over" && routine.language == nil)
        #expect(routine.notes.first == "the voice's own words (\"Next\", \"Left side\") in nl: it has phrases in en, de, fr, es only, so they stay English")
    }

    @Test func aFileNamedOtherwiseNamesTheRoutine() throws {
        let routine = try Importer.read(Array(WorkraveExercisesTests.file.utf8), file: "/home/a/physio_neck-set.xml")
        #expect(routine[0].name == "Physio neck set")
    }

    @Test func stepsAndDurationsAsWorkraveTimesThem() throws {
        // Steps without a duration last 1 s; an exercise without one lasts 15 s: 5 rounds of 3.
        let defaults = try exercise(#"<sequence><image src="a"/><image src="b"/><image src="c"/></sequence>"#).exercise
        #expect(defaults.repetitions == 5 && defaults.positions.map(\.hold) == [Seconds(1), Seconds(1), Seconds(1)])
        let partRound = try exercise(#"<sequence duration="25"><image duration="5"/><image duration="5"/></sequence>"#)
        #expect(partRound.exercise.repetitions == 2)
        #expect(partRound.notes == ["\"E\" lasts 25 s in Workrave, part of a round more than 2; here 2 whole rounds (20 s)"])
        let short = try exercise(#"<sequence duration="5"><image duration="4"/><image duration="6"/></sequence>"#)
        #expect(short.exercise.repetitions == 1)
        #expect(short.notes == ["\"E\" stops after 5 s in Workrave, part of the way through its steps; here they play once whole (10 s)"])
        let many = try exercise(#"<sequence duration="300"><image duration="1"/></sequence>"#)
        #expect(many.exercise.repetitions == 100 && many.exercise.hold == Seconds(1))
        #expect(many.notes == ["\"E\" has 300 rounds in Workrave; here 100, the most a routine repeats"])
    }

    @Test func sidesAreStepsFollowedByTheSameStepsMirrored() throws {
        let both = try exercise(#"<sequence duration="20"><image duration="3"/><image duration="2"/>"#
                                + #"<image duration="3" mirrorx="yes"/><image duration="2" mirrorx="yes"/></sequence>"#).exercise
        #expect(both.sides == ["right", "left"] && both.repetitions == 2)
        #expect(both.positions == [ImportedPosition(name: "Step 1", hold: Seconds(3)), ImportedPosition(name: "Step 2", hold: Seconds(2))])
        let mirroredFirst = try exercise(#"<sequence duration="10"><image duration="5" mirrorx="yes"/><image duration="5"/></sequence>"#)
        #expect(mirroredFirst.exercise.sides == ["right", "left"] && mirroredFirst.notes.isEmpty)
        let onlyYes = try exercise(#"<sequence duration="10"><image duration="5"/><image duration="5" mirrorx="true"/></sequence>"#)
        #expect(onlyYes.exercise.sides.isEmpty, "only mirrorx=\"yes\" mirrors, as in Workrave")
    }

    @Test func mirroredStepsThatAreNotTheSameAsTheFirstSideArePositions() throws {
        let (exercise, notes) = try exercise(#"<sequence duration="9"><image duration="3"/><image duration="3" mirrorx="yes"/>"#
                                             + #"<image duration="3"/></sequence>"#)
        #expect(exercise.sides.isEmpty)
        #expect(exercise.positions.map(\.name) == ["Step 1", "Step 2, other side", "Step 3"])
        #expect(notes == ["\"E\": its mirrored steps are not the same steps as on the first side, so they are positions named \"other side\", not sides"])
    }

    @Test func moreStepsThanARoutineHasPositionsAreOneHold() throws {
        let steps = String(repeating: #"<image duration="2"/>"#, count: 9)
        let (exercise, notes) = try exercise(#"<sequence duration="18">"# + steps + "</sequence>")
        #expect(exercise.positions.isEmpty && exercise.hold == Seconds(18) && exercise.repetitions == 1)
        #expect(notes == ["\"E\": its 9 steps are one hold of 18 s (a routine holds at most 8 positions)"])
    }

    @Test func whatWorkraveDoesNotReadIsNamed() throws {
        let routine = try read("""
            <exercises><intro>Hi</intro><exercise><title>E</title><video src="e.mp4"/>
            <sequence duration="2"><pause duration="1"/><image src="none" duration="2"/></sequence></exercise></exercises>
            """)
        #expect(routine.notes == ["<intro> elements, which Workrave does not read either",
                                  "<video> in an <exercise>, which Workrave does not read either",
                                  "<pause> in a <sequence>, which Workrave does not read either"])
    }

    @Test func aLongDescriptionIsCutAtASentenceToFitAnInstruction() throws {
        let sentence = "Breathe out slowly and let the shoulders drop away from the ears. "
        let (exercise, notes) = try exercise("<description>\(String(repeating: sentence, count: 10))</description>")
        let instruction = try #require(exercise.instruction)
        #expect(instruction.count <= 500 && instruction.hasSuffix("ears."))
        #expect(notes == ["the end of the description of \"E\", past the 500 characters an instruction holds"])
    }

    @Test func anotherEncodingDeclaredIsRead() throws {
        let latin1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><exercises><exercise><title>Caf"#.utf8) + [0xE9]
            + Array("</title></exercise></exercises>".utf8)
        let routines = try Importer.read(latin1, file: "e.xml")
        #expect(routines[0].exercises[0].name == "Café")
    }

    @Test(arguments: [
        ("<foo><bar/></foo>", 1, 1, "not a Workrave exercises file: its first element is <foo>, not <exercises>"),
        ("<exercises>\n</exercises>", 1, 1, "the file has no <exercise>"),
        ("<exercises>\n  <exercise><description>d</description></exercise>\n</exercises>", 2, 3, "an <exercise> without a <title>"),
        ("<exercises>\n  <exercise><title> </title></exercise>\n</exercises>", 2, 3, "an <exercise> without a <title>"),
        ("<exercises><exercise><title>E</title>\n  <sequence duration=\"ten\"/></exercise></exercises>", 2, 22,
         "'duration' of <sequence> must be a whole number of seconds from 1, not \"ten\""),
        ("<exercises><exercise><title>E</title><sequence>\n  <image src=\"a.png\"\n    duration = '0'/></sequence></exercise></exercises>", 3, 16,
         "'duration' of <image> must be a whole number of seconds from 1, not \"0\""),
        ("<exercises><exercise><title>E</title><sequence><image duration=\"2000\"/></sequence></exercise></exercises>", 1, 64,
         "a hold of 33 min 20 s; a hold lasts at most 30 min"),
        ("<exercises><exercise><title>E</title><sequence duration=\"2000\"/></exercise></exercises>", 1, 57,
         "a hold of 33 min 20 s; a hold lasts at most 30 min"),
        ("<exercises>\n  <exercise>\n    <title>E</title>\n", 4, 1, "the file ends before <exercise> (line 2) is closed"),
        ("<exercises>\n  <exercise><title>E</titel></exercise>\n</exercises>", 2, 21, "</titel> does not close <title> (line 2)"),
        ("<exercises>\n  <exercise><title>Stretch & breathe</title></exercise>\n</exercises>", 2, 28, "a bare '&': write it as &amp;"),
        ("<exercises>\n  <exercise><title>&nbsp;</title></exercise>\n</exercises>", 2, 20, "'&nbsp;' is an entity XML does not know (only &amp; &lt; &gt; &quot; &apos;): write '&' as &amp;"),
        ("<exercises><exercise><title>E</title></exercise></exercises>\n<exercises/>", 2, 1, "more after the end of the document's last element, </exercises>"),
        ("<exercises>\n  <!-- unfinished\n</exercises>", 2, 3, "a comment (<!--) that is never closed with -->"),
    ])
    func aFileThatIsNoExercisesFileSaysWhereAndWhy(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ImportError(message, at: Place(line: line, column: column))) { try read(text) }
    }

    /// The test file cut short anywhere reads or says where: it never crashes.
    @Test func aFileCutAnywhereNeverCrashes() {
        let characters = Array(WorkraveExercisesTests.file)
        for cut in 0...characters.count {
            do {
                _ = try Importer.read(Array(String(characters.prefix(cut)).utf8), file: "exercises.xml")
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
