import ArgumentParser
import Config
import Foundation
import CueSounds
import Routine
import Timeline

/// What every session-building command shares: which routine, and how to breathe through it.
struct SessionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The routine: a YAML file, or the name of one in the routines folder. Without one, the config file's, else the bundled lower-back routine.",
                                 valueName: "routine"),
              completion: .file(extensions: ["yaml", "yml"]))
    var routinePath: String?

    @Option(name: .long,
            help: ArgumentHelp("Breathing pattern for breath cues inside holds; wins over the routine's own.",
                               discussion: """
                                   6/min or 5.5/min (breaths a minute, in as long as out), 4-6 \
                                   (in-out seconds), 4-7-8 (in-hold-out), 4-4-4-4 (in-hold-out-hold), \
                                   box, 478, coherent (5.5/min), relaxed (4-6), or off. Each phase 1 to 30 s.
                                   """,
                               valueName: "pattern"),
            transform: { try BreathPattern(parsing: $0) })
    var breath: BreathPattern?

    /// What these options chose, in the config file's terms, for `EffectiveSettings`.
    var choices: Config {
        var choices = Config()
        choices.routine = routinePath
        choices.breath = breath
        return choices
    }

    static func compile(_ routine: Routine, settings: Settings) throws -> Timeline {
        do {
            return try Timeline(routine: routine, settings: settings)
        } catch {
            throw Failure.input("stretchcue: \(routine.name): \(error)")
        }
    }
}

/// Reads and decodes a routine file, turning every problem into one line for the person.
enum RoutineFile {
    static func load(_ path: String) throws -> Routine {
        let text = try TextFile.text(path)
        do {
            return try RoutineDecoder(file: path).decode(text)
        } catch {
            throw Failure.input(error.description)
        }
    }
}
