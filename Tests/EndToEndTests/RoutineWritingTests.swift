import Foundation
import Testing

@Suite("writing and finding routines")
struct RoutineWritingTests {
    /// A person's own data folder, empty to begin with.
    func home() throws -> (folder: URL, environment: [String: String]) {
        let folder = try Program.temporaryFolder()
        return (folder, ["XDG_DATA_HOME": folder.appendingPathComponent("data").path])
    }

    @Test func aStarterRoutineIsWrittenOnceAndPlaysByItsName() throws {
        let (folder, environment) = try home()
        let made = try Program.run(["new", "morning"], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        let path = folder.appendingPathComponent("data/stretchcue/routines/morning.yaml").path
        #expect(made.stdout.hasPrefix("wrote \(path)\n"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("# "), "the starter explains itself")

        #expect(try Program.run(["check", "morning"], environment: environment).status == 0)
        let shown = try Program.run(["show", "morning", "--voice", "off"], environment: environment)
        #expect(shown.stdout.hasPrefix("Morning: 3 exercises, "), "\(shown.stdout.prefix(80))")

        try "name: mine\nexercises: [{name: a}]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let again = try Program.run(["new", "morning"], environment: environment)
        #expect(again.status == 2, "a name already taken is the person's input, not a failure of the machine")
        #expect(again.stderr == "stretchcue: \(path) exists; edit it, or choose another name\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "name: mine\nexercises: [{name: a}]\n", "never overwritten")
    }

    @Test(arguments: ["../evil", "a/b", "-x", "two words"])
    func aNameThatIsNoNameIsRefused(name: String) throws {
        let (_, environment) = try home()
        let result = try Program.run(["new", "--", name], environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not one to type after play"), "\(result.stderr)")
    }

    @Test func theListingHasYoursThenTheBundledOnesAndSaysWhichCannotPlay() throws {
        let (folder, environment) = try home()
        let routines = folder.appendingPathComponent("data/stretchcue/routines")
        try FileManager.default.createDirectory(at: routines, withIntermediateDirectories: true)
        _ = try Program.write("name: Evening\nexercises: [{name: a, hold: 1 min}, {name: b}]\n", to: "evening.yml", in: routines)
        _ = try Program.write("name: Broken\nexercises: [{name: a, hold: soon}]\n", to: "broken.yaml", in: routines)
        _ = try Program.write("not a routine", to: "notes.txt", in: routines)
        let result = try Program.run(["routines"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines.map { $0.first.map(String.init) ?? "" } == ["NAME", "broken", "evening", "lower-back"])
        #expect(lines[2].prefix(4) == ["evening", "2", "01:41", "Evening"])
        #expect(result.stdout.contains("has problems: stretchcue check broken"))
        #expect(lines[3].last == "bundled")

        let json = try Program.run(["routines", "--json"], environment: environment)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["broken", "evening", "lower-back"])
        #expect((list[0]["error"] as? String)?.contains("broken.yaml:2:") == true)
        #expect(list[2]["exercises"] as? Int == 13 && list[2]["bundled"] as? Bool == true)
    }

    @Test func yourRoutineOfTheSameNameWinsOverTheBundledOne() throws {
        let (folder, environment) = try home()
        let routines = folder.appendingPathComponent("data/stretchcue/routines")
        try FileManager.default.createDirectory(at: routines, withIntermediateDirectories: true)
        _ = try Program.write("name: My back\nexercises: [{name: a}]\n", to: "lower-back.yaml", in: routines)
        let shown = try Program.run(["show", "lower-back", "--voice", "off"], environment: environment)
        #expect(shown.stdout.hasPrefix("My back: 1 exercise"))
        let listed = try Program.run(["routines"], environment: environment)
        #expect(listed.stdout.split(separator: "\n").count == 2, "the bundled one is hidden by yours: \(listed.stdout)")
    }

    @Test func aBundledRoutinePlaysByItsName() throws {
        let (_, environment) = try home()
        let result = try Program.run(["show", "lower-back", "--voice", "off"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Lower back release: 13 exercises"))
    }

    @Test func checkTellsEveryProblemOfEveryRoutineAtOnce() throws {
        let (folder, environment) = try home()
        let first = try Program.write("""
            name: x
            exercises:
              - {name: a, hold: 1.2345s}
              - {hold: 3 secs, sides: each}
            """, to: "first.yaml", in: folder)
        let result = try Program.run(["check", first, "lower-back", "missing"], environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n") == [
            "\(first):3:21: 'hold' of '1.2345s' has more than three decimal places; a thousandth of a second is the finest step",
            "\(first):4:5: exercise 2 has no 'name'",
            "\(first):4:27: 'sides' must be none, both (right then left), or a list of names such as [right knee, left knee]; found 'each'",
            "stretchcue: no routine 'missing': no such file here, and no missing.yaml in \(folder.path)/data/stretchcue/routines or among the bundled routines (stretchcue routines lists them)",
        ])
    }

    @Test func aRoutineSavedWithAByteOrderMarkPlays() throws {
        let folder = try Program.temporaryFolder()
        let path = folder.appendingPathComponent("bom.yaml").path
        try Data([0xEF, 0xBB, 0xBF] + Array("name: Bom\nexercises: [{name: a, hold: 0:20}]\n".utf8)).write(to: URL(fileURLWithPath: path))
        let result = try Program.run(["check", path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
