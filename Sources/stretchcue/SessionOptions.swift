import ArgumentParser
import Foundation
import CueSounds
import Routine
import Timeline

/// What every session-building command shares: which routine, and how to breathe through it.
struct SessionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The routine file (YAML). Without one, the bundled lower-back routine.",
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

    func loadRoutine() throws -> (routine: Routine, path: String) {
        let path = try routinePath ?? Installation.path(Installation.defaultRoutine)
        return (try RoutineFile.load(path), path)
    }

    func settings(sampleRate: Int, narration: Recording? = nil) -> Settings {
        Settings(sampleRate: sampleRate, breath: breath, voice: narration?.voice)
    }

    /// The routine compiled at `sampleRate`, with room for its spoken lines when there are any.
    func timeline(sampleRate: Int, voice: VoiceOptions) throws -> (timeline: Timeline, narration: Recording?) {
        let routine = try loadRoutine().routine
        let narration = try voice.narration(for: routine)
        return (try Self.compile(routine, settings: settings(sampleRate: sampleRate, narration: narration)), narration)
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
        let bytes: [UInt8]
        do {
            bytes = try TextFile.read(path)
        } catch {
            throw Failure.input("\(path): cannot read: \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure.input("\(path):1:1: the file is not UTF-8 text")
        }
        do {
            return try RoutineDecoder(file: path).decode(text)
        } catch {
            throw Failure.input(error.description)
        }
    }
}
