import Config
import CueSounds
import Foundation
import Mixer
import Routine
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

    func timelineSettings(sampleRate: Int) -> Settings {
        Settings(sampleRate: sampleRate, breath: breath.value)
    }

    func timeline(sampleRate: Int) throws -> Timeline {
        try SessionOptions.compile(loadRoutine().routine, settings: timelineSettings(sampleRate: sampleRate))
    }

    func soundLibrary() throws -> SoundLibrary {
        SoundLibrary(directory: try sounds.value ?? Installation.path("Sounds"), overrides: sound.mapValues(\.value))
    }

    /// The cue sounds decoded at `sampleRate`; a bad file ends the run with one line naming it.
    func bank(sampleRate: Int) throws -> CueBank {
        do {
            return try soundLibrary().load(sampleRate: sampleRate)
        } catch let error as SoundLoadError {
            throw Failure.system(error.description)
        }
    }
}
