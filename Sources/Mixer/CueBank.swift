import Timeline

/// The decoded sound of every cue kind and every spoken line, mono, at the session's rate,
/// with the level it plays at.
public struct CueBank: Sendable {
    public struct Sound: Sendable {
        public let samples: [Float]
        public let gain: Float
        /// The loudest sample of each block of `CueBank.block` frames, at that gain.
        public let envelope: [Float]

        init(samples: [Float], gain: Float) {
            self.samples = samples
            self.gain = gain
            envelope = CueBank.envelope(of: samples) { abs($0) * gain }
        }
    }

    /// A spoken line, in 16 bits as the synthesizer makes it: half the memory of floats, which
    /// counts when a routine says many lines. `gain` includes the step of 1/32768.
    public struct Clip: @unchecked Sendable {
        /// Where `SpokenLines` keeps the line: valid while the bank lives, read-only.
        public let samples: UnsafeBufferPointer<Int16>
        public let gain: Float
        /// The loudest sample of each block of `CueBank.block` frames, at that gain.
        public let envelope: [Float]
    }

    public let sampleRate: Int
    private let sounds: [Sound]
    /// The spoken lines, in the order of the timeline's `lines`.
    private let speech: [Clip]
    /// What keeps the spoken lines' samples, for as long as the bank is used.
    public let lines: any SpokenLines
    /// The longest sound, spoken lines included, in frames: how far back a cue can still be sounding.
    public let longest: Int

    /// Breath cues play this much quieter (about -9 dB) than the others, so the routine's
    /// structure stays clear and a structural chime sounds on top when both share a frame.
    public static let breathGain: Float = 0.35

    /// Speech plays at this level (+3.5 dB). espeak-ng's voice has sharp peaks over a low
    /// average, so at this gain its average over the words sits about 4 dB under a chime's over
    /// its strike while its peaks reach about 5 dB over the chimes' peaks; then neither covers
    /// the other, and two cues at full level still fit the mix headroom.
    public static let speechGain: Float = 1.5

    public init(sampleRate: Int, sounds: [CueKind: [Float]], speech: [[Int16]] = []) {
        self.init(sampleRate: sampleRate, sounds: sounds, lines: HeldLines(speech))
    }

    /// Each line's envelope is read here once, after which its memory is let go: a bank of
    /// mapped lines holds none of them until they play.
    public init(sampleRate: Int, sounds: [CueKind: [Float]], lines: any SpokenLines) {
        self.sampleRate = sampleRate
        self.sounds = CueKind.allCases.map { kind in
            Sound(samples: sounds[kind] ?? [], gain: kind.isBreath ? CueBank.breathGain : 1)
        }
        let gain = CueBank.speechGain / 32768
        speech = (0..<lines.count).map { index in
            let samples = lines.samples(index)
            defer { lines.release(index) }
            return Clip(samples: samples, gain: gain,
                        envelope: CueBank.envelope(of: samples) { Float(Int32($0).magnitude) * gain })
        }
        self.lines = lines
        longest = max(self.sounds.map(\.samples.count).max() ?? 0, speech.map(\.samples.count).max() ?? 0)
    }

    public subscript(kind: CueKind) -> Sound {
        sounds[kind.ordinal]
    }

    /// The spoken line of a speech cue.
    public func clip(_ line: Int) -> Clip {
        speech[line]
    }

    /// How loud a cue's sound gets, block by block, at the level it plays at.
    public func envelope(of cue: Cue) -> [Float] {
        if cue.kind == .speech, let line = cue.line { speech[line].envelope } else { sounds[cue.kind.ordinal].envelope }
    }

    /// Frames a level of an envelope stands for.
    public static let block = 1024

    static func envelope<Samples: RandomAccessCollection>(of samples: Samples, level: (Samples.Element) -> Float) -> [Float]
        where Samples.Index == Int {
        stride(from: 0, to: samples.count, by: block).map { start in
            samples[start..<min(samples.count, start + block)].reduce(0) { max($0, level($1)) }
        }
    }

    /// How many frames a cue sounds for.
    public func length(of cue: Cue) -> Int {
        if cue.kind == .speech, let line = cue.line { speech[line].samples.count } else { sounds[cue.kind.ordinal].samples.count }
    }

    public var spokenLines: Int { speech.count }
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
        case .speech: 11
        }
    }
}
