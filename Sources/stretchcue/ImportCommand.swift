import ArgumentParser
import Config
import Foundation
import Import
import Routine
import Session
import Storage
import Timeline

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a routine from another app's file: Just Another Workout Timer, Workrave.",
        discussion: """
            Reads a Just Another Workout Timer export (a workout it shares, or its backup of \
            all of them, JSON) or Workrave's exercises.xml (or an exercise file made for it) \
            and writes a routine that stretchcue check accepts. A comment at its top names \
            what could not come with it (Workrave's pictures, other languages, set names ...).

            Each exercise's time (JAWT), or each timed step (Workrave), becomes a hold; a set \
            repeated becomes repetitions, or its exercises round after round; Workrave's \
            mirrored steps are the other side. StretchCue's own pauses (time to get into \
            position, to change sides, between repetitions) are set in the routine's defaults.

            Without -o the routine goes to the routines folder (~/.local/share/stretchcue/\
            routines), named after the file, or after each workout of a backup; an existing \
            routine is never overwritten. -o FILE writes there (replacing that file), -o - to \
            standard output. A file that cannot be imported gets FILE:LINE:COLUMN: message, \
            exit 2. docs/import.md tells how each format becomes a routine.

            Examples:
              stretchcue import "Morning stretch.json"
              stretchcue import /usr/share/workrave/exercises/exercises.xml
              stretchcue import backup.json --workout Legs -o legs.yaml
              stretchcue import exercises.xml --language de -o -
            """
    )

    @Argument(help: ArgumentHelp("The file to read: a .json from Just Another Workout Timer, or Workrave's .xml.",
                                 valueName: "file"),
              completion: .file(extensions: ["json", "xml"]))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The routine file to write, or - for standard output.", valueName: "routine.yaml"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("From a backup of several workouts, the one to import: its title, or its number among them.",
                                            valueName: "name"))
    var workout: String?

    @Option(name: .long, help: ArgumentHelp("Workrave: the language of the titles and descriptions to take (English otherwise); it becomes the routine's lang:.",
                                            valueName: "code"))
    var language: String?

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try TextFile.read(file)
        } catch {
            throw Failure.located("\(file): cannot read: \(error)")
        }
        var routines: [ImportedRoutine]
        do {
            routines = try Importer.read(bytes, file: file, language: language)
        } catch {
            throw Failure.located("\(file):\(error.line.map { "\($0):\(error.column ?? 1):" } ?? "") \(error.message)")
        }
        if let workout { routines = [try ImportCommand.choose(workout, among: routines, in: file)] }
        let texts = try routines.map { routine in
            (routine, try ImportCommand.checked(RoutineWriter.yaml(routine, from: (file as NSString).lastPathComponent), routine))
        }
        if let output {
            guard texts.count == 1 else {
                throw Failure.input("\(file) holds \(texts.count) workouts (\(ImportCommand.titles(routines))): choose one with "
                                    + "--workout, or leave out -o to import each into the routines folder")
            }
            if output == "-" {
                FileHandle.standardOutput.write(Data(texts[0].1.utf8))
                return
            }
            try write(texts[0].1, to: output)
            report(texts[0].0, at: output, name: nil)
            return
        }
        let folder = try ConfigFile.settings(Config()).routines.value
        var named: [(routine: ImportedRoutine, text: String, name: String)] = []
        for (routine, text) in texts {
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let base = ImportedRoutine.fileName(from: texts.count == 1 ? stem : routine.name)
            var name = base
            var number = 2
            while named.contains(where: { $0.name == name }) {
                name = "\(base)-\(number)"
                number += 1
            }
            for existing in ["\(folder)/\(name).yaml", "\(folder)/\(name).yml"] where FileManager.default.fileExists(atPath: existing) {
                throw Failure.refused("\(existing) exists; import with -o FILE to write elsewhere, or remove it first")
            }
            named.append((routine, text, name))
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.system("cannot make the routines folder \(folder): \(error.localizedDescription)")
        }
        for item in named {
            try write(item.text, to: "\(folder)/\(item.name).yaml")
            report(item.routine, at: "\(folder)/\(item.name).yaml", name: item.name)
        }
    }

    private func write(_ text: String, to path: String) throws {
        try AtomicFile.write(to: path) { temporary in
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        }
    }

    private func report(_ routine: ImportedRoutine, at path: String, name: String?) {
        let count = routine.exercises.count == 1 ? "1 exercise" : "\(routine.exercises.count) exercises"
        let lost = routine.notes.isEmpty ? "" : "; what could not come with it is listed at its top"
        print("wrote \(path): \(routine.name), \(count)\(lost)")
        if let name { print("play it with: stretchcue play \(name)") }
    }

    /// The routine written is read back as `check` reads it: what the importer writes is always a routine.
    static func checked(_ text: String, _ routine: ImportedRoutine) throws(Failure) -> String {
        let decoded: Routine
        do {
            decoded = try RoutineDecoder(file: routine.name).decode(text)
        } catch {
            throw .input("the routine made from \(routine.name) does not check: \(error)")
        }
        _ = try ResolvedSettings.compile(decoded, settings: Settings())
        return text
    }

    static func choose(_ wanted: String, among routines: [ImportedRoutine], in file: String) throws(Failure) -> ImportedRoutine {
        if let number = Int(wanted), routines.indices.contains(number - 1) { return routines[number - 1] }
        if let found = routines.first(where: { $0.name.lowercased() == wanted.lowercased() }) { return found }
        let numbered = routines.enumerated().map { "\($0.offset + 1) \"\($0.element.name)\"" }.joined(separator: ", ")
        throw .input("\(file) has no workout '\(wanted)'; it has \(numbered)")
    }

    static func titles(_ routines: [ImportedRoutine]) -> String {
        routines.map { "\"\($0.name)\"" }.joined(separator: ", ")
    }
}
