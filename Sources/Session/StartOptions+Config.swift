import Config
import Control
import Routine
import Timeline

extension Config {
    /// What a start request chose, checked as strictly as the same options on the command line.
    public init(_ options: StartOptions) throws(Failure) {
        self.init()
        if let routine = options.routine {
            guard !routine.isEmpty, routine.hasPrefix("/") || !RoutineReference.looksLikePath(routine) else {
                throw .input("the routine '\(routine)' must be an absolute path or a name")
            }
            self.routine = routine
        }
        if let breath = options.breath {
            do {
                self.breath = try BreathPattern(parsing: breath)
            } catch {
                throw .input(error.description)
            }
        }
        if let device = options.device {
            guard !device.isEmpty else { throw .input("the device name is empty") }
            self.device = device
        }
        if let volume = options.volume {
            if let problem = Defaults.problem(volume: volume) { throw .input("the volume \(problem)") }
            self.volume = volume
        }
        if let sounds = options.sounds {
            guard sounds.hasPrefix("/") else { throw .input("the sounds folder '\(sounds)' must be an absolute path") }
            self.sounds = sounds
        }
        for (name, path) in options.sound ?? [:] {
            guard let kind = CueKind(rawValue: name), CueKind.chimes.contains(kind) else {
                throw .input("unknown cue kind '\(name)'; kinds: \(CueKind.chimes.map(\.rawValue).joined(separator: ", "))")
            }
            guard path.hasPrefix("/") else { throw .input("the sound '\(path)' must be an absolute path") }
            sound[kind] = path
        }
        voice = options.voice
        if let engine = options.voiceEngine {
            guard let chosen = VoiceEngine(rawValue: engine) else {
                throw .input("unknown voice engine '\(engine)'; engines: \(VoiceEngine.wording)")
            }
            voiceEngine = chosen
        }
        if let command = options.voiceCommand {
            if let problem = Defaults.problem(voiceCommand: command) { throw .input("the voice command \(problem)") }
            voiceCommand = command
        }
        if let pack = options.voicePack {
            guard pack.hasPrefix("/") else { throw .input("the voice pack '\(pack)' must be an absolute path") }
            voicePack = pack
        }
        if let name = options.voiceName {
            if let problem = Defaults.problem(voiceName: name) { throw .input("the voice name \(problem)") }
            voiceName = name
        }
        if let text = options.length {
            length = try Config.length(parsing: text)
        }
        if let text = options.guidance {
            guard let level = Guidance.Level(rawValue: text) else {
                throw .input("the guidance must be \(Defaults.guidanceWording); got '\(text)'")
            }
            guidance = level
        }
        if let code = options.language {
            if let problem = RoutineDecoder.problem(language: code) { throw .input("the language \(problem)") }
            language = code
        }
        if let seconds = options.countdown {
            if let problem = Defaults.problem(countdown: seconds) { throw .input("the countdown \(problem)") }
            countdown = seconds
        }
        if let rate = options.voiceRate {
            if let problem = Defaults.problem(voiceRate: rate) { throw .input("the voice rate \(problem)") }
            voiceRate = rate
        }
    }
}

extension StartOptions {
    /// The choices of a command line, as a start request carries them to a waiting player.
    public init(_ config: Config, resume: Bool) {
        self.init(routine: config.routine, breath: config.breath?.description, resume: resume, device: config.device,
                  volume: config.volume, sounds: config.sounds,
                  sound: config.sound.isEmpty ? nil : Dictionary(uniqueKeysWithValues: config.sound.map { ($0.key.rawValue, $0.value) }),
                  voice: config.voice, voiceEngine: config.voiceEngine?.rawValue, voiceName: config.voiceName,
                  voiceRate: config.voiceRate, voiceCommand: config.voiceCommand, voicePack: config.voicePack,
                  length: config.length.map { $0.description }, guidance: config.guidance?.rawValue,
                  language: config.language, countdown: config.countdown)
    }
}

extension Config {
    /// A session length as a person types it, checked; the reason in words when it is not one.
    public static func length(parsing text: String) throws(Failure) -> Seconds {
        switch DurationText.read(text) {
        case .success(let seconds):
            if let problem = RoutineDecoder.problem(length: seconds) { throw .input("\(problem); got \(DurationText.format(seconds))") }
            return seconds
        case .failure(.unreadable):
            throw .input("the length must be \(DurationText.lengthForms); got '\(text)'")
        case .failure(let problem):
            throw .input("the length '\(text)' \(problem.reason)")
        }
    }
}
