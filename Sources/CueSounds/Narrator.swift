import Routine
import SampleRate
import Speech
import Timeline

/// Speaks a session's lines through espeak-ng, all of them before the session plays, and
/// trims each clip to where the voice sounds so that it starts right at its cue's frame. A
/// line said before comes from `store` when there is one, and espeak-ng is not even started
/// when every line is there.
public struct Narrator: Sendable {
    public let voice: String
    public let wordsPerMinute: Int
    public let store: (any ClipStore)?

    public init(voice: String, wordsPerMinute: Int, store: (any ClipStore)? = nil) {
        self.voice = voice
        self.wordsPerMinute = wordsPerMinute
        self.store = store
    }

    /// Samples quieter than this (about -60 dBFS) at either end of a clip count as silence.
    static let silence: Float = 0.001

    /// What a clip is kept under: everything that changes how it sounds.
    func key(_ line: String) -> String {
        "espeak-ng \(Synthesizer.version)\n\(voice)\n\(wordsPerMinute)\n\(line)"
    }

    /// `progress` hears the fraction of lines made so far, as espeak-ng speaks them.
    public func record(_ lines: [String], progress: (Double) -> Void = { _ in }) throws(SpeechError) -> Recording {
        var unique: [String] = []
        for line in lines where !unique.contains(line) { unique.append(line) }
        var kept: [String: StoredClip] = [:]
        if let store {
            for line in unique { kept[line] = store.clip(for: key(line)) }
        }
        let rates = Set(kept.values.map(\.sampleRate))
        if kept.count == unique.count, rates.count <= 1 {
            return Recording(sampleRate: rates.first ?? Recording.anyRate, clips: kept.mapValues(Narrator.floats))
        }
        let speaker = try Synthesizer.shared()
        var clips: [String: [Float]] = [:]
        for (index, line) in unique.enumerated() {
            progress(Double(index) / Double(unique.count))
            if let clip = kept[line], clip.sampleRate == speaker.sampleRate {
                clips[line] = Narrator.floats(clip)
                continue
            }
            let clip = Narrator.trimmed(try speaker.speak(line, voice: voice, wordsPerMinute: wordsPerMinute))
            clips[line] = clip
            // espeak-ng speaks in 16 bits, so the clip is kept exactly.
            store?.keep(StoredClip(sampleRate: speaker.sampleRate, samples: clip.map { Int16($0 * 32_768) }), for: key(line))
        }
        return Recording(sampleRate: speaker.sampleRate, clips: clips)
    }

    static func floats(_ clip: StoredClip) -> [Float] {
        clip.samples.map { Float($0) / 32_768 }
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
    /// The rate of a recording with no lines; nothing is converted from it.
    static let anyRate = 22_050

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
