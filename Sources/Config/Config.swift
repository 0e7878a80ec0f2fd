import Control
import Routine
import Timeline

/// The settings a person keeps in `config.yaml`: every key optional, nil where the file is
/// silent, so the command line and the built-in defaults can fill in around them.
public struct Config: Sendable, Equatable {
    /// The ALSA device to play on.
    public var device: String?
    /// Loudness in dB.
    public var volume: Double?
    public var breath: BreathPattern?
    /// The routine to play when none is named: a path, or a name in `routines`.
    public var routine: String?
    /// The folder where a routine named without a path is looked for (NAME.yaml).
    public var routines: String?
    /// A folder of cue sounds named after their kind.
    public var sounds: String?
    /// Single cue sounds replaced by files.
    public var sound: [CueKind: String] = [:]
    public var voice: Bool?
    public var voiceEngine: VoiceEngine?
    public var voiceName: String?
    /// Words a minute.
    public var voiceRate: Int?
    /// The program the `command` engine runs.
    public var voiceCommand: String?
    /// A folder of recorded lines (a voice pack).
    public var voicePack: String?
    /// Seconds a voice command may take over one line.
    public var voiceTimeout: Int?
    /// How long a session should last, its routine fitted to it.
    public var length: Seconds?
    /// How much the voice says.
    public var guidance: Guidance.Level?
    /// The language of the voice's own words (and of the voice, unless one is named).
    public var language: String?
    /// Seconds said aloud before each hold ends.
    public var countdown: Int?
    /// Buttons on an input device; the player's, not a session's.
    public var buttons: ButtonSettings?
    /// Where `serve` serves the phone remote; nil: no remote. The player's, not a session's.
    public var remote: ListenAddress?

    public init() {}

    public static let keys = ["device", "volume", "breath", "length", "routine", "routines", "sounds", "sound",
                              "voice", "voice_engine", "voice_name", "voice_rate", "voice_command", "voice_pack", "voice_timeout",
                              "guidance", "language", "countdown", "buttons", "remote"]
}

extension Config {
    /// These settings with every one that `other` sets put over them.
    public func overlaid(by other: Config) -> Config {
        var result = self
        result.device = other.device ?? device
        result.volume = other.volume ?? volume
        result.breath = other.breath ?? breath
        result.routine = other.routine ?? routine
        result.routines = other.routines ?? routines
        result.sounds = other.sounds ?? sounds
        result.sound.merge(other.sound) { $1 }
        result.voice = other.voice ?? voice
        result.voiceEngine = other.voiceEngine ?? voiceEngine
        result.voiceName = other.voiceName ?? voiceName
        result.voiceRate = other.voiceRate ?? voiceRate
        result.voiceCommand = other.voiceCommand ?? voiceCommand
        result.voicePack = other.voicePack ?? voicePack
        result.voiceTimeout = other.voiceTimeout ?? voiceTimeout
        result.length = other.length ?? length
        result.guidance = other.guidance ?? guidance
        result.language = other.language ?? language
        result.countdown = other.countdown ?? countdown
        if let buttons = other.buttons { result.buttons = (self.buttons ?? ButtonSettings()).overlaid(by: buttons) }
        result.remote = other.remote ?? remote
        return result
    }
}
