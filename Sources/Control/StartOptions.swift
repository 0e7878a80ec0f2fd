/// What `ctl start` (or `play`, through a waiting player) asks for: the routine and how to
/// play it. Every field is optional: what is left out comes from the player's config file,
/// then the defaults. Values are checked by the player, which answers with what is wrong.
public struct StartOptions: Codable, Sendable, Equatable {
    /// A routine file (an absolute path) or a name in the routines folder.
    public var routine: String?
    /// A breathing pattern, as for `--breath`.
    public var breath: String?
    /// Go on from where the last session was interrupted.
    public var resume: Bool {
        get { resumeField ?? false }
        set { resumeField = newValue ? true : nil }
    }
    /// On the wire only when true.
    private var resumeField: Bool?
    public var device: String?
    /// Loudness in dB.
    public var volume: Double?
    /// A folder of cue sounds.
    public var sounds: String?
    /// Single cue sounds, by kind (`end`, `exercise`, ...), as absolute paths.
    public var sound: [String: String]?
    public var voice: Bool?
    /// `espeak`, `flite` or `command`.
    public var voiceEngine: String?
    public var voiceName: String?
    public var voiceRate: Int?
    /// The program the `command` engine runs.
    public var voiceCommand: String?
    /// A folder of recorded lines, as an absolute path.
    public var voicePack: String?
    /// How long the session should last, as for `--length` ("10m", "20 minutes").
    public var length: String?
    /// How much the voice says: full, brief, names or off.
    public var guidance: String?
    /// The language of the voice's own words (`de`, `fr`, ...).
    public var language: String?
    /// Seconds said aloud before each hold ends.
    public var countdown: Int?

    public init(routine: String? = nil, breath: String? = nil, resume: Bool = false, device: String? = nil,
                volume: Double? = nil, sounds: String? = nil, sound: [String: String]? = nil, voice: Bool? = nil,
                voiceEngine: String? = nil, voiceName: String? = nil, voiceRate: Int? = nil, voiceCommand: String? = nil,
                voicePack: String? = nil, length: String? = nil, guidance: String? = nil,
                language: String? = nil, countdown: Int? = nil) {
        self.routine = routine
        self.breath = breath
        self.resumeField = resume ? true : nil
        self.device = device
        self.volume = volume
        self.sounds = sounds
        self.sound = sound
        self.voice = voice
        self.voiceEngine = voiceEngine
        self.voiceName = voiceName
        self.voiceRate = voiceRate
        self.voiceCommand = voiceCommand
        self.voicePack = voicePack
        self.length = length
        self.guidance = guidance
        self.language = language
        self.countdown = countdown
    }

    private enum CodingKeys: String, CodingKey {
        case routine, breath, device, volume, sounds, sound, voice, length, guidance, language, countdown
        case resumeField = "resume"
        case voiceEngine = "voice_engine"
        case voiceName = "voice_name"
        case voiceRate = "voice_rate"
        case voiceCommand = "voice_command"
        case voicePack = "voice_pack"
    }
}
