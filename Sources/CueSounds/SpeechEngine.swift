/// A way of turning a line into speech: espeak-ng, flite, or a program of the person's own.
/// Every engine hands back the same thing, a mono clip at a rate of its own, trimmed to
/// where its voice sounds; the level, the fades and the rate of the session come after.
public protocol SpeechEngine: Sendable {
    /// The engine as a person reads it in a notice: "espeak-ng", "flite", "the voice command 'piper ...'".
    var name: String { get }
    /// Everything but the words that changes how a line sounds (the engine, its version, the
    /// voice, the rate): what a clip is kept under, with the line.
    var identity: String { get }
    /// The line spoken; slow, so never on the audio thread.
    func speak(_ line: String) throws(VoiceError) -> SpokenClip
}

extension SpeechEngine {
    /// What a clip of `line` is kept under.
    func key(_ line: String) -> String {
        identity + "\n" + line
    }
}

/// A spoken line: mono samples scaled to -1...1, at the rate they were made at.
public struct SpokenClip: Sendable, Equatable {
    public let sampleRate: Int
    public let samples: [Float]

    public init(sampleRate: Int, samples: [Float]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// As the cache keeps it: 16 bits, the synthesizers' own resolution.
    init(_ stored: StoredClip) {
        var samples = [Float](repeating: 0, count: stored.samples.count)
        samples.withUnsafeMutableBufferPointer { out in
            stored.samples.withUnsafeBufferPointer { kept in
                for index in kept.indices { out[index] = Float(kept[index]) / 32_768 }
            }
        }
        self.init(sampleRate: stored.sampleRate, samples: samples)
    }

    var stored: StoredClip {
        StoredClip(sampleRate: sampleRate, samples: SpokenClip.sixteenBits(samples))
    }

    /// Samples scaled to -1...1 as 16-bit ones, rounded, the loudest held at full scale.
    static func sixteenBits(_ samples: [Float]) -> [Int16] {
        var result = [Int16](repeating: 0, count: samples.count)
        result.withUnsafeMutableBufferPointer { out in
            samples.withUnsafeBufferPointer { floats in
                for index in floats.indices { out[index] = Int16(max(-32_768, min(32_767, (floats[index] * 32_768).rounded()))) }
            }
        }
        return result
    }
}

/// Why an engine cannot speak, in words that follow its name: one line, ready for a notice.
public struct VoiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
