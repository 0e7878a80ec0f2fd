import ALSA
import Config
import Foundation
import Mixer
import Player
import Routine
import Session
import Storage
import Timeline

/// The quick part of starting a session: what to play, checked. Reading the routine and the
/// saved place takes milliseconds, so a mistake in them is known at once; the voice, the sounds
/// and the device (`PreparedSession`) take longer.
public struct SessionPlan: Sendable {
    public let settings: ResolvedSettings
    public let routine: Routine
    /// The routine's file, which its saved place is kept under.
    let path: String
    let fingerprint: String
    let resume: ResumePlan?

    public init(settings: ResolvedSettings, resume: Bool, store: any PlaceStore) throws(Failure) {
        var settings = settings
        var saved: SavedPlace?
        if resume {
            let requested = try settings.commandLine.routine == nil ? nil : settings.routinePath()
            let place = try ResumePlan.routine(of: try store.load(), requested: requested,
                                               requestedName: settings.commandLine.routine, location: store.location,
                                               fileExists: FileManager.default.fileExists(atPath:))
            settings = settings.with { choices in
                choices.routine = place.routine // nil: saved before routines were told apart, the default
                if choices.breath == nil, let text = place.breath { choices.breath = try? BreathPattern(parsing: text) }
                if choices.length == nil, let text = place.length { choices.length = try? Config.length(parsing: text) }
            }
            saved = place
        }
        path = try settings.routinePath()
        routine = try RoutineFile.load(path)
        fingerprint = SavedPlace.fingerprint(of: (try? TextFile.read(path)) ?? [])
        let (routine, fingerprint) = (routine, fingerprint)
        self.resume = try saved.map { place throws(Failure) in
            try ResumePlan(place: place, routine: routine, fingerprint: fingerprint, location: store.location)
        }
        self.settings = settings
    }

    /// Where a resumed session picks up, for the person to hear first.
    public var notice: String? { resume?.notice }
}

/// Everything a session needs before its first frame plays: the routine compiled at the rate
/// the device granted, the voice spoken, the sounds decoded, the device open, where to start and
/// what to save. `play` and `serve` both begin a session through here.
public struct PreparedSession: Sendable {
    public let player: Player
    public let timeline: Timeline
    /// What the controller saves as the session goes.
    public let place: SavedPlace
    public let device: String
    public let format: OutputFormat

    /// `notice` hears what the person should know before it starts: a voice that cannot speak.
    public init(_ plan: SessionPlan, notice: (String) -> Void, progress: (Double) -> Void = { _ in }) throws(Failure) {
        let settings = plan.settings
        let narration = try settings.narration(for: plan.routine, notice: notice, progress: progress)
        let device = settings.device.value
        LibraryErrors.silence()
        let output: AudioOutput
        do {
            output = try AudioOutput(device: device)
        } catch {
            throw .cannotOpen(device, error)
        }
        do throws(Failure) {
            let timeline = try settings.compile(plan.routine, sampleRate: output.format.rate, narration: narration, notice: notice)
            let startFrame = plan.resume.map { timeline.exercises[$0.exercise].startFrame } ?? 0
            let mixer = settings.mixer(for: timeline, bank: try settings.bank(for: timeline, narration: narration),
                                       notice: notice)
            player = Player(output: output, mixer: mixer, from: startFrame)
            self.timeline = timeline
            let first = plan.resume?.exercise ?? 0
            place = SavedPlace(routine: plan.path, fingerprint: plan.fingerprint, exercise: first,
                               exerciseName: plan.routine.exercises[first].name,
                               breath: settings.breath.value?.description, length: settings.length.value?.description,
                               savedAt: Date())
            self.device = device
            format = output.format
        } catch {
            output.close()
            throw error
        }
    }

    /// Both parts at once, for `play`.
    public init(settings: ResolvedSettings, resume: Bool, store: any PlaceStore, notice: (String) -> Void,
                progress: (Double) -> Void = { _ in }) throws(Failure) {
        let plan = try SessionPlan(settings: settings, resume: resume, store: store)
        if let resumed = plan.notice { notice(resumed) }
        try self.init(plan, notice: notice, progress: progress)
    }
}

extension Failure {
    /// A device that would not open, and where to find the names that would.
    public static func cannotOpen(_ device: String, _ error: ALSAError) -> Failure {
        .system("cannot open sound device '\(device)': \(error); 'stretchcue devices' lists the devices there are")
    }
}
