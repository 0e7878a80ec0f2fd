import Control
import Routine
import StrictYAML
import Timeline
import Yams

/// Turns `config.yaml` into a `Config`, as strictly as routines are read: every key known,
/// every value checked, and each problem reported as `FILE:LINE:COLUMN: message`.
///
/// Paths may start with `~/`, and relative ones are taken from the file's own folder, so the
/// file means the same whichever folder the program starts in.
public struct ConfigDecoder: YAMLDecoding, Sendable {
    public let file: String
    let home: String

    public init(file: String, home: String) {
        self.file = file
        self.home = home
    }

    public func decode(_ yaml: String) throws(YAMLError) -> Config {
        var config = Config()
        guard let root = try compose(yaml) else { return config } // an empty file sets nothing
        if case .scalar(let value) = root, value.string.isEmpty { return config }
        let fields = try mapping(root, Config.keys, what: "the config file",
                                 hint: "a mapping of settings, such as 'device: pulse'")
        if let node = fields["device"] { config.device = try text(node, "device", limit: Defaults.settingLength) }
        if let node = fields["volume"] { config.volume = try volume(node) }
        if let node = fields["breath"] { config.breath = try breath(node, "breath") }
        if let node = fields["length"] { config.length = try RoutineDecoder(file: file).sessionLength(node, "length") }
        if let node = fields["routine"] { config.routine = try path(node, "routine") }
        if let node = fields["routines"] { config.routines = try path(node, "routines") }
        if let node = fields["sounds"] { config.sounds = try path(node, "sounds") }
        if let node = fields["sound"] { config.sound = try sounds(node) }
        if let node = fields["voice"] { (config.voice, config.voiceEngine) = try voice(node) }
        if let node = fields["voice_engine"] {
            let engine = try engine(node, "voice_engine")
            if let chosen = config.voiceEngine, chosen != engine {
                throw error(at: node, "'voice_engine' is \(engine.rawValue) but 'voice' says \(chosen.rawValue); keep one of them")
            }
            config.voiceEngine = engine
        }
        if let node = fields["voice_name"] { config.voiceName = try text(node, "voice_name", limit: Defaults.settingLength) }
        if let node = fields["voice_rate"] { config.voiceRate = try count(node, "voice_rate", in: Defaults.voiceRateRange) }
        if let node = fields["voice_command"] {
            let command = try text(node, "voice_command", limit: Defaults.pathLength)
            if let problem = Defaults.problem(voiceCommand: command) { throw error(at: node, "'voice_command' \(problem)") }
            config.voiceCommand = command
        }
        if let node = fields["voice_pack"] { config.voicePack = try path(node, "voice_pack") }
        if let node = fields["voice_timeout"] { config.voiceTimeout = try count(node, "voice_timeout", in: Defaults.voiceTimeoutRange) }
        if let node = fields["guidance"] { config.guidance = try guidance(node) }
        if let node = fields["language"] { config.language = try RoutineDecoder(file: file).language(node, "language") }
        if let node = fields["countdown"] { config.countdown = try count(node, "countdown", in: RoutineDecoder.limits.countdown) }
        if let node = fields["buttons"] { config.buttons = try buttons(node) }
        if let node = fields["remote"] { config.remote = try remote(node) }
        return config
    }

    /// `on`, `off`, or the engine to speak with (`voice: flite` is `voice: on` with that engine).
    /// YAML reads `on`/`off` as words here (Yams follows YAML 1.2), so both forms are taken.
    private func voice(_ node: Node) throws(YAMLError) -> (Bool, VoiceEngine?) {
        let raw = try scalar(node, "voice")
        if let engine = VoiceEngine(rawValue: raw.trimmingSpaces.lowercased()) { return (true, engine) }
        switch raw.trimmingSpaces.lowercased() {
        case "on", "true", "yes": return (true, nil)
        case "off", "false", "no": return (false, nil)
        default: throw error(at: node, "'voice' must be on, off or an engine (\(VoiceEngine.wording)); found '\(raw)'")
        }
    }

    private func engine(_ node: Node, _ key: String) throws(YAMLError) -> VoiceEngine {
        let raw = try scalar(node, key)
        guard let engine = VoiceEngine(rawValue: raw.trimmingSpaces.lowercased()) else {
            throw error(at: node, "'\(key)' must be one of \(VoiceEngine.wording); found '\(raw)'")
        }
        return engine
    }

    private func volume(_ node: Node) throws(YAMLError) -> Double {
        let raw = try scalar(node, "volume")
        guard let value = Defaults.volume(parsing: raw) else {
            throw error(at: node, "'volume' must be a number of dB such as -6; found '\(raw)'")
        }
        guard Defaults.volumeRange.contains(value) else {
            throw error(at: node, "'volume' must be \(Defaults.volumeWording); found \(raw)")
        }
        return value
    }

    /// `remote: {listen: ADDRESS:PORT}`: a mapping, so that later settings of the remote have a home.
    private func remote(_ node: Node) throws(YAMLError) -> ListenAddress {
        let fields = try mapping(node, ["listen"], what: "'remote'",
                                 hint: "a mapping such as '{listen: \(Defaults.remoteListen)}'")
        guard let listen = fields["listen"] else {
            throw error(at: node, "'remote' needs 'listen: ADDRESS:PORT', such as \(Defaults.remoteListen)")
        }
        let raw = try scalar(listen, "listen")
        guard let address = ListenAddress(parsing: raw.trimmingSpaces) else {
            throw error(at: listen, "'listen' \(ListenAddress.problem(parsing: raw.trimmingSpaces) ?? "is not an address")")
        }
        return address
    }

    private func guidance(_ node: Node) throws(YAMLError) -> Guidance.Level {
        let raw = try scalar(node, "guidance")
        guard let level = Guidance.Level(rawValue: raw.trimmingSpaces.lowercased()) else {
            throw error(at: node, "'guidance' must be \(Defaults.guidanceWording); found '\(raw)'")
        }
        return level
    }

    private func sounds(_ node: Node) throws(YAMLError) -> [CueKind: String] {
        let kinds = CueKind.chimes.map(\.rawValue)
        let fields = try mapping(node, kinds, what: "'sound'", hint: "a mapping of cue kinds to files, such as 'end: gong.flac'")
        var result: [CueKind: String] = [:]
        for kind in CueKind.chimes {
            if let value = fields[kind.rawValue] { result[kind] = try path(value, kind.rawValue) }
        }
        return result
    }

    private func buttons(_ node: Node) throws(YAMLError) -> ButtonSettings {
        let fields = try mapping(node, ["device", "keys"], what: "'buttons'",
                                 hint: "a mapping such as 'device: /dev/input/event3' and 'keys: {KEY_VOLUMEUP: faster}'")
        var settings = ButtonSettings()
        if let node = fields["device"] {
            // One device, or a list of them.
            let nodes: [Node]
            if case .sequence(let items) = node { nodes = Array(items) } else { nodes = [node] }
            guard !nodes.isEmpty else { throw error(at: node, "'device' is an empty list") }
            for item in nodes {
                let device = try text(item, "device", limit: Defaults.pathLength)
                settings.devices.append(device.hasPrefix("/") || device.hasPrefix("~") ? resolve(device, routine: false) : device)
            }
        }
        if let node = fields["keys"] { settings.keys = try keys(node) }
        return settings
    }

    /// Key names (or numbers) to commands, as `stretchcue ctl` takes them.
    private func keys(_ node: Node) throws(YAMLError) -> [Int: ControlRequest?] {
        guard case .mapping(let pairs) = node else {
            throw error(at: node, "'keys' must be a mapping of keys to commands, such as 'KEY_VOLUMEUP: faster'")
        }
        var result: [Int: ControlRequest?] = [:]
        for (keyNode, value) in pairs {
            let name = try scalar(keyNode, "keys")
            guard let code = InputKeys.code(name.trimmingSpaces) else {
                var message = "unknown key '\(name)' in 'keys'"
                if let guess = KeySuggestion.closest(to: name, among: InputKeys.names.keys.map { $0.lowercased() }) {
                    message += " (did you mean '\(guess.uppercased())'?)"
                } else {
                    message += "; expected a name such as KEY_PLAYPAUSE or BTN_0, or a key code from 1 to \(InputKeys.maximum)"
                }
                throw error(at: keyNode, message)
            }
            guard result[code] == nil else { throw error(at: keyNode, "'\(name)' appears twice in 'keys'") }
            result[code] = try command(value, for: name)
        }
        return result
    }

    /// A command for a key: a `ctl` command that needs nothing more, `start [ROUTINE]`,
    /// `tempo PATTERN`, or `none`.
    private func command(_ node: Node, for key: String) throws(YAMLError) -> ControlRequest? {
        let raw = try text(node, key, limit: Defaults.settingLength)
        let words = raw.split(separator: " ", maxSplits: 1).map { String($0).trimmingSpaces }
        let rest = words.count > 1 ? words[1] : nil
        let refusal = "'\(key)' must be one of \(ButtonSettings.vocabulary); found '\(raw)'"
        switch (words[0].lowercased(), rest) {
        case ("none", nil): return nil
        case ("start", let routine):
            return .start(StartOptions(routine: routine.map { resolve($0, routine: true) }))
        case ("tempo", let pattern?):
            do {
                _ = try BreathPattern(parsing: pattern)
            } catch {
                throw self.error(at: node, "'\(key)': \(error.description)")
            }
            return .tempo(pattern)
        case (let word, nil):
            guard let request = try? ControlRequest(line: word), ![.status, .watch].contains(request.command) else {
                throw error(at: node, refusal)
            }
            return request
        default:
            throw error(at: node, refusal)
        }
    }

    private func path(_ node: Node, _ key: String) throws(YAMLError) -> String {
        resolve(try text(node, key, limit: Defaults.pathLength), routine: key == "routine")
    }

    private func resolve(_ raw: String, routine: Bool) -> String {
        if raw == "~" { return home }
        if raw.hasPrefix("~/") { return home + raw.dropFirst() }
        if raw.hasPrefix("/") { return raw }
        // A bare name for `routine` is a routine's name, looked for in the routines folder.
        if routine, !RoutineReference.looksLikePath(raw) { return raw }
        let folder = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) : "."
        return folder + "/" + raw
    }
}
