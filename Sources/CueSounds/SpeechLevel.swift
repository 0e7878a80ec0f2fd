import Foundation

/// How loud a spoken line plays, whatever made it: each clip is brought to one loudness, its
/// peaks held under a ceiling, and its ends faded, so that every voice sits against the
/// chimes as espeak-ng's does and no clip starts or stops with a click. Pure: no I/O.
///
/// Loudness is the RMS over the clip's voiced parts: blocks of 20 ms within 30 dB of the
/// loudest block, so that the pauses between words (digital silence from a synthesizer, room
/// noise in a recording) do not count.
public enum SpeechLevel {
    /// The loudness every clip is brought to, in dBFS before the mix's speech gain: espeak-ng's
    /// own at its default voice and rate (the bundled routine's lines measure -22.0 to -19.6,
    /// median -20.2), so espeak-ng's balance with the chimes is what it always was.
    public static let target = -20.0
    /// The loudest a clip's samples may get, in dBFS: espeak-ng's loudest line peaks at
    /// -1.2, so the mix's headroom holds for any voice as it does for espeak-ng's.
    public static let ceiling = -1.0

    /// Faded in over this long, so that a clip cut where a recording's noise floor ends
    /// starts smoothly.
    public static let fadeIn = 0.005
    /// Faded out over this long.
    public static let fadeOut = 0.015

    /// Synthesized speech: samples quieter than this (about -60 dBFS) at either end are silence.
    public static let silence: Float = 0.001
    /// A recording: samples quieter than this far under its peak at either end are its room.
    public static let recordingFloor = -40.0

    static let block = 0.02
    static let gate = -30.0

    /// The clip at `target` loudness, its peaks under `ceiling`, its ends faded.
    public static func matched(_ samples: [Float], rate: Int) -> [Float] {
        let (levelled, gain) = self.levelled(samples, rate: rate)
        return faded(levelled.map { $0 * gain }, rate: rate)
    }

    /// The clip, and the gain that brings it to `target`. Most clips stay under `ceiling` at
    /// that gain and come back untouched, for the gain to be applied as they are converted
    /// anyway; one that would not has its peaks held, which takes a little loudness away that
    /// a second and third pass give back, and comes back at its level with a gain of 1.
    public static func levelled(_ samples: [Float], rate: Int) -> (samples: [Float], gain: Float) {
        guard let loudness = loudness(of: samples, rate: rate) else { return (samples, 1) }
        let gain = Float(pow(10, (target - loudness) / 20))
        let peak = samples.withUnsafeBufferPointer { $0.reduce(0) { max($0, abs($1)) } }
        guard peak * gain > Float(pow(10, ceiling / 20)) else { return (samples, gain) }
        var result = samples.map { $0 * gain }
        for _ in 0..<3 {
            result = limited(result, rate: rate)
            guard let now = self.loudness(of: result, rate: rate), abs(now - target) > 0.05 else { break }
            let more = Float(pow(10, (target - now) / 20))
            result.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { buffer[index] *= more }
            }
        }
        return (limited(result, rate: rate), 1)
    }

    /// 16-bit samples for the mix: `samples` at `gain`, faded at both ends, rounded. One pass,
    /// after the conversion to the session's rate.
    public static func sixteenBits(_ samples: [Float], gain: Float, rate: Int) -> [Int16] {
        let rising = min(samples.count, Int(Double(rate) * fadeIn))
        let falling = min(samples.count, Int(Double(rate) * fadeOut))
        var result = [Int16](repeating: 0, count: samples.count)
        result.withUnsafeMutableBufferPointer { out in
            samples.withUnsafeBufferPointer { floats in
                for index in floats.indices {
                    var level = gain
                    if index < rising { level *= Float(index) / Float(rising) }
                    let fromEnd = floats.count - 1 - index
                    if fromEnd < falling { level *= Float(fromEnd) / Float(falling) }
                    out[index] = Int16(max(-32_768, min(32_767, (floats[index] * level * 32_768).rounded())))
                }
            }
        }
        return result
    }

    /// The voiced loudness in dBFS; nil for a clip with no sound at all.
    public static func loudness(of samples: [Float], rate: Int) -> Double? {
        let size = max(1, Int(Double(rate) * block))
        var powers: [Double] = []
        powers.reserveCapacity(samples.count / size + 1)
        samples.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(buffer.count, start + size)
                var sum = 0.0
                for index in start..<end { sum += Double(buffer[index]) * Double(buffer[index]) }
                powers.append(sum / Double(end - start))
                start = end
            }
        }
        guard let loudest = powers.max(), loudest > 0 else { return nil }
        let floor = loudest * pow(10, gate / 10)
        var voiced = 0.0, count = 0
        for power in powers where power >= floor {
            voiced += power
            count += 1
        }
        return 10 * log10(voiced / Double(count))
    }

    /// Peaks over `ceiling` brought down to it by a gain that never steps: the least gain any
    /// sample within 2 ms needs, averaged over 2 ms. The average over a span never exceeds
    /// the least of what its samples need, so no sample ends over the ceiling; the rest of
    /// the clip is left as it was.
    public static func limited(_ samples: [Float], rate: Int) -> [Float] {
        let ceiling = Float(pow(10, Self.ceiling / 20))
        let over = samples.withUnsafeBufferPointer { buffer in buffer.contains { abs($0) > ceiling } }
        guard over else { return samples }
        let needed = samples.map { min(1, ceiling / max(abs($0), .leastNonzeroMagnitude)) }
        let half = max(1, rate / 1000)
        var least = [Float](repeating: 1, count: samples.count)
        for index in needed.indices where needed[index] < 1 {
            for near in max(0, index - 2 * half)...min(samples.count - 1, index + 2 * half) {
                least[near] = min(least[near], needed[index])
            }
        }
        var result = samples
        var sum = least[0..<min(samples.count, half + 1)].reduce(0, +)
        for index in samples.indices {
            let low = index - half, high = index + half
            let count = min(samples.count - 1, high) - max(0, low) + 1
            result[index] = samples[index] * min(needed[index], sum / Float(count))
            if low >= 0 { sum -= least[low] }
            if high + 1 < samples.count { sum += least[high + 1] }
        }
        return result
    }

    /// The first `fadeIn` rising from nothing, the last `fadeOut` falling to it.
    public static func faded(_ samples: [Float], rate: Int) -> [Float] {
        var result = samples
        let rising = min(samples.count, Int(Double(rate) * fadeIn))
        let falling = min(samples.count, Int(Double(rate) * fadeOut))
        result.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<rising { buffer[index] *= Float(index) / Float(rising) }
            for step in 0..<falling { buffer[buffer.count - 1 - step] *= Float(step) / Float(falling) }
        }
        return result
    }

    /// A synthesizer's clip from its first sound to its last.
    public static func trimmed(_ samples: [Float]) -> [Float] {
        trimmed(samples, below: silence)
    }

    /// A recording from where the voice starts to where it ends: its room, however noisy,
    /// stays under `recordingFloor` from its peak.
    public static func trimmedRecording(_ samples: [Float]) -> [Float] {
        let peak = samples.reduce(0) { max($0, abs($1)) }
        return trimmed(samples, below: max(silence, peak * Float(pow(10, recordingFloor / 20))))
    }

    static func trimmed(_ samples: [Float], below floor: Float) -> [Float] {
        guard let first = samples.firstIndex(where: { abs($0) >= floor }),
              let last = samples.lastIndex(where: { abs($0) >= floor }) else { return [] }
        return Array(samples[first...last])
    }
}
