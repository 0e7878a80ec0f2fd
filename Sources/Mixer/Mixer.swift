import Foundation
import Timeline

/// Adds up the cues of a timeline over any range of frames: the one routine that serves
/// playback, rendering to a file and tests, so that what is rendered is what is heard.
///
/// `render` only reads immutable values and writes the caller's buffer: it never allocates,
/// locks or waits, so the audio thread may call it.
public struct Mixer: Sendable {
    public let timeline: Timeline
    public let bank: CueBank
    /// Linear gain on the sum, with headroom so that overlapping cues do not clip.
    public let gain: Float
    /// Where the sound ends: the session's length, or later if the last cue rings past it.
    /// Worked out once here, so the audio thread only reads it.
    public let endFrame: Int

    /// The mix bus sits 6 dB down: two full-level cues on the same frame still fit.
    public static let headroom: Float = 0.5

    public init(timeline: Timeline, bank: CueBank, volumeDecibels: Double = 0) {
        self.init(timeline: timeline, bank: bank, gain: Mixer.headroom * Float(pow(10, volumeDecibels / 20)))
    }

    /// Another timeline with the same sounds and level, as after a tempo change.
    public init(timeline: Timeline, bank: CueBank, gain: Float) {
        precondition(timeline.sampleRate == bank.sampleRate, "cue sounds must be at the timeline's rate")
        precondition(timeline.lines.count == bank.spokenLines, "every spoken line needs its clip")
        self.timeline = timeline
        self.bank = bank
        self.gain = gain
        let lastSound = timeline.cues.map { $0.frame + bank.length(of: $0) }.max() ?? 0
        endFrame = max(timeline.durationFrames, lastSound)
    }

    /// Mixes frames `start ..< start + buffer.count / channels` into `buffer`, interleaved,
    /// the same signal on every channel. Frames past the end are silence.
    public func render(from start: Int, into buffer: UnsafeMutableBufferPointer<Float>, channels: Int) {
        let frames = buffer.count / channels
        guard frames > 0 else { return }
        buffer.update(repeating: 0)
        let end = start + frames
        let cues = timeline.cues
        var index = timeline.firstCue(from: start - bank.longest)
        while index < cues.count, cues[index].frame < end {
            let cue = cues[index]
            index += 1
            let from = max(start, cue.frame)
            let until = min(end, cue.frame + bank.length(of: cue))
            guard from < until else { continue }
            if cue.kind == .speech, let line = cue.line {
                let clip = bank.clip(line)
                add(clip.samples, level: clip.gain * gain, at: cue.frame, from: from, until: until, start: start,
                    into: buffer, channels: channels)
            } else {
                let sound = bank[cue.kind]
                sound.samples.withUnsafeBufferPointer { samples in
                    add(samples, level: sound.gain * gain, at: cue.frame, from: from, until: until, start: start,
                        into: buffer, channels: channels)
                }
            }
        }
        // A hard limit only as a last guard: with the headroom above it does not engage for
        // two cues at full level, and three seldom line up.
        var out = 0
        for _ in 0..<frames {
            let value = min(1, max(-1, buffer[out]))
            for channel in 0..<channels { buffer[out + channel] = value }
            out += channels
        }
    }

    /// Adds frames `from..<until` of a sound that starts at `frame` into the first channel of
    /// `buffer` (which starts at `start`); the channels are filled in afterwards.
    @inline(__always)
    private func add<Sample: MixSample>(_ samples: UnsafeBufferPointer<Sample>, level: Float, at frame: Int, from: Int,
                                        until: Int, start: Int, into buffer: UnsafeMutableBufferPointer<Float>,
                                        channels: Int) {
        var out = (from - start) * channels
        for index in from..<until {
            buffer[out] += samples[index - frame].value * level
            out += channels
        }
    }

    /// The spoken lines that stop sounding within `frames` have been mixed: their memory may
    /// go (`SpokenLines.release`) until they are mixed again. Whoever mixes a session in order
    /// says so as it goes; mixing a line again after this is still right, only slower.
    public func mixed(through frames: Range<Int>) {
        guard !frames.isEmpty else { return }
        let cues = timeline.cues
        var index = timeline.firstCue(from: frames.lowerBound - bank.longest)
        while index < cues.count, cues[index].frame < frames.upperBound {
            let cue = cues[index]
            index += 1
            guard cue.kind == .speech, let line = cue.line else { continue }
            let length = bank.length(of: cue)
            if length > 0, frames.contains(cue.frame + length - 1) { bank.lines.release(line) }
        }
    }
}

/// A stored sample as the mix adds it: chimes as floats, spoken lines in 16 bits.
protocol MixSample {
    var value: Float { get }
}

extension Float: MixSample {
    var value: Float { self }
}

extension Int16: MixSample {
    var value: Float { Float(self) }
}
