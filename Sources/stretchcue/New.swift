import ArgumentParser
import Config
import Foundation
import Session
import Storage

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter routine of your own, with comments, to edit.",
        discussion: """
            The routine goes in the routines folder (~/.local/share/stretchcue/routines, or the \
            config file's `routines`) as NAME.yaml, so that stretchcue play NAME finds it. An \
            existing routine is never overwritten. docs/routine-format.md describes every key.

            Examples:
              stretchcue new morning
              stretchcue check morning    after editing
              stretchcue play morning
            """
    )

    @Argument(help: ArgumentHelp("The routine's name: letters, digits, - and _.", valueName: "name"))
    var name: String

    func validate() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
              !name.hasPrefix("-") else {
            throw ValidationError("the name '\(name)' is not one to type after play: use letters, digits, - and _")
        }
    }

    func run() throws {
        let folder = try ConfigFile.settings(Config()).routines.value
        let path = "\(folder)/\(name).yaml"
        if FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: "\(folder)/\(name).yml") {
            // A name already taken is the person's input, as a bad name is (exit 2).
            throw Failure.input("\(path) exists; edit it, or choose another name")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.system("cannot make the routines folder \(folder): \(error.localizedDescription)")
        }
        try AtomicFile.write(to: path) { temporary in
            try Data(New.starter(named: name).utf8).write(to: URL(fileURLWithPath: temporary))
        }
        print("wrote \(path)")
        print("edit it, then: stretchcue check \(name) && stretchcue play \(name)")
    }

    /// A routine that plays as it is and shows the keys a person changes first.
    static func starter(named name: String) -> String {
        let title = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return """
            # A StretchCue routine. Every key is described in docs/routine-format.md;
            # `stretchcue check \(name)` after each edit, `stretchcue show \(name)` for the timeline.
            name: \(title.prefix(1).uppercased() + title.dropFirst())

            # What every exercise gets unless it says otherwise.
            defaults:
              hold: 30 seconds     # 30s, 1 min, 1:30, or 5 breaths
              transition: 10s      # from the exercise chime to the hold: time to get into position
              # sides: both        # right, then left
              # repetitions: 2     # holds per side
              # breath: 6/min      # the breathing pattern inside holds: 5.5/min, 4-6, 4-7-8, box, off

            exercises:
              - name: Child's pose
                instruction: Sit back toward your heels and let your arms reach forward.

              - name: Knee to chest
                instruction: On your back, draw one knee in and keep the other leg long.
                sides: both

              - name: Lying twist
                sides: [right, left]
                hold: 5 breaths    # without an instruction, the voice says the name

            """
    }
}
