import Foundation
import Testing

@Suite("how much the voice says, and in which language")
struct GuidanceLevelTests {
    func spoken(_ arguments: [String], routine: String? = nil, state: URL? = nil) throws -> [String] {
        let environment = ["XDG_STATE_HOME": (try state ?? Program.temporaryFolder()).path]
        let result = try Program.run(["show", "--json"] + (routine.map { [$0] } ?? []) + arguments, environment: environment)
        let document = try JSONDecoder().decode(ShowDocument.self, from: Data(result.stdout.utf8))
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
    }

    /// Brief leaves the instructions out of a routine once it was played to its end.
    @Test func briefHearsTheInstructionsUntilTheRoutineIsKnown() throws {
        let state = try Program.temporaryFolder()
        let path = try routine("name: Known\nlead_in: 0s\noutro: 0s\nexercises:\n  - {name: Reach, instruction: Reach up., hold: 1s, transition: 1s}\n")
        #expect(try spoken(["--guidance", "brief"], routine: path, state: state).first == "Next: Reach. Reach up.")
        let played = try Program.run(["play", path, "-D", "null", "--voice", "off"],
                                     environment: ["XDG_STATE_HOME": state.path])
        #expect(played.status == 0, "\(played.stderr)")
        let brief = try spoken(["--guidance", "brief"], routine: path, state: state)
        #expect(brief == ["Next: Reach.", "Session complete."])
        #expect(try spoken([], routine: path, state: state).first == "Next: Reach. Reach up.", "full says it all, always")
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
                                                  "Linke Seite.", "Training beendet."])
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
