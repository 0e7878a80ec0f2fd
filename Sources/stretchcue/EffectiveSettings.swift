import Config
import CueSounds
import Foundation
import Mixer
import Routine
import SampleRate
import Timeline

/// The settings a session runs with, each taken from the command line if given there, else
/// from the config file, else the built-in default, and knowing which of the three it came from.
struct EffectiveSettings {
    /// What the person gave on the command line (or in `ctl start`), in the config file's terms.
    let commandLine: Config
    let file: Config
    let filePath: String

    enum Origin: String {
        case commandLine = "command line"
        case configFile = "config file"
        case builtIn = "default"
    }

    struct Resolved<Value> {
        let value: Value
        let origin: Origin
    }

    init(commandLine: Config, file: Config, filePath: String) {
        self.commandLine = commandLine
        self.file = file
        self.filePath = filePath
    }

    /// What a command's options chose, in the config file's terms.
    static func choices(session: SessionOptions? = nil, sound: SoundOptions? = nil, voice: VoiceOptions? = nil,
                        device: String? = nil) -> Config {
        var choices = session?.choices ?? Config()
        sound?.add(to: &choices)
        voice?.add(to: &choices)
        choices.device = device
        return choices
    }

    /// Reads the config file at `filePath`.
    init(commandLine: Config, filePath: String = ConfigFile.path) throws {
        self.init(commandLine: commandLine, file: try ConfigFile.load(from: filePath), filePath: filePath)
    }

    private func pick<Value>(_ key: KeyPath<Config, Value?>, default builtIn: Value) -> Resolved<Value> {
        let chosen = pick(key)
        return Resolved(value: chosen.value ?? builtIn, origin: chosen.origin)
    }

    /// For settings whose default is "none chosen".
    private func pick<Value>(_ key: KeyPath<Config, Value?>) -> Resolved<Value?> {
        if let value = commandLine[keyPath: key] { return Resolved(value: value, origin: .commandLine) }
        if let value = file[keyPath: key] { return Resolved(value: value, origin: .configFile) }
        return Resolved(value: nil, origin: .builtIn)
    }

    var device: Resolved<String> { pick(\.device, default: "default") }
    var volume: Resolved<Double> { pick(\.volume, default: 0) }
    /// Nil: each exercise breathes the routine's own pattern, or 6/min.
    var breath: Resolved<BreathPattern?> { pick(\.breath) }
    /// Nil: the bundled routine.
    var routine: Resolved<String?> { pick(\.routine) }
    var routines: Resolved<String> { pick(\.routines, default: EffectiveSettings.defaultRoutinesFolder) }
    /// Nil: the bundled sounds.
    var sounds: Resolved<String?> { pick(\.sounds) }
    var voice: Resolved<Bool> { pick(\.voice, default: true) }
    var voiceName: Resolved<String> { pick(\.voiceName, default: VoiceOptions.defaultName) }
    var voiceRate: Resolved<Int> { pick(\.voiceRate, default: VoiceOptions.defaultRate) }

    /// Single cue sounds replaced, kind by kind: the command line's over the file's.
    var sound: [CueKind: Resolved<String>] {
        var result: [CueKind: Resolved<String>] = [:]
        for (kind, path) in file.sound { result[kind] = Resolved(value: path, origin: .configFile) }
        for (kind, path) in commandLine.sound { result[kind] = Resolved(value: path, origin: .commandLine) }
        return result
    }

    static var defaultRoutinesFolder: String {
        let environment = ProcessInfo.processInfo.environment
        let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ConfigFile.home + "/.local/share"
        return data + "/stretchcue/routines"
    }

    // MARK: What a session is built from

    /// The routine file to play, absolute; nil for the bundled routine. A name without a
    /// folder or extension that is no file here is looked for as NAME.yaml in `routines`.
    func routineFile() throws -> String? {
        guard let given = routine.value else { return nil }
        let manager = FileManager.default
        let looksLikePath = given.contains("/") || given.hasSuffix(".yaml") || given.hasSuffix(".yml")
        if looksLikePath || manager.fileExists(atPath: given) {
            return URL(fileURLWithPath: given).standardizedFileURL.path
        }
        let folder = routines.value
        for candidate in ["\(folder)/\(given).yaml", "\(folder)/\(given).yml"] where manager.fileExists(atPath: candidate) {
            return candidate
        }
        throw Failure.input("stretchcue: no routine '\(given)': no such file here, and no \(given).yaml in \(folder)")
    }

    /// The routine and the file it came from (the bundled one when none is chosen).
    func loadRoutine() throws -> (routine: Routine, path: String, chosen: String?) {
        let chosen = try routineFile()
        let path = try chosen ?? Installation.path(Installation.defaultRoutine)
        return (try RoutineFile.load(path), path, chosen)
    }

    /// The routine's lines, spoken, before the session starts; nil for chimes only. When
    /// espeak-ng cannot speak, `notice` hears why in one line and the session has chimes only.
    func narration(for routine: Routine, notice: (String) -> Void) throws -> Recording? {
        guard voice.value else { return nil }
        let narrator = Narrator(voice: voiceName.value, wordsPerMinute: voiceRate.value)
        let lines: [String]
        do {
            lines = try Timeline.lines(of: routine)
        } catch {
            throw Failure.input("stretchcue: \(routine.name): \(error)")
        }
        do {
            return try narrator.record(lines)
        } catch {
            let reason = error.isVoiceNotFound
                ? "no voice '\(narrator.voice)' in espeak-ng (try en-us, en, de, fr, es)"
                : "espeak-ng cannot speak (\(error))"
            notice("stretchcue: \(reason); playing chimes only")
            return nil
        }
    }

    /// The routine compiled at `sampleRate`, with room for its spoken lines when there are any.
    func compile(_ routine: Routine, sampleRate: Int, narration: Recording?) throws -> Timeline {
        try SessionOptions.compile(routine, settings: Settings(sampleRate: sampleRate, breath: breath.value,
                                                               voice: narration?.voice))
    }

    /// The chosen routine's timeline and spoken lines, for commands that need no device.
    func timeline(sampleRate: Int) throws -> (timeline: Timeline, narration: Recording?) {
        let routine = try loadRoutine().routine
        let narration = try narration(for: routine, notice: printError)
        return (try compile(routine, sampleRate: sampleRate, narration: narration), narration)
    }

    func soundLibrary() throws -> SoundLibrary {
        SoundLibrary(directory: try sounds.value ?? Installation.path("Sounds"), overrides: sound.mapValues(\.value))
    }

    /// The cue sounds and the timeline's spoken lines at its rate; a bad file ends the run
    /// with one line naming it.
    func bank(for timeline: Timeline, narration: Recording?) throws -> CueBank {
        do {
            let speech = try narration?.clips(for: timeline.lines, at: timeline.sampleRate) ?? []
            return try soundLibrary().load(sampleRate: timeline.sampleRate, speech: speech)
        } catch let error as SoundLoadError {
            throw Failure.system(error.description)
        } catch let error as SampleRateError {
            throw Failure.system("cannot convert the spoken lines to \(timeline.sampleRate) Hz: \(error)")
        }
    }
}
