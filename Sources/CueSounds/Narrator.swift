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

/// The spoken lines of a session, at the synthesizer's rate.
public struct Recording: Sendable {
    public let sampleRate: Int
    public let clips: [String: [Float]]

    /// How long each line lasts, for the timeline to make room for it.
    public var voice: Voice {
        Voice(lengths: clips.mapValues { Seconds(Int64($0.count), over: Int64(sampleRate)) })
    }

    /// The clips of `lines`, in that order, converted to `rate` like any cue sound.
    public func clips(for lines: [String], at rate: Int) throws(SampleRateError) -> [[Float]] {
        var converted: [[Float]] = []
        for line in lines {
            converted.append(try SampleRateConverter.convert(clips[line] ?? [], channels: 1, from: sampleRate, to: rate))
        }
        return converted
    }
}
