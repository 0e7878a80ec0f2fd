import Foundation
import Testing

@Suite("how much the voice says, and in which language")
struct GuidanceLevelTests {
    func spoken(_ arguments: [String], routine: String? = nil) throws -> [String] {
        let document = try ShowDocument.load((routine.map { [$0] } ?? []) + arguments)
        return document.cues.compactMap(\.text)
    }

    func routine(_ text: String) throws -> String {
        let folder = try Program.temporaryFolder()
        return try Program.write(text, to: "r.yaml", in: folder)
    }

    @Test func namesSaysOnlyTheExerciseAndTheSideAndOffNothing() throws {
        let names = try spoken(["--guidance", "names"])
        #expect(names.first == "Child's pose.")
        #expect(names.contains("Supine twist. Right side."))
        #expect(!names.contains { $0.contains("Next") || $0.contains("Halfway") || $0.contains("complete") })
        #expect(try spoken(["--guidance", "off"]).isEmpty)
        let brief = try spoken(["--guidance", "brief"])
        #expect(brief.first == "Next: Child's pose.")
        #expect(brief.contains("Halfway.") && brief.last == "Session complete.")
    }

    @Test func aRoutineInGermanIsFramedInGermanAndSpokenByAGermanVoice() throws {
        let path = try routine("""
            name: Abend
            lang: de
            defaults: {hold: 20s, sides: both}
            exercises:
              - {name: Kniebeuge, instruction: Die Knie beugen.}
            """)
        #expect(try spoken([], routine: path) == ["Als Nächstes: Kniebeuge. Die Knie beugen. Zuerst: rechte Seite.",
                                                  "Linke Seite.", "Einheit beendet."])
        // --language wins over the routine's own; a voice named without a language brings its own.
        #expect(try spoken(["--language", "es"], routine: path).last == "Sesión terminada.")
        #expect(try spoken(["--voice-name", "fr"]).last == "Séance terminée.")
    }

    @Test func aCountdownFromTheCommandLineOrTheRoutine() throws {
        let path = try routine("name: C\nexercises:\n  - {name: a, hold: 20s, countdown: 3, breath: off}\n")
        #expect(try spoken([], routine: path).filter { $0.first!.isNumber } == ["3.", "2.", "1."])
        #expect(try spoken(["--countdown", "0"], routine: path).filter { $0.first!.isNumber }.isEmpty)
    }

    @Test(arguments: [(["--guidance", "loud"], "stretchcue: The value 'loud' is invalid for '--guidance <level>'. Please provide one of 'full', 'brief', 'names' or 'off'.\n"),
                      (["--language", "xx"], "stretchcue: --language 'xx' is not a language the voice has phrases for: en, de, fr, es (docs/languages.md tells how to add one)\n"),
                      (["--countdown", "11"], "stretchcue: --countdown must be from 0 to 10 s; got 11\n")])
    func aChoiceThatIsNoneIsOneLine(arguments: [String], message: String) throws {
        let result = try Program.run(["show"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
    }

    @Test func anUnknownLangInARoutineIsAtItsPlace() throws {
        let path = try routine("name: x\nlang: klingon\nexercises: [{name: a}]\n")
        let result = try Program.run(["check", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(path):2:7: 'lang' 'klingon' is not a language the voice has phrases for"), "\(result.stderr)")
    }
}
