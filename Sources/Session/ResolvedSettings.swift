import Config
import Control
import Routine
import Timeline

/// The settings a session runs with: each one from the command line (or `ctl start`) if given
/// there, else from the config file, else the built-in default, knowing which of the three it
/// came from. Pure: the config file is read elsewhere and handed in.
public struct ResolvedSettings: Sendable {
    /// What the person gave for this session, in the config file's terms.
    public let commandLine: Config
    public let file: Config
    /// Where a routine named without a path is looked for, when the config file names no folder.
    public let defaultRoutines: String
    /// The routines that ship with the program, looked in after the person's own.
    public let bundledRoutines: String?

    public enum Origin: String, Sendable {
        case commandLine = "command line"
        case configFile = "config file"
        case builtIn = "default"
    }

    public struct Resolved<Value: Sendable>: Sendable {
        public let value: Value
        public let origin: Origin
    }

    public init(commandLine: Config, file: Config, defaultRoutines: String, bundledRoutines: String?) {
        self.commandLine = commandLine
        self.file = file
        self.defaultRoutines = defaultRoutines
        self.bundledRoutines = bundledRoutines
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

    public var device: Resolved<String> { pick(\.device, default: Defaults.device) }
    public var volume: Resolved<Double> { pick(\.volume, default: Defaults.volume) }
    /// Nil: each exercise breathes the routine's own pattern, or 6/min.
    public var breath: Resolved<BreathPattern?> { pick(\.breath) }
    /// An absolute path or a name in `routines`; nil: the bundled routine.
    public var routine: Resolved<String?> { pick(\.routine) }
    public var routines: Resolved<String> { pick(\.routines, default: defaultRoutines) }
    /// Nil: the bundled sounds.
    public var sounds: Resolved<String?> { pick(\.sounds) }
    public var voice: Resolved<Bool> { pick(\.voice, default: Defaults.voice) }
    /// The engine chosen; with none chosen, a `voice_command` given means the command.
    public var voiceEngine: Resolved<VoiceEngine> {
        let chosen = pick(\.voiceEngine)
        if let engine = chosen.value { return Resolved(value: engine, origin: chosen.origin) }
        let command = voiceCommand
        if command.value != nil { return Resolved(value: .command, origin: command.origin) }
        return Resolved(value: Defaults.voiceEngine, origin: .builtIn)
    }
    /// The engine's own default unless one is named.
    public var voiceName: Resolved<String> { pick(\.voiceName, default: Defaults.voiceName(for: voiceEngine.value)) }
    public var voiceRate: Resolved<Int> { pick(\.voiceRate, default: Defaults.voiceRate) }
    public var voiceCommand: Resolved<String?> { pick(\.voiceCommand) }
    /// Nil: no recorded lines.
    public var voicePack: Resolved<String?> { pick(\.voicePack) }
    public var voiceTimeout: Resolved<Int> { pick(\.voiceTimeout, default: Defaults.voiceTimeout) }
    /// Nil: the routine's own `length:`, else the routine as written.
    public var length: Resolved<Seconds?> { pick(\.length) }
    public var guidance: Resolved<Guidance.Level> { pick(\.guidance, default: Defaults.guidance) }
    /// As chosen; `phrases(for:)` puts a routine's own `lang:` between the two.
    public var language: Resolved<String?> { pick(\.language) }
    /// Nil: each exercise's own `countdown`.
    public var countdown: Resolved<Int?> { pick(\.countdown) }

    /// The language of the voice's own words for `routine`: the command line's, else the
    /// routine's `lang:` (its names and instructions are in it), else the config file's, else
    /// that of a voice chosen by name (`--voice-name de`), else English.
    public func phrases(for routine: Routine) -> Phrases {
        let chosenVoice = voiceName.origin == .builtIn ? nil : Phrases.named(voiceName.value)
        let code = commandLine.language ?? routine.language ?? file.language
        return code.flatMap(Phrases.named) ?? chosenVoice ?? .english
    }

    /// The voice that speaks `routine`: the one chosen by name, else espeak-ng's for its
    /// language, or the other engine's own (flite's slt, none for a command).
    public func speakingVoice(for routine: Routine) -> String {
        guard voiceName.origin == .builtIn else { return voiceName.value }
        return voiceEngine.value == .espeak ? phrases(for: routine).voice : voiceName.value
    }

    /// The espeak-ng voice another engine falls back to: the one for the routine's language.
    public func fallbackVoice(for routine: Routine) -> String {
        phrases(for: routine).voice
    }

    /// What the voice says, and in which words, for `routine`.
    /// `brief` leaves the instructions out once a routine is known: the first session of it
    /// (`playedBefore` false) hears them whole.
    public func guidance(for routine: Routine, playedBefore: Bool = true) -> Guidance {
        let level = guidance.value == .brief && !playedBefore ? .full : guidance.value
        return Guidance(level: level, phrases: phrases(for: routine))
    }

    /// The buttons: the command line's device over the file's, the file's keys over the defaults.
    public var buttons: ButtonSettings {
        (file.buttons ?? ButtonSettings()).overlaid(by: commandLine.buttons ?? ButtonSettings())
    }

    /// The devices of `buttons`, and where they were named; none by default.
    public var buttonDevices: Resolved<[String]> {
        if let devices = commandLine.buttons?.devices, !devices.isEmpty { return Resolved(value: devices, origin: .commandLine) }
        if let devices = file.buttons?.devices, !devices.isEmpty { return Resolved(value: devices, origin: .configFile) }
        return Resolved(value: [], origin: .builtIn)
    }

    /// The keys of `buttons` whose meaning is set (in the config file), key by key; the others
    /// mean what `ButtonSettings.defaultKeys` says.
    public var buttonKeys: [Int: Resolved<ControlRequest?>] {
        var result: [Int: Resolved<ControlRequest?>] = [:]
        for (code, request) in file.buttons?.keys ?? [:] { result[code] = Resolved(value: request, origin: .configFile) }
        for (code, request) in commandLine.buttons?.keys ?? [:] { result[code] = Resolved(value: request, origin: .commandLine) }
        return result
    }

    /// Where the phone remote listens; nil: off. The player's, as `serve` takes it (`play`
    /// only with --remote).
    public var remote: Resolved<ListenAddress?> { pick(\.remote) }

    /// Single cue sounds replaced, kind by kind: the command line's over the file's.
    public var sound: [CueKind: Resolved<String>] {
        var result: [CueKind: Resolved<String>] = [:]
        for (kind, path) in file.sound { result[kind] = Resolved(value: path, origin: .configFile) }
        for (kind, path) in commandLine.sound { result[kind] = Resolved(value: path, origin: .commandLine) }
        return result
    }

    /// Where a routine named without a path is looked for, in order: the person's, then the bundled.
    public var routineFolders: [String] {
        [routines.value] + (bundledRoutines.map { [$0] } ?? []).filter { $0 != routines.value }
    }

    /// The routine file to play, absolute; nil for the default routine.
    public func routineFile(fileExists: (String) -> Bool) throws(Failure) -> String? {
        guard let given = routine.value else { return nil }
        return try ResolvedSettings.find(given, in: routineFolders, fileExists: fileExists)
    }

    /// A routine as a person names it: a file, or a name in `folders`.
    public static func find(_ given: String, in folders: [String], fileExists: (String) -> Bool) throws(Failure) -> String {
        let reference = RoutineReference(given, relativeTo: "/", fileExists: fileExists)
        guard let file = reference.file(in: folders, fileExists: fileExists) else {
            let places = folders.count > 1 ? "\(folders[0]) or among the bundled routines" : folders.first ?? "the routines folder"
            throw .input("no routine '\(given)': no such file here, and no \(given).yaml in \(places) (stretchcue routines lists them)")
        }
        return file
    }

    /// The same settings with `choices` over what this session was given: a resumed session
    /// goes on with the routine (and breathing) it had.
    public func with(_ change: (inout Config) -> Void) -> ResolvedSettings {
        var choices = commandLine
        change(&choices)
        return ResolvedSettings(commandLine: choices, file: file, defaultRoutines: defaultRoutines, bundledRoutines: bundledRoutines)
    }

    /// A routine's timeline, or why it cannot be played (it would last past a day, say).
    public static func compile(_ routine: Routine, settings: Settings) throws(Failure) -> Timeline {
        do {
            return try Timeline(routine: routine, settings: settings)
        } catch {
            throw .input("\(routine.name): \(error)")
        }
    }
}
