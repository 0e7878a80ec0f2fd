import Config
import CueSounds
import Foundation
import Mixer
import Paths
import Routine
import SampleRate
import Session
import Storage
import Speech
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

    /// The routine's lines, spoken, before the session starts; nil for chimes only. When
    /// espeak-ng cannot speak, `notice` hears why and the session has chimes only.
    /// `progress` hears how far the speaking has got (0 to 1).
    public func narration(for routine: Routine, notice: (String) -> Void,
                          progress: (Double) -> Void = { _ in }) throws(Failure) -> Recording? {
        guard voice.value, guidance.value != .off else { return nil }
        let narrator = Narrator(voice: speakingVoice(for: routine), wordsPerMinute: voiceRate.value, store: ClipCache())
        let lines: [String]
        do {
            lines = try Timeline.lines(of: routine, settings: timelineSettings(for: routine, sampleRate: Defaults.sampleRate,
                                                                                 voice: nil))
        } catch {
            throw .input("\(routine.name): \(error)")
        }
        do {
            return try narrator.record(lines, progress: progress)
        } catch {
            let reason = error.isVoiceNotFound
                ? "no voice '\(narrator.voice)' in espeak-ng (try en-us, en, de, fr, es)"
                : "espeak-ng cannot speak (\(error))"
            notice("\(reason); playing chimes only")
            return nil
        }
    }

    /// The routine compiled at `sampleRate`, with room for its spoken lines when there are any,
    /// fitted to the length asked for (`notice` hears when the length is out of reach).
    public func compile(_ routine: Routine, sampleRate: Int, narration: Recording?, notice: (String) -> Void) throws(Failure)
        -> Timeline {
        let timeline = try Self.compile(routine, settings: timelineSettings(for: routine, sampleRate: sampleRate,
                                                                            voice: narration?.voice))
        if let fit = timeline.fit, !fit.reached { notice(TimelineReport.unreached(fit, routine: routine.name)) }
        return timeline
    }

    /// What the timeline of `routine` is compiled with: the choices in force over the routine's own.
    func timelineSettings(for routine: Routine, sampleRate: Int, voice: Voice?) -> Settings {
        Settings(sampleRate: sampleRate, breath: breath.value, voice: voice, length: length.value ?? routine.length,
                 guidance: guidance(for: routine, playedBefore: playedBefore()), countdown: countdown.value)
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

    /// The cue sounds and the timeline's spoken lines at its rate; a bad file ends the run
    /// with one line naming it.
    public func bank(for timeline: Timeline, narration: Recording?) throws(Failure) -> CueBank {
        if let folder = sounds.value {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw .input("the sounds folder \(folder) does not exist")
            }
        }
        let library = SoundLibrary(bundled: try Self.bundledSounds(), folder: sounds.value, overrides: sound.mapValues(\.value))
        do {
            let speech = try narration?.take(timeline.lines, at: timeline.sampleRate) ?? []
            return try library.load(sampleRate: timeline.sampleRate, speech: speech)
        } catch let error as SoundLoadError {
            throw .system(error.description)
        } catch {
            throw .system("cannot convert the spoken lines to \(timeline.sampleRate) Hz: \(error)")
        }
    }

    /// The session's mix at the volume asked for, or as loud as it gets without clipping where
    /// cues overlap, which `notice` then hears: nothing a person sets distorts.
    public func mixer(for timeline: Timeline, bank: CueBank, notice: (String) -> Void) -> Mixer {
        let asked = volume.value
        let loudest = (Mixer.loudestVolume(timeline: timeline, bank: bank) * 10).rounded(.down) / 10
        if asked > loudest {
            notice("playing at \(loudest.formatted(.number.precision(.fractionLength(0...1)))) dB, not \(asked.formatted(.number.precision(.fractionLength(0...1)))): louder would clip where cues overlap")
        }
        return Mixer(timeline: timeline, bank: bank, volumeDecibels: min(asked, loudest))
    }
}
