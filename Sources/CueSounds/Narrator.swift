import Routine
import SampleRate
import SoundFile
import Timeline

/// Speaks a session's lines, all of them before the session plays: the person's own
/// recordings for the lines they recorded, the engine for the rest. A line the engine said
/// before comes from `store`, and the engine is not even started when every line is there.
///
/// When the engine cannot speak, the next of `engines` speaks every line it would have (one
/// voice a session, not a patchwork), and `notice` hears why; when none can, only the
/// recorded lines are said.
public struct Narrator: Sendable {
    /// The chosen engine first, then those to fall back to.
    public let engines: [any SpeechEngine]
    /// A voice pack: the file of each line recorded.
    public let recorded: [String: String]
    public let store: (any ClipStore)?

    public init(engines: [any SpeechEngine], recorded: [String: String] = [:], store: (any ClipStore)? = nil) {
        self.engines = engines
        self.recorded = recorded
        self.store = store
    }

    /// A recording of a line that is longer than this is not a line.
    static let longestRecording = 120.0

    /// Every line of `lines` spoken, or nil when none could be. `progress` hears the fraction
    /// of lines made so far, as they are made.
    public func record(_ lines: [String], notice: (String) -> Void,
                       progress: (Double) -> Void = { _ in }) -> Recording? {
        var unique: [String] = []
        for line in lines where !unique.contains(line) { unique.append(line) }
        var clips: [String: SpokenClip] = [:]
        for line in unique {
            guard let file = recorded[line] else { continue }
            do {
                clips[line] = try Narrator.recording(file)
            } catch {
                notice("\(error); the voice says that line instead")
            }
        }
        let wanted = unique.filter { clips[$0] == nil }
        var made = clips.count
        for (index, engine) in engines.enumerated() where !wanted.isEmpty {
            do {
                let spoken = try speak(wanted, with: engine) { done in
                    progress(Double(made + done) / Double(unique.count))
                }
                clips.merge(spoken) { $1 }
                made = unique.count
                break
            } catch {
                let next = index + 1 < engines.count ? "speaking with \(engines[index + 1].name) instead"
                    : clips.isEmpty ? "playing chimes only" : "only the recorded lines are spoken"
                notice("\(error); \(next)")
            }
        }
        guard !clips.isEmpty else { return nil }
        return Recording(clips: clips)
    }

    /// How many of `lines` the chosen engine would have to speak now: neither recorded nor
    /// kept from before.
    public func unkept(_ lines: [String]) -> Int {
        guard let engine = engines.first else { return 0 }
        return Set(lines).filter { recorded[$0] == nil && store?.clip(for: engine.key($0)) == nil }.count
    }

    /// Every line that is not recorded spoken by the chosen engine and kept, ahead of the
    /// sessions that will say them; its failure, rather than another engine, if it cannot.
    public func prepare(_ lines: [String], progress: (Double) -> Void = { _ in }) throws(VoiceError) {
        guard let engine = engines.first else { return }
        var wanted: [String] = []
        for line in lines where recorded[line] == nil && !wanted.contains(line) { wanted.append(line) }
        _ = try speak(wanted, with: engine) { done in progress(Double(done) / Double(max(1, wanted.count))) }
    }

    /// Every line in `lines` from `engine` (or what it said before), or its first failure.
    func speak(_ lines: [String], with engine: any SpeechEngine,
               progress: (Int) -> Void) throws(VoiceError) -> [String: SpokenClip] {
        var clips: [String: SpokenClip] = [:]
        for line in lines {
            if let kept = store?.clip(for: engine.key(line)) { clips[line] = SpokenClip(kept) }
        }
        for line in lines where clips[line] == nil {
            progress(clips.count)
            let clip = try engine.speak(line)
            clips[line] = clip
            store?.keep(clip.stored, for: engine.key(line))
        }
        return clips
    }

    /// A recorded line, in any format libsndfile reads, its channels averaged, from where the
    /// voice starts to where it ends.
    static func recording(_ path: String) throws(VoiceError) -> SpokenClip {
        func refused(_ reason: String) -> VoiceError { VoiceError("\(path): cannot use this recording: \(reason)") }
        do {
            let file = try SoundFile(readingAt: path)
            guard file.channels > 0, file.sampleRate > 0 else { throw refused("it has no audio channels") }
            guard Double(file.frames) <= longestRecording * Double(file.sampleRate) else {
                throw refused("it lasts more than \(Int(longestRecording)) s; a line should be a sentence or a few")
            }
            let samples = SpeechLevel.trimmedRecording(SoundLibrary.downmix(try file.readAll(), channels: file.channels))
            try file.close()
            guard !samples.isEmpty else { throw refused("it holds no sound") }
            return SpokenClip(sampleRate: file.sampleRate, samples: samples)
        } catch let error as VoiceError {
            throw error
        } catch let error as SoundFileError {
            throw refused(error.message)
        } catch {
            throw refused("\(error)")
        }
    }
}

/// The spoken lines of a session, each at the rate it was made at, until they are taken at
/// the session's rate, in 16 bits: each clip is let go as soon as it is converted, so the two
/// copies of the voice are never held whole at once.
public final class Recording {
    /// How long each line lasts, for the timeline to make room for it.
    public let voice: Voice
    private var clips: [String: SpokenClip]

    init(clips: [String: SpokenClip]) {
        self.clips = clips
        voice = Voice(lengths: clips.mapValues { Seconds(Int64($0.samples.count), over: Int64($0.sampleRate)) })
    }

    /// The clips of `lines`, in that order, at one loudness (`SpeechLevel`) and converted to
    /// `rate` like any cue sound; a line with no clip is silent. Once only: the clips are gone
    /// from here afterwards.
    public func take(_ lines: [String], at rate: Int) throws(SampleRateError) -> [[Int16]] {
        var converted: [[Int16]] = []
        converted.reserveCapacity(lines.count)
        for line in lines {
            guard let clip = clips.removeValue(forKey: line) else {
                converted.append([])
                continue
            }
            let (levelled, gain) = SpeechLevel.levelled(clip.samples, rate: clip.sampleRate)
            let samples = try SampleRateConverter.convert(levelled, channels: 1, from: clip.sampleRate, to: rate)
            // 16 bits, rounded: the mix scales them by 1/32768.
            converted.append(SpeechLevel.sixteenBits(samples, gain: gain, rate: rate))
        }
        clips = [:]
        return converted
    }
}
