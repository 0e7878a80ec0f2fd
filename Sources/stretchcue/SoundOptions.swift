import ArgumentParser
import CueSounds
import Mixer
import SampleRate
import Timeline

/// Which files the cues sound like: the bundled `Sounds/`, another folder, or single files.
struct SoundOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder of cue sounds named after their kind (exercise.wav, hold-start.wav, ...).",
        valueName: "folder"), completion: .directory)
    var sounds: String?

    @Option(name: .customLong("sound"), help: ArgumentHelp(
        "Replace one cue's sound: KIND=FILE, e.g. end=gong.flac. Any file libsndfile reads, any rate or channel count. Repeatable.",
        discussion: "Kinds: \(CueKind.chimes.map(\.rawValue).joined(separator: ", ")).",
        valueName: "kind=file"),
            transform: SoundOptions.parseOverride)
    var overrides: [SoundOverride] = []

    @Option(name: .long, help: ArgumentHelp("Loudness in dB, from -60 (quiet) to 12.", valueName: "dB"))
    var volume: Double = 0

    struct SoundOverride {
        let kind: CueKind
        let path: String
    }

    func validate() throws {
        guard (-60...12).contains(volume) else {
            throw ValidationError("--volume must be from -60 to 12 dB; got \(volume)")
        }
    }

    func library() throws -> SoundLibrary {
        let folder = try sounds ?? Installation.path("Sounds")
        var files: [CueKind: String] = [:]
        for override in overrides { files[override.kind] = override.path }
        return SoundLibrary(directory: folder, overrides: files)
    }

    /// The cue sounds and the timeline's spoken lines at its rate; a bad file ends the run
    /// with one line naming it.
    func bank(for timeline: Timeline, narration: Recording?) throws -> CueBank {
        do {
            let speech = try narration?.clips(for: timeline.lines, at: timeline.sampleRate) ?? []
            return try library().load(sampleRate: timeline.sampleRate, speech: speech)
        } catch let error as SoundLoadError {
            throw Failure.system(error.description)
        } catch let error as SampleRateError {
            throw Failure.system("cannot convert the spoken lines to \(timeline.sampleRate) Hz: \(error)")
        }
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
