import ALSA
import Foundation
import Mixer
import Player
import Routine
import Session
import Storage
import Timeline

/// Everything a session needs before its first frame plays: the routine compiled at the rate
/// the device granted, the sounds decoded, the device open, where to start and what to save.
/// `play` and `serve` both begin a session through here.
public struct PreparedSession {
    public let player: Player
    public let timeline: Timeline
    /// What the controller saves as the session goes.
    public let place: SavedPlace
    public let device: String
    public let format: OutputFormat

    /// `notice` hears what the person should know before it starts: where a resumed session
    /// picks up, a voice that cannot speak.
    public init(settings: ResolvedSettings, resume: Bool, store: any PlaceStore, notice: (String) -> Void) throws(Failure) {
        var settings = settings
        var saved: SavedPlace?
        if resume {
            let requested = try settings.commandLine.routine == nil ? nil : settings.routinePath().chosen
            let place = try ResumePlan.routine(of: try store.load(), requested: requested, location: store.location,
                                               fileExists: FileManager.default.fileExists(atPath:))
            settings = settings.with { choices in
                choices.routine = place.routine
                if choices.breath == nil, let text = place.breath { choices.breath = try? BreathPattern(parsing: text) }
            }
            saved = place
        }
        let (routinePath, chosen) = try settings.routinePath()
        let routine = try RoutineFile.load(routinePath)
        let fingerprint = SavedPlace.fingerprint(of: (try? TextFile.read(routinePath)) ?? [])
        let plan = try saved.map { place throws(Failure) in
            try ResumePlan(place: place, routine: routine, fingerprint: fingerprint, location: store.location)
        }
        if let plan { notice(plan.notice) }
        let narration = try settings.narration(for: routine, notice: notice)
        let device = settings.device.value
        LibraryErrors.silence()
        let output: AudioOutput
        do {
            output = try AudioOutput(device: device)
        } catch {
            throw .cannotOpen(device, error)
        }
        do throws(Failure) {
            let timeline = try settings.compile(routine, sampleRate: output.format.rate, narration: narration)
            let startFrame = plan.map { timeline.exercises[$0.exercise].startFrame } ?? 0
            let mixer = Mixer(timeline: timeline, bank: try settings.bank(for: timeline, narration: narration),
                              volumeDecibels: settings.volume.value)
            player = Player(output: output, mixer: mixer, from: startFrame)
            self.timeline = timeline
            let first = plan?.exercise ?? 0
            place = SavedPlace(routine: chosen, fingerprint: fingerprint, exercise: first,
                               exerciseName: routine.exercises[first].name,
                               breath: settings.breath.value?.description, savedAt: Date())
            self.device = device
            format = output.format
        } catch {
            output.close()
            throw error
        }
    }
}

extension Failure {
    /// A device that would not open, and where to find the names that would.
    public static func cannotOpen(_ device: String, _ error: ALSAError) -> Failure {
        .system("cannot open sound device '\(device)': \(error); 'stretchcue devices' lists the devices there are")
    }
}
