import Foundation
import SoundFile

/// Finds cues in recorded audio, independently of the program's mixer: by rebuilding the
/// expected signal from the sound files, and by cross-correlating each cue's sound.
struct CueFinder {
    let sounds: [String: [Float]]
    let rate: Int

    /// The levels the program documents: a 6 dB mix headroom, breath cues at 0.35.
    static let headroom: Float = 0.5
    static let breathGain: Float = 0.35
    static let breathKinds: Set<String> = ["inhale", "breath-hold", "exhale"]

    /// Every sound the player makes: the cues, and the chimes of pause and resume.
    static let kinds = ["exercise", "hold-start", "hold-end", "switch-side", "repetition", "inhale", "breath-hold", "exhale", "end",
                        "pause", "resume"]

    init(rate: Int) throws {
        self.rate = rate
        var sounds: [String: [Float]] = [:]
        for kind in CueFinder.kinds {
            let path = Program.root.appendingPathComponent("sounds/\(kind).wav").path
            let (samples, fileRate) = try Program.readMono(path)
            precondition(fileRate == rate, "the finder works at the sounds' own rate")
            sounds[kind] = samples
        }
        self.sounds = sounds
    }

    /// The signal the cue list should produce, summed naively.
    func expected(_ cues: [ShowDocument.Cue], length: Int) -> [Float] {
        var signal = [Float](repeating: 0, count: length)
        for cue in cues {
            let sound = sounds[cue.kind]!
            let gain = Self.headroom * (Self.breathKinds.contains(cue.kind) ? Self.breathGain : 1)
            for (offset, sample) in sound.enumerated() where cue.frame + offset < length {
                signal[cue.frame + offset] += sample * gain
            }
        }
        return signal
    }

    /// Which sound starts at `frame` (within ±`reach`): the one whose start correlates best
    /// with the audio there.
    func kind(near frame: Int, in audio: [Float], reach: Int = 480) -> String {
        CueFinder.kinds.max { score(of: $0, near: frame, in: audio, reach: reach) < score(of: $1, near: frame, in: audio, reach: reach) }!
    }

    /// The best normalized correlation of `kind`'s start with the audio near `frame`.
    func score(of kind: String, near frame: Int, in audio: [Float], reach: Int, window: Int = 2048) -> Float {
        let sound = sounds[kind]!
        let length = min(window, sound.count)
        let soundEnergy = sound[..<length].reduce(0) { $0 + $1 * $1 }.squareRoot()
        var best: Float = -1
        for lag in stride(from: -reach, through: reach, by: 4) {
            let start = frame + lag
            guard start >= 0, start + length <= audio.count else { continue }
            var dot: Float = 0, energy: Float = 0
            for i in 0..<length {
                dot += audio[start + i] * sound[i]
                energy += audio[start + i] * audio[start + i]
            }
            if energy > 0, soundEnergy > 0 { best = max(best, dot / (energy.squareRoot() * soundEnergy)) }
        }
        return best
    }

    /// The lag (in frames, within ±`reach`) at which the start of `kind`'s sound best matches
    /// the audio around `frame`; 0 when the cue sits exactly there.
    func bestLag(of kind: String, near frame: Int, in audio: [Float], reach: Int = 48, window: Int = 1024) -> Int {
        let sound = sounds[kind]!
        let length = min(window, sound.count)
        var best = (lag: Int.min, score: -Float.infinity)
        for lag in -reach...reach {
            guard let (dot, energy) = overlap(of: sound, length: length, at: frame + lag, in: audio) else { continue }
            let score = energy > 0 ? dot / energy.squareRoot() : 0
            if score > best.score { best = (lag, score) }
        }
        return best.lag
    }

    /// Finds `cues` in a recording in order, each by correlation with its own sound near where
    /// the previous one and the schedule say it should be; returns their frames. A cue due at
    /// the same frame as the one before it (a hold's first breath) sounds under that one's
    /// louder chime, where correlation cannot tell it apart: it is taken to be there too.
    func locate(_ cues: [ShowDocument.Cue], in audio: [Float]) -> [Int] {
        guard let first = Onsets.find(in: audio).first else { return [] }
        var found: [Int] = []
        for cue in cues {
            if let previous = found.last, cue.frame == cues[found.count - 1].frame {
                found.append(previous)
                continue
            }
            let expected = found.isEmpty ? first : found.last! + cue.frame - cues[found.count - 1].frame
            found.append(expected + bestLag(of: cue.kind, near: expected, in: audio, reach: 2_400))
        }
        return found
    }

    /// Which of `kinds` starts at `frame` (within ±`reach`), by normalized correlation with the
    /// start of each sound; with the frame where it best starts.
    func identify(near frame: Int, in audio: [Float], among kinds: [String], reach: Int = 480,
                  window: Int = 2048) -> (kind: String, frame: Int) {
        var best = (kind: kinds[0], frame: frame, score: -Float.infinity)
        for kind in kinds {
            let sound = sounds[kind]!
            let length = min(window, sound.count)
            let soundEnergy = sound[0..<length].reduce(0) { $0 + $1 * $1 }
            for lag in -reach...reach {
                guard let (dot, energy) = overlap(of: sound, length: length, at: frame + lag, in: audio) else { continue }
                let score = energy > 0 ? dot / (energy * soundEnergy).squareRoot() : 0
                if score > best.score { best = (kind, frame + lag, score) }
            }
        }
        return (best.kind, best.frame)
    }

    /// The dot product of the start of `sound` with the audio at `start`, and the audio's energy
    /// there; nil when that stretch of audio is not all in the recording.
    private func overlap(of sound: [Float], length: Int, at start: Int, in audio: [Float]) -> (dot: Float, energy: Float)? {
        guard start >= 0, start + length <= audio.count else { return nil }
        var dot: Float = 0, energy: Float = 0
        for i in 0..<length {
            dot += audio[start + i] * sound[i]
            energy += audio[start + i] * audio[start + i]
        }
        return (dot, energy)
    }
}
