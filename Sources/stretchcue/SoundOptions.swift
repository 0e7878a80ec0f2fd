import ArgumentParser
import Config
import Foundation
import Timeline

/// Which files the cues sound like, and how loud: the bundled `sounds/`, another folder, or
/// single files.
struct SoundOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder of your own cue sounds: end.wav, ...",
        valueName: "folder"), completion: .directory)
    var sounds: String?

    @Option(name: .customLong("sound"), help: ArgumentHelp(
        "One cue's own sound: end=gong.flac (repeatable).",
        discussion: "Kinds: \(CueKind.chimes.map(\.rawValue).joined(separator: ", ")).",
        valueName: "kind=file"),
            transform: SoundOptions.parseOverride)
    var overrides: [SoundOverride] = []

    // Unconditional: `--volume -6` takes the negative number, which would otherwise read as an option.
    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Loudness, \(Defaults.volumeWording) (default 0): -6 or -6dB.",
                               valueName: "dB"),
            transform: SoundOptions.parseVolume)
    var volume: Double?

    struct SoundOverride {
        let kind: CueKind
        let path: String
    }

    func validate() throws {
        if let volume, let problem = Defaults.problem(volume: volume) {
            throw ValidationError("--volume \(problem)")
        }
    }

    /// Adds what these options chose to `choices`; paths are made absolute, so that a player
    /// running in another folder finds them.
    func add(to choices: inout Config) {
        choices.sounds = sounds.map(SoundOptions.absolute)
        for override in overrides { choices.sound[override.kind] = SoundOptions.absolute(override.path) }
        choices.volume = volume
    }

    private static func absolute(_ path: String) -> String {
        RoutineReference.absolute(path, in: FileManager.default.currentDirectoryPath)
    }

    static func parseVolume(_ text: String) throws -> Double {
        guard let value = Defaults.volume(parsing: text) else {
            throw ValidationError("--volume takes a number of dB such as -6 or -6dB; got '\(text)'")
        }
        return value
    }

    static func parseOverride(_ text: String) throws -> SoundOverride {
        let kinds = CueKind.chimes.map(\.rawValue).joined(separator: ", ")
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
              text.index(after: equals) != text.endIndex else {
            throw ValidationError("expected KIND=FILE, e.g. end=gong.flac; kinds: \(kinds)")
        }
        let name = String(text[..<equals])
        guard let kind = CueKind(rawValue: name), CueKind.chimes.contains(kind) else {
            throw ValidationError("unknown cue kind '\(name)'; kinds: \(kinds)")
        }
        return SoundOverride(kind: kind, path: String(text[text.index(after: equals)...]))
    }
}
