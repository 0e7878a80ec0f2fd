import Foundation
import Testing

/// `stretchcue import` as a person meets it: a file from another app becomes a routine they
/// can play by name, never over one they have; a bad file is one line with its place.
@Suite("import: routines from other apps, end to end")
struct ImportCommandTests {
    let folder: URL
    let environment: [String: String]

    init() throws {
        folder = try Program.temporaryFolder()
        environment = ["XDG_DATA_HOME": folder.appendingPathComponent("data").path]
    }

    var routines: URL { folder.appendingPathComponent("data/stretchcue/routines") }

    func run(_ arguments: [String]) throws -> Program.Result {
        try Program.run(arguments, in: folder, environment: environment, timeout: 60)
    }

    func show(_ arguments: [String]) throws -> ShowDocument {
        let result = try run(["show", "--json", "--voice", "off"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(ShowDocument.self, from: Data(result.stdout.utf8))
    }

    /// A workout as Just Another Workout Timer shares it, written for this test.
    static let workout = """
        {"title":"Morning stretch","sets":[{"repetitions":1,"id":"s1","exercises":[{"name":"Neck rolls","id":"e1","duration":30},\
        {"name":"Side bend","id":"e2","duration":20}]},{"repetitions":2,"id":"s2","name":"Finish","exercises":[{"name":"Forward fold",\
        "id":"e3","duration":45}]}],"version":2,"position":0}
        """

    /// Workrave's format, written for this test.
    static let exercises = """
        <?xml version="1.0" encoding="UTF-8"?>
        <exercises>
          <exercise>
            <title>Arm across</title>
            <title xml:lang="fr">Bras croisé</title>
            <description>Draw one arm across the chest.</description>
            <sequence duration="20">
              <image src="arm.png" duration="10"/>
              <image src="arm.png" duration="10" mirrorx="yes"/>
            </sequence>
          </exercise>
          <exercise>
            <title>Finger stretch</title>
            <sequence duration="20"><image src="f1.png" duration="5"/><image src="f2.png" duration="5"/></sequence>
          </exercise>
        </exercises>
        """

    @Test func aWorkoutBecomesARoutineToPlayByTheFilesName() throws {
        let file = try Program.write(ImportCommandTests.workout, to: "Morning stretch.json", in: folder)
        let result = try run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        let path = routines.appendingPathComponent("morning-stretch.yaml").path
        #expect(result.stdout == "wrote \(path): Morning stretch, 3 exercises; what could not come with it is listed at its top\n"
                + "play it with: stretchcue play morning-stretch\n")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Imported by stretchcue import from Morning stretch.json, a Just Another Workout Timer export.\n"))
        #expect(text.contains("# - the names of its sets (\"Finish\"): a routine is one list of exercises\n"))
        #expect(try run(["check", "morning-stretch"]).status == 0)
        let shown = try show(["morning-stretch"])
        #expect(shown.exercises.map(\.name) == ["Neck rolls", "Side bend", "Forward fold"])
        #expect(shown.exercises.map { $0.holds.map { Double($0.end_frame - $0.start_frame) / 48_000 } } == [[30], [20], [45, 45]],
                "each exercise's time is its hold; a set repeated, its repetitions")
    }

    @Test func anExistingRoutineIsNeverOverwritten() throws {
        let file = try Program.write(ImportCommandTests.workout, to: "mine.json", in: folder)
        try FileManager.default.createDirectory(at: routines, withIntermediateDirectories: true)
        let path = try Program.write("name: Mine\nexercises: [{name: a}]\n", to: "mine.yaml", in: routines)
        let result = try run(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr == "stretchcue: \(path) exists; import with -o FILE to write elsewhere, or remove it first\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "name: Mine\nexercises: [{name: a}]\n")
    }

    @Test func workraveExercisesBecomeARoutineWithSidesAndPositions() throws {
        let file = try Program.write(ImportCommandTests.exercises, to: "exercises.xml", in: folder)
        let result = try run(["import", file, "-o", "-"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("\n# - the pictures of the steps (arm.png, f1.png, f2.png)\n"))
        #expect(result.stdout.contains("\n# - the titles and descriptions in other languages (fr)\n"))
        #expect(result.stdout.contains("\nname: Workrave exercises\n"))
        let written = try Program.write(result.stdout, to: "workrave.yaml", in: folder)
        #expect(try run(["check", written]).status == 0)
        let shown = try show([written])
        #expect(shown.exercises[0].holds.map(\.side) == ["right", "left"], "the mirrored step is the other side")
        #expect(shown.exercises[1].holds.count == 4, "two steps, two rounds")

        let french = try run(["import", file, "--language", "fr", "-o", "french.yaml"])
        #expect(french.status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("french.yaml"), encoding: .utf8)
        #expect(text.contains("  - name: Bras croisé\n") && text.contains("\nlang: fr "), "French words, and the voice's in French")
        #expect(try run(["check", "french.yaml"]).status == 0)
    }

    @Test func aBackupOfSeveralWorkoutsIsARoutineEachOrTheOneChosen() throws {
        let backup = """
            {"workouts":[{"title":"Legs","sets":[{"repetitions":1,"exercises":[{"name":"Squat","duration":30}]}]},\
            {"title":"Core","sets":[{"repetitions":1,"exercises":[{"name":"Plank","duration":40}]}]}]}
            """
        let file = try Program.write(backup, to: "Backup.json", in: folder)
        let toOne = try run(["import", file, "-o", "x.yaml"])
        #expect(toOne.status == 2)
        #expect(toOne.stderr == "stretchcue: \(file) holds 2 workouts (\"Legs\", \"Core\"): choose one with --workout, "
                + "or leave out -o to import each into the routines folder\n")
        let chosen = try run(["import", file, "--workout", "core", "-o", "-"])
        #expect(chosen.stdout.contains("\nname: Core\n"))
        let missing = try run(["import", file, "--workout", "Arms"])
        #expect(missing.status == 2 && missing.stderr == "stretchcue: \(file) has no workout 'Arms'; it has 1 \"Legs\", 2 \"Core\"\n")
        let each = try run(["import", file])
        #expect(each.status == 0, "\(each.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: routines.path).sorted()
        #expect(names == ["core.yaml", "legs.yaml"])
    }

    @Test(arguments: [
        ("bad.json", "{\"title\": \"a\",\n \"sets\": [1, 2,]}", "2:16: a comma before ']' has nothing after it"),
        ("bad.json", "{\"title\": \"a\",\n \"sets\": [{\"repetitions\": 1, \"exercises\": [{\"name\": \"b\", \"duration\": \"30\"}]}]}",
         "2:70: 'duration' must be a whole number, not \"30\""),
        ("bad.xml", "<exercises>\n  <exercise><title>A & B</title></exercise>\n</exercises>", "2:22: a bare '&': write it as &amp;"),
        ("bad.xml", "<exercises>\n  <exercise>\n", "3:1: the file ends before <exercise> (line 2) is closed"),
        ("notes.txt", "stretch daily", "1:1: neither a Just Another Workout Timer export (JSON) nor a Workrave exercises file (XML)"),
    ])
    func aBadFileIsOneLineWithItsPlace(name: String, text: String, message: String) throws {
        let file = try Program.write(text, to: name, in: folder)
        let result = try run(["import", file])
        #expect(result.status == 2)
        #expect(result.stderr == "\(file):\(message)\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: routines.path), "nothing written")
    }

    @Test func aFileThatCannotBeReadSaysWhy() throws {
        let result = try run(["import", "missing.json"])
        #expect(result.status == 2)
        #expect(result.stderr == "missing.json: cannot read: No such file or directory\n")
    }
}
