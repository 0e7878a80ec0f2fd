/// What `ctl start` (or `play`, through a waiting player) asks for: the routine and how to
/// play it. Every field is optional: what is left out comes from the player's config file,
/// then the defaults. Values are checked by the player, which answers with what is wrong.
public struct StartOptions: Codable, Sendable, Equatable {
    /// A routine file (an absolute path) or a name in the routines folder.
    public var routine: String?
    /// A breathing pattern, as for `--breath`.
    public var breath: String?
    /// Go on from where the last session was interrupted.
    public var resume: Bool
    public var device: String?
    /// Loudness in dB.
    public var volume: Double?
    /// A folder of cue sounds.
    public var sounds: String?
    /// Single cue sounds, by kind (`end`, `exercise`, ...), as absolute paths.
    public var sound: [String: String]?
    public var voice: Bool?
    public var voiceName: String?
    public var voiceRate: Int?

    public init(routine: String? = nil, breath: String? = nil, resume: Bool = false, device: String? = nil,
                volume: Double? = nil, sounds: String? = nil, sound: [String: String]? = nil, voice: Bool? = nil,
                voiceName: String? = nil, voiceRate: Int? = nil) {
        self.routine = routine
        self.breath = breath
        self.resume = resume
        self.device = device
        self.volume = volume
        self.sounds = sounds
        self.sound = sound
        self.voice = voice
        self.voiceName = voiceName
        self.voiceRate = voiceRate
    }

    private enum CodingKeys: String, CodingKey {
        case routine, breath, resume, device, volume, sounds, sound, voice
        case voiceName = "voice_name"
        case voiceRate = "voice_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        routine = try container.decodeIfPresent(String.self, forKey: .routine)
        breath = try container.decodeIfPresent(String.self, forKey: .breath)
        resume = try container.decodeIfPresent(Bool.self, forKey: .resume) ?? false
        device = try container.decodeIfPresent(String.self, forKey: .device)
        volume = try container.decodeIfPresent(Double.self, forKey: .volume)
        sounds = try container.decodeIfPresent(String.self, forKey: .sounds)
        sound = try container.decodeIfPresent([String: String].self, forKey: .sound)
        voice = try container.decodeIfPresent(Bool.self, forKey: .voice)
        voiceName = try container.decodeIfPresent(String.self, forKey: .voiceName)
        voiceRate = try container.decodeIfPresent(Int.self, forKey: .voiceRate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(routine, forKey: .routine)
        try container.encodeIfPresent(breath, forKey: .breath)
        if resume { try container.encode(resume, forKey: .resume) }
        try container.encodeIfPresent(device, forKey: .device)
        try container.encodeIfPresent(volume, forKey: .volume)
        try container.encodeIfPresent(sounds, forKey: .sounds)
        try container.encodeIfPresent(sound, forKey: .sound)
        try container.encodeIfPresent(voice, forKey: .voice)
        try container.encodeIfPresent(voiceName, forKey: .voiceName)
        try container.encodeIfPresent(voiceRate, forKey: .voiceRate)
    }
}
