import Foundation
import Timeline

extension Mixer {
    /// The loudest the mix can get, before the limiter: the peaks of the sounds that ring at
    /// once, added up, at this mixer's gain. At 1 or under, nothing clips whatever the sounds.
    public var peakBound: Float {
        Mixer.peakBound(timeline: timeline, bank: bank) * gain
    }

    /// The same at a gain of 1: what the session's cues can add up to where they overlap,
    /// block by block (each sound's loudest sample in each of its blocks, added into every
    /// block of the session it touches), so a bound that is close yet never low.
    public static func peakBound(timeline: Timeline, bank: CueBank) -> Float {
        let block = CueBank.block
        let end = timeline.cues.map { $0.frame + bank.length(of: $0) }.max() ?? 0
        var levels = [Float](repeating: 0, count: end / block + 2)
        for cue in timeline.cues {
            let envelope = bank.envelope(of: cue)
            let first = cue.frame / block
            let aligned = cue.frame % block == 0
            // Unless the cue starts on a block, each block of the session it touches holds the
            // end of one block of the sound and the start of the next: the louder of the two.
            for index in 0..<(envelope.count + (aligned ? 0 : 1)) {
                let here = index < envelope.count ? envelope[index] : 0
                let before = !aligned && index > 0 ? envelope[index - 1] : 0
                levels[first + index] += max(here, before)
            }
        }
        return levels.max() ?? 0
    }

    /// The most a person may turn this session up, in dB, before overlapping cues would clip,
    /// less `margin` dB (what a lossy encoding needs kept free).
    public static func loudestVolume(timeline: Timeline, bank: CueBank, margin: Double = 0) -> Double {
        let bound = peakBound(timeline: timeline, bank: bank) * headroom
        guard bound > 0 else { return .infinity }
        return 20 * log10(1 / Double(bound)) - margin
    }
}
