import Mixer
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
    /// of lines made so far, as they are made. Only how long each line lasts stays in memory:
    /// its sound is in the store, the voice pack or (when the store cannot keep it) the
    /// recording, until the session's rate is known (`Recording.take`).
    public func record(_ lines: [String], notice: (String) -> Void,
                       progress: (Double) -> Void = { _ in }) -> Recording? {
        var unique: [String] = []
        for line in lines where !unique.contains(line) { unique.append(line) }
        var made: [String: Recording.Line] = [:]
        for line in unique {
            guard let file = recorded[line] else { continue }
            do {
                let clip = try Narrator.recording(file)
                made[line] = Recording.Line(source: .recorded(file), sampleRate: clip.sampleRate, count: clip.samples.count)
            } catch {
                notice("\(error); the voice says that line instead")
            }
        }
        let wanted = unique.filter { made[$0] == nil }
        let done = made.count
        for (index, engine) in engines.enumerated() where !wanted.isEmpty {
            do {
                let spoken = try speak(wanted, with: engine) { count in
                    progress(Double(done + count) / Double(unique.count))
                }
                made.merge(spoken) { $1 }
                break
            } catch {
                let next = index + 1 < engines.count ? "speaking with \(engines[index + 1].name) instead"
                    : made.isEmpty ? "playing chimes only" : "only the recorded lines are spoken"
                notice("\(error); \(next)")
            }
        }
        guard !made.isEmpty else { return nil }
        return Recording(lines: made, store: store)
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

    /// Every line in `lines` from `engine` (or what it said before), or its first failure;
    /// each is kept in the store as it is made, and held only where the store will not keep it.
    func speak(_ lines: [String], with engine: any SpeechEngine,
               progress: (Int) -> Void) throws(VoiceError) -> [String: Recording.Line] {
        var made: [String: Recording.Line] = [:]
        for line in lines {
            let key = engine.key(line)
            if let kept = store?.clip(for: key) {
                made[line] = Recording.Line(source: .kept(key: key, engine: engine), sampleRate: kept.sampleRate,
                                            count: kept.samples.count)
                // Reading back hundreds of kept lines takes a while too.
                progress(made.count)
            }
        }
        for line in lines where made[line] == nil {
            progress(made.count)
            let key = engine.key(line)
            let clip = try engine.speak(line).stored
            let source: Recording.Source = store?.keep(clip, for: key) == true ? .kept(key: key, engine: engine) : .held(clip)
            made[line] = Recording.Line(source: source, sampleRate: clip.sampleRate, count: clip.samples.count)
        }
        return made
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

/// The spoken lines of a session, each at the rate it was made at, until they are taken at the
/// session's rate: where each line's sound is, and how long it lasts. A line's sound is
/// brought into memory only while it is converted, so the voice of a long routine never is
/// whole in memory, at either rate.
public final class Recording {
    /// Where a line's sound is.
    enum Source {
        /// Here: the store could not keep it.
        case held(StoredClip)
        /// In the store, made by `engine`, which says it again should the store have lost it
        /// meanwhile (another session may trim the cache).
        case kept(key: String, engine: any SpeechEngine)
        /// A recording of the voice pack.
        case recorded(String)
    }

    struct Line {
        let source: Source
        let sampleRate: Int
        let count: Int
    }

    /// How long each line lasts, for the timeline to make room for it.
    public let voice: Voice
    private var lines: [String: Line]
    private let store: (any ClipStore)?

    init(lines: [String: Line], store: (any ClipStore)?) {
        self.lines = lines
        self.store = store
        voice = Voice(lengths: lines.mapValues { Seconds(Int64($0.count), over: Int64($0.sampleRate)) })
    }

    /// The clips of `lines`, in that order, at one loudness (`SpeechLevel`) and converted to
    /// `rate` like any cue sound, in an unnamed file in the first of `folders` that takes one
    /// (`MappedLines`), else in memory; a line with no clip is silent. Once only: the lines are
    /// gone from here afterwards.
    public func take(_ lines: [String], at rate: Int, folders: [String] = []) throws(SampleRateError) -> any SpokenLines {
        let writer = MappedLines.Writer(folders: folders)
        for text in lines {
            guard let line = self.lines.removeValue(forKey: text) else {
                writer.append([])
                continue
            }
            let clip = sound(of: line, text: text)
            let (levelled, gain) = SpeechLevel.levelled(clip.samples, rate: clip.sampleRate)
            let samples = try SampleRateConverter.convert(levelled, channels: 1, from: clip.sampleRate, to: rate)
            // 16 bits, rounded: the mix scales them by 1/32768.
            writer.append(SpeechLevel.sixteenBits(samples, gain: gain, rate: rate))
        }
        self.lines = [:]
        return writer.finish()
    }

    /// The line's sound, as long as the timeline made room for: should the store or the pack
    /// have lost it or changed meanwhile, said again (or silence) and fitted to that length.
    private func sound(of line: Line, text: String) -> SpokenClip {
        var clip: SpokenClip? = switch line.source {
        case .held(let stored): SpokenClip(stored)
        case .kept(let key, let engine): store?.clip(for: key).map(SpokenClip.init) ?? (try? engine.speak(text).stored).map(SpokenClip.init)
        case .recorded(let path): try? Narrator.recording(path)
        }
        if clip?.sampleRate != line.sampleRate { clip = nil }
        var samples = clip?.samples ?? []
        if samples.count != line.count {
            samples = Array(samples.prefix(line.count)) + Array(repeating: 0, count: max(0, line.count - samples.count))
        }
        return SpokenClip(sampleRate: line.sampleRate, samples: samples)
    }
}
