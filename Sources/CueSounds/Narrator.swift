import Routine
import SampleRate
import Speech
import Timeline

/// Speaks a session's lines through espeak-ng, all of them before the session plays, and
/// trims each clip to where the voice sounds so that it starts right at its cue's frame.
public struct Narrator: Sendable {
    public let voice: String
    public let wordsPerMinute: Int

    public init(voice: String, wordsPerMinute: Int) {
        self.voice = voice
        self.wordsPerMinute = wordsPerMinute
    }

    /// Samples quieter than this (about -60 dBFS) at either end of a clip count as silence.
    static let silence: Float = 0.001

    public func record(_ lines: [String]) throws(SpeechError) -> Recording {
        let synthesizer = try Synthesizer.shared()
        var clips: [String: [Float]] = [:]
        for line in lines where clips[line] == nil {
            clips[line] = Narrator.trimmed(try synthesizer.speak(line, voice: voice, wordsPerMinute: wordsPerMinute))
        }
        return Recording(sampleRate: synthesizer.sampleRate, clips: clips)
    }

    static func trimmed(_ samples: [Float]) -> [Float] {
        guard let first = samples.firstIndex(where: { abs($0) >= silence }),
              let last = samples.lastIndex(where: { abs($0) >= silence }) else { return [] }
        return Array(samples[first...last])
    }
}

/// The spoken lines of a session, at the synthesizer's rate, until they are taken at the
/// session's rate, in 16 bits: each clip at the synthesizer's rate is let go as soon as it is converted, so
/// the two copies of the voice are never held whole at once.
public final class Recording {
    public let sampleRate: Int
    /// How long each line lasts, for the timeline to make room for it.
    public let voice: Voice
    private var clips: [String: [Float]]

    init(sampleRate: Int, clips: [String: [Float]]) {
        self.sampleRate = sampleRate
        self.clips = clips
        voice = Voice(lengths: clips.mapValues { Seconds(Int64($0.count), over: Int64(sampleRate)) })
    }

    /// The clips of `lines`, in that order, converted to `rate` like any cue sound. Once only:
    /// the clips are gone from here afterwards.
    public func take(_ lines: [String], at rate: Int) throws(SampleRateError) -> [[Int16]] {
        var converted: [[Int16]] = []
        converted.reserveCapacity(lines.count)
        for line in lines {
            let clip = clips.removeValue(forKey: line) ?? []
            let samples = try SampleRateConverter.convert(clip, channels: 1, from: sampleRate, to: rate)
            // Back to the synthesizer's own 16 bits, rounded: the mix scales them by 1/32768.
            converted.append(samples.map { Int16(max(-32_768, min(32_767, ($0 * 32_768).rounded()))) })
        }
        clips = [:]
        return converted
    }
}
