import Timeline

/// The decoded sound of every cue kind, mono, at the session's rate, with the level it plays at.
public struct CueBank: Sendable {
    public struct Sound: Sendable {
        public let samples: [Float]
        public let gain: Float
    }

    public let sampleRate: Int
    private let sounds: [Sound]
    /// The longest sound, in frames: how far back a cue can still be sounding.
    public let longest: Int

    /// Breath cues play this much quieter (about -9 dB) than the others, so the routine's
    /// structure stays clear and a structural chime sounds on top when both share a frame.
    public static let breathGain: Float = 0.35

    public init(sampleRate: Int, sounds: [CueKind: [Float]]) {
        self.sampleRate = sampleRate
        self.sounds = CueKind.allCases.map { kind in
            Sound(samples: sounds[kind] ?? [], gain: kind.isBreath ? CueBank.breathGain : 1)
        }
        longest = self.sounds.map(\.samples.count).max() ?? 0
    }

    public subscript(kind: CueKind) -> Sound {
        sounds[kind.ordinal]
    }
}

extension CueKind {
    /// Position in `allCases`, for array lookups that the audio thread can afford.
    var ordinal: Int {
        switch self {
        case .exercise: 0
        case .holdStart: 1
        case .holdEnd: 2
        case .switchSide: 3
        case .repetition: 4
        case .inhale: 5
        case .breathHold: 6
        case .exhale: 7
        case .end: 8
        case .pause: 9
        case .resume: 10
        }
    }
}
