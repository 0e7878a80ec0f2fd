import Config
import CueSounds
import Foundation
import Mixer
import Paths
import Routine
import SampleRate
import Session
import Storage
import Timeline

/// What a session is built from, read from disk: the routine, its spoken lines, its sounds.
extension ResolvedSettings {
    /// The routine file to play, or the default one's path when none is chosen.
    public func routinePath() throws(Failure) -> String {
        let exists = FileManager.default.fileExists(atPath:)
        if let chosen = try routineFile(fileExists: exists) { return chosen }
        guard let bundled = bundledRoutines else { throw .system(Installation.Missing().description) }
        return try ResolvedSettings.find(Installation.defaultRoutineName, in: [bundled], fileExists: exists)
    }

    /// The routine's lines, spoken, before the session starts; nil for chimes only. The
    /// lines a voice pack has are its recordings; the engine says the rest, and when it
    /// cannot, espeak-ng does, and when that cannot either the session has chimes only (or
    /// the recorded lines alone): `notice` hears each step. `progress` hears how far the
    /// speaking has got (0 to 1).
    public func narration(for routine: Routine, notice: (String) -> Void,
                          progress: (Double) -> Void = { _ in }) throws(Failure) -> Recording? {
        guard voice.value, guidance.value != .off else { return nil }
        let lines = try lines(of: routine)
        return try narrator(for: routine, lines: lines, notice: notice).record(lines, notice: notice, progress: progress)
    }

    /// Every line a session of `routine` says, each once, in the words and at the guidance chosen.
    public func lines(of routine: Routine) throws(Failure) -> [String] {
        do {
            return try Timeline.lines(of: routine, settings: timelineSettings(for: routine, sampleRate: Defaults.sampleRate,
                                                                                voice: nil))
        } catch {
            throw .input("\(routine.name): \(error)")
        }
    }

    /// Who says `lines` of `routine`: the voice pack's recordings (`notice` hears how many of
    /// the lines it has, when not all), then the engines, with the cache of what they said before.
    public func narrator(for routine: Routine, lines: [String], notice: (String) -> Void) throws(Failure) -> Narrator {
        var engines = try speechEngines(for: routine)
        let language = phrases(for: routine).language
        if voiceEngine.value == .flite, language != Phrases.english.language {
            notice("flite speaks English only; speaking with espeak-ng in '\(language)' instead")
            engines.removeFirst()
        }
        var recorded: [String: String] = [:]
        if let folder = voicePack.value {
            recorded = try VoicePack.load(folder).recorded().filter { lines.contains($0.key) }
            let wanted = Set(lines).count
            if recorded.count < wanted {
                notice("the voice pack \(folder) has \(recorded.count) of this routine's \(wanted) lines; \(engines[0].name) says the rest")
            }
        }
        return Narrator(engines: engines, recorded: recorded, store: ClipCache())
    }

    /// The engine chosen for `routine`, then espeak-ng in the routine's language to fall back to.
    public func speechEngines(for routine: Routine) throws(Failure) -> [any SpeechEngine] {
        let rate = voiceRate.value
        let voice = speakingVoice(for: routine)
        let fallback = EspeakEngine(voice: fallbackVoice(for: routine), wordsPerMinute: rate)
        switch voiceEngine.value {
        case .espeak:
            return [EspeakEngine(voice: voice, wordsPerMinute: rate)]
        case .flite:
            return [FliteEngine(voice: voice, wordsPerMinute: rate), fallback]
        case .command:
            guard let command = voiceCommand.value else {
                throw .input("the command voice engine needs a voice_command (or --voice-command): a program that reads a line on standard input and writes it spoken, as WAV, on standard output")
            }
            return [CommandEngine(command: command, voice: voice, wordsPerMinute: rate,
                                  timeLimit: Double(voiceTimeout.value)), fallback]
        }
    }

    /// The routine compiled at `sampleRate`, with room for its spoken lines when there are any,
    /// fitted to the length asked for (`notice` hears when the length is out of reach).
    public func compile(_ routine: Routine, sampleRate: Int, narration: Recording?, notice: (String) -> Void) throws(Failure)
        -> Timeline {
        let timeline = try Self.compile(routine, settings: timelineSettings(for: routine, sampleRate: sampleRate,
                                                                            voice: narration?.voice, chimes: try chimes()))
        if let fit = timeline.fit, !fit.reached { notice(TimelineReport.unreached(fit, routine: routine.name)) }
        return timeline
    }

    /// What the timeline of `routine` is compiled with: the choices in force over the routine's own.
    func timelineSettings(for routine: Routine, sampleRate: Int, voice: Voice?, chimes: Chimes = Chimes()) -> Settings {
        Settings(sampleRate: sampleRate, breath: breath.value, voice: voice, length: length.value ?? routine.length,
                 guidance: guidance(for: routine, playedBefore: playedBefore()), countdown: countdown.value, chimes: chimes)
    }

    /// Whether the routine in force was played to its end before, as the history says: what
    /// `--guidance brief` waits for before it leaves the instructions out. Asked only then.
    func playedBefore() -> Bool {
        guard guidance.value == .brief, let path = try? routinePath(), let history = try? HistoryFile().load() else { return false }
        return history.records.contains { $0.path == path && $0.completed }
    }

    /// The chosen routine's timeline and spoken lines, for commands that need no device.
    public func timeline(sampleRate: Int, notice: (String) -> Void,
                         progress: (Double) -> Void = { _ in }) throws(Failure) -> (timeline: Timeline, narration: Recording?) {
        let routine = try RoutineFile.load(try routinePath())
        let narration = try narration(for: routine, notice: notice, progress: progress)
        return (try compile(routine, sampleRate: sampleRate, narration: narration, notice: notice), narration)
    }

    /// The sounds folder in force: the chosen one, or the bundled one.
    public func soundsFolder() throws(Failure) -> String {
        if let folder = sounds.value { return folder }
        return try Self.bundledSounds()
    }

    static func bundledSounds() throws(Failure) -> String {
        do {
            return try Installation.path(Installation.sounds)
        } catch {
            throw .system(error.description)
        }
    }

    /// Where each cue's sound comes from: the sounds chosen, the folder chosen, the bundled ones.
    func library() throws(Failure) -> SoundLibrary {
        if let folder = sounds.value {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw .input("the sounds folder \(folder) does not exist")
            }
        }
        let bundled = try Self.bundledSounds()
        do {
            return try SoundLibrary(bundled: bundled, folder: sounds.value, overrides: sound.mapValues(\.value))
        } catch {
            throw .input(error.description)
        }
    }

    /// How long each chime in force sounds, which a fitted session keeps room for; a bad file
    /// ends the run with one line naming it.
    public func chimes() throws(Failure) -> Chimes {
        let library = try library()
        do {
            return try library.chimes()
        } catch {
            throw .system(error.description)
        }
    }

    /// The cue sounds and the timeline's spoken lines at its rate; a bad file ends the run
    /// with one line naming it.
    public func bank(for timeline: Timeline, narration: Recording?) throws(Failure) -> CueBank {
        let library = try library()
        do {
            let speech = try narration?.take(timeline.lines, at: timeline.sampleRate, folders: Paths().spokenLineFolders)
            return try library.load(sampleRate: timeline.sampleRate, speech: speech ?? HeldLines([]))
        } catch let error as SoundLoadError {
            throw .system(error.description)
        } catch {
            throw .system("cannot convert the spoken lines to \(timeline.sampleRate) Hz: \(error)")
        }
    }

    /// The session's mix at the volume asked for, or as loud as it gets without clipping where
    /// cues overlap, which `notice` then hears: nothing a person sets distorts. A `lossy` file
    /// (Ogg Vorbis) keeps a margin more, since its encoding overshoots the peaks.
    public func mixer(for timeline: Timeline, bank: CueBank, lossy: Bool = false, notice: (String) -> Void) -> Mixer {
        let asked = volume.value
        let margin = lossy ? Defaults.lossyMarginDecibels : 0
        let loudest = (Mixer.loudestVolume(timeline: timeline, bank: bank, margin: margin) * 10).rounded(.down) / 10
        if asked > loudest {
            let kept = lossy ? " (\(margin.formatted(.number.precision(.fractionLength(0...1)))) dB more is kept for the lossy "
                + "encoding, which overshoots)" : ""
            notice("playing at \(loudest.formatted(.number.precision(.fractionLength(0...1)))) dB, not \(asked.formatted(.number.precision(.fractionLength(0...1)))): louder would clip where cues overlap\(kept)")
        }
        return Mixer(timeline: timeline, bank: bank, volumeDecibels: min(asked, loudest))
    }
}
