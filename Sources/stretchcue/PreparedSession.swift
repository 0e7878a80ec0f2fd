import ALSA
import Foundation
import Mixer
import Player
import Routine
import Timeline

/// Everything a session needs before its first frame plays: the routine compiled at the rate
/// the device granted, the sounds decoded, the device open, and where to start. `play` and
/// `serve` both begin a session through here.
struct PreparedSession {
    let player: Player
    let timeline: Timeline
    let place: SavedPlace
    let device: String
    let format: OutputFormat

    /// `notice` hears what the person should know before it starts: a changed routine on
    /// resume, a voice that cannot speak.
    init(settings: EffectiveSettings, resume: Bool, notice: (String) -> Void) throws {
        var settings = settings
        var saved: SavedPlace?
        if resume {
            let place = try PreparedSession.savedPlace(settings: settings)
            var choices = settings.commandLine
            choices.routine = place.routine
            if choices.breath == nil, let text = place.breath { choices.breath = try? BreathPattern(parsing: text) }
            settings = EffectiveSettings(commandLine: choices, file: settings.file, filePath: settings.filePath)
            saved = place
        }
        let (routine, routinePath, chosen) = try settings.loadRoutine()
        let narration = try settings.narration(for: routine, notice: notice)
        let device = settings.device.value
        LibraryErrors.silence()
        let output: AudioOutput
        do {
            output = try AudioOutput(device: device)
        } catch {
            throw Failure.cannotOpen(device, error)
        }
        do {
            let rate = output.format.rate
            let timeline = try settings.compile(routine, sampleRate: rate, narration: narration)
            let fingerprint = SavedPlace.fingerprint(of: routinePath)
            var startFrame = 0
            if let saved {
                let index = min(saved.exercise, routine.exercises.count - 1)
                if saved.fingerprint != fingerprint {
                    notice("stretchcue: the routine changed since it was interrupted; starting exercise \(index + 1) " +
                           "(\(routine.exercises[index].name)) from its beginning")
                }
                startFrame = timeline.exercises[index].startFrame
            }
            let mixer = Mixer(timeline: timeline, bank: try settings.bank(for: timeline, narration: narration),
                              volumeDecibels: settings.volume.value)
            player = Player(output: output, mixer: mixer, from: startFrame)
            self.timeline = timeline
            place = SavedPlace(routine: chosen, fingerprint: fingerprint, exercise: 0, exerciseName: "",
                               breath: settings.breath.value?.description, savedAt: Date())
            self.device = device
            format = output.format
        } catch {
            output.close()
            throw error
        }
    }

    /// The interrupted session's place, if it can still be picked up with these settings.
    private static func savedPlace(settings: EffectiveSettings) throws -> SavedPlace {
        guard let place = try SavedPlace.load() else {
            throw Failure.input("stretchcue: nothing to resume: no interrupted session is saved at \(SavedPlace.path)")
        }
        if settings.commandLine.routine != nil, let given = try settings.routineFile(), given != place.routine {
            throw Failure.input("stretchcue: --resume goes on with \(place.routine ?? "the bundled routine"); leave out '\(given)'")
        }
        if let path = place.routine, !FileManager.default.fileExists(atPath: path) {
            throw Failure.input("stretchcue: cannot resume: the routine \(path) no longer exists")
        }
        return place
    }
}
