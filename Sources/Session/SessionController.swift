import Control
import Foundation
import History
import Player
import Routine
import Timeline

/// The rules of one playing session, whoever asks: every request (a key, a signal, a `ctl`
/// line, a remote) becomes player commands, a reply, and saves of the place; every change the
/// player reports becomes events for the front ends (a cue heard, the device gone, the end).
///
/// It does no I/O of its own: the player, the place store, the clock and the event sink are
/// handed in, so tests drive it with fakes. The caller runs `update()` whenever the player
/// signals a change or `timeout()` has passed.
public final class SessionController {
    public enum Outcome: Sendable, Equatable {
        /// Played to its end chime.
        case completed
        /// Ended early; the place was saved at this exercise.
        case stopped(exercise: String)
        /// The sound device failed before it ever played.
        case failed(String)
    }

    /// How far "previous" may be into an exercise before it restarts it rather than going back.
    public static let restartGrace = 3.0
    /// One press of "faster" or "slower" scales every breath phase by this.
    public static let faster = Seconds(9, over: 10)
    public static let slower = Seconds(10, over: 9)

    private let player: any Playback
    private let store: any PlaceStore
    private let history: (any HistoryStore)?
    /// This process, which the place names while the session is unrecorded.
    private let owner: PlayerProcess?
    private let now: () -> Date
    private let emit: (SessionEvent) -> Void
    /// The sound device, for the status.
    public let device: String

    /// The newest timeline: the one the next change is made to.
    private var timeline: Timeline
    private var place: SavedPlace
    /// The next cue to report, in the timeline of the heard generation.
    private var announced: Int
    private var lastFrame: Int
    /// The frame of the last cue reported as heard: a request never acts from before it, even
    /// when a sound server, still starting, says the listener is a little further back.
    private var toldUpTo: Int
    /// Commands handed to the player so far; the snapshot says how many it carried out.
    private var sent = 0
    /// A skip on its way: reported positions before it is heard are the old ones.
    private var seek: (frame: Int, sequence: Int)?
    /// Paused as far as the person is concerned: what was last asked for.
    private var paused = false
    private var stopping = false
    private var placeProblem = false
    /// The saved place carries this session as unrecorded: it must be cleared once recorded.
    private var marked = false
    private var deviceMissing = false
    private var reportedUnderrun = false
    private var reportedState = SessionStatus.State.playing
    /// Exercises whose chime was heard, and those then heard to their end.
    private var begun = Set<Int>()
    private var done = Set<Int>()
    /// Frames heard as they played: no pause, no skipped part.
    private var heard = 0
    /// When the session began to sound, for the history.
    private var began: Date
    public private(set) var outcome: Outcome?

    /// `place` is what to save as the session goes (its routine, fingerprint and breathing);
    /// `history` records the session when it ends. Until then each save of the place says the
    /// session is unrecorded, and how far it got, with `owner`, the process playing it: a session
    /// killed before it could record itself is recorded by the next (`UnrecordedSessions`).
    public init(player: any Playback, place: SavedPlace, device: String, store: any PlaceStore,
                history: (any HistoryStore)? = nil, owner: PlayerProcess? = nil, now: @escaping () -> Date = Date.init,
                emit: @escaping (SessionEvent) -> Void) {
        self.player = player
        self.store = store
        self.history = history
        self.owner = owner
        began = now()
        self.now = now
        self.emit = emit
        self.device = device
        let snapshot = player.snapshot()
        timeline = player.timeline(generation: snapshot.generation)
        self.place = place
        announced = timeline.firstCue(from: snapshot.frame)
        lastFrame = snapshot.frame
        toldUpTo = snapshot.frame
        paused = snapshot.paused
    }

    /// Says once, before anything plays, when the place cannot be saved.
    public func begin() {
        began = now()
        do {
            try store.checkWritable()
        } catch {
            warnPlace(error)
        }
    }

    // MARK: Requests

    public func handle(_ request: ControlRequest) -> ControlReply {
        switch request {
        case .start:
            return .failure("a session is already playing: stop it first (stretchcue ctl stop)", .refused)
        case .status:
            return .status(status())
        case .watch:
            return .done
        default:
            break
        }
        guard !stopping, outcome == nil else { return .failure("the session is ending", .refused) }
        switch request {
        case .pause: return setPaused(true)
        case .resume: return setPaused(false)
        case .toggle: return setPaused(!paused)
        case .next: return skip(forward: true)
        case .previous: return skip(forward: false)
        case .faster: return scaleTempo(by: SessionController.faster, word: "faster")
        case .slower: return scaleTempo(by: SessionController.slower, word: "slower")
        case .tempo(let text):
            do {
                return changeTempo(to: try BreathPattern(parsing: text))
            } catch {
                return .failure(error.description, .input)
            }
        case .stop:
            stop()
            return .done
        case .start, .status, .watch:
            return .done
        }
    }

    private func send(_ command: PlayerCommand) -> Bool {
        guard player.send(command) else { return false }
        sent += 1
        return true
    }

    private static let behind = ControlReply.failure("the player is not keeping up; try again", .system)

    private func setPaused(_ pause: Bool) -> ControlReply {
        guard pause != paused else { return .done }
        guard send(pause ? .pause : .resume) else { return SessionController.behind }
        paused = pause
        if pause { savePlace(exercise: timeline.exercise(at: frame(player.snapshot()))) }
        return .done
    }

    /// The frame the session is at as far as requests go: where a skip on its way lands, else
    /// where the listener is.
    private func frame(_ snapshot: PlaybackPosition.Snapshot) -> Int {
        seek?.frame ?? max(snapshot.frame, toldUpTo)
    }

    private func skip(forward: Bool) -> ControlReply {
        let from = frame(player.snapshot())
        let grace = Int(SessionController.restartGrace * Double(timeline.sampleRate))
        let target = forward ? timeline.nextExerciseFrame(after: from) : timeline.previousExerciseFrame(before: from, grace: grace)
        guard send(.seek(target)) else { return SessionController.behind }
        seek = (target, sent)
        announced = timeline.firstCue(from: target)
        lastFrame = target
        toldUpTo = target
        return .done
    }

    private func stop() {
        guard !stopping else { return }
        stopping = true
        savePlace(exercise: timeline.exercise(at: frame(player.snapshot())))
        _ = send(.stop)
    }

    private func scaleTempo(by factor: Seconds, word: String) -> ControlReply {
        let current = timeline.exercises[timeline.exercise(at: frame(player.snapshot()))].breath
        guard !current.isOff else { return .failure("breath cues are off", .refused) }
        do {
            return changeTempo(to: try current.scaled(by: factor))
        } catch {
            return .failure("the breath cannot go \(word): \(current) is at the limit", .refused)
        }
    }

    /// The change lands at the next breath boundary after the sound the device already holds,
    /// so nothing queued has to be taken back (that would leave a gap on some devices).
    private func changeTempo(to pattern: BreathPattern) -> ControlReply {
        let snapshot = player.snapshot()
        let at = frame(snapshot)
        let from = at + snapshot.delay + timeline.sampleRate / 10
        let retimed: Timeline
        do {
            retimed = try timeline.retimed(breath: pattern, from: from)
        } catch {
            return .failure(error.description, .input)
        }
        guard player.retime(to: retimed, from: from) else {
            return .failure("too many tempo changes in one session", .refused)
        }
        sent += 1
        timeline = retimed
        place.breath = pattern.description
        announced = timeline.firstCue(from: at + 1)
        emit(SessionEvent(.tempo, "breathing \(pattern.explained)"))
        return .done
    }

    // MARK: What the player did

    /// Reports what changed since the last call: cues heard, the device, the state, the end.
    public func update() {
        let snapshot = player.snapshot()
        if let seek, snapshot.applied >= seek.sequence { self.seek = nil }
        if snapshot.waiting != deviceMissing {
            deviceMissing = snapshot.waiting
            emit(SessionEvent(.warning, deviceMissing
                ? "the sound device is gone; waiting for it to come back (the session waits too)"
                : "the sound device is back; going on from a few seconds before it stopped"))
        }
        if !reportedUnderrun, player.underruns > 0 {
            reportedUnderrun = true
            emit(SessionEvent(.warning, "the sound device ran dry (the system was busy or asleep); playback went on from the same point"))
        }
        // Until the player has carried out every command, what it reports is from before them.
        if snapshot.applied >= sent { announce(upTo: snapshot) }
        let state = status(snapshot).state
        if state != reportedState {
            reportedState = state
            if state != .finished { emit(SessionEvent(.state, state.rawValue)) }
        }
        if snapshot.finished, outcome == nil { finish(at: snapshot) }
    }

    private func announce(upTo snapshot: PlaybackPosition.Snapshot) {
        let shown = player.timeline(generation: snapshot.generation)
        let frame = snapshot.frame
        // The player went back by itself (the device came back): report those cues again.
        if frame < lastFrame - shown.sampleRate / 2 {
            announced = shown.firstCue(from: frame)
            toldUpTo = frame
        }
        heard += max(0, frame - lastFrame)
        lastFrame = frame
        let report = TimelineReport(shown)
        while announced < shown.cues.count, shown.cues[announced].frame <= frame {
            let cue = shown.cues[announced]
            emit(SessionEvent(.cue, report.line(for: cue), cue: cue.kind.rawValue, columns: report.columns(for: cue)))
            toldUpTo = max(toldUpTo, cue.frame)
            if cue.kind == .exercise, let exercise = cue.exercise {
                begun.insert(exercise)
                savePlace(exercise: exercise)
            }
            if let exercise = cue.exercise, begun.contains(exercise), cue.frame >= shown.exercises[exercise].endFrame {
                done.insert(exercise)
            }
            announced += 1
        }
    }

    private func finish(at snapshot: PlaybackPosition.Snapshot) {
        let shown = player.timeline(generation: snapshot.generation)
        // The record goes first, the mark after: a kill between them leaves a mark that the
        // history already has, which the next session clears without a second record.
        if let failure = player.ended() {
            let message = "sound device '\(device)' failed: \(failure)"
            outcome = .failed(message)
            unmark()
            emit(SessionEvent(.end, message, completed: false, failed: true))
        } else if snapshot.frame >= shown.endCueFrame {
            outcome = .completed
            let summary = self.summary(shown)
            record(summary, completed: true, routine: shown.routine.name)
            store.clear(routine: place.routine)
            emit(SessionEvent(.end, "session complete: \(summary.text)", completed: true, summary: summary))
        } else {
            let name = place.exerciseName
            outcome = .stopped(exercise: name)
            let summary = self.summary(shown)
            record(summary, completed: false, routine: shown.routine.name)
            unmark()
            // Where it stopped, by its place in the routine, and the time heard: how many were
            // done reads as a fault after a skip ahead ("after 0 of 13 exercises").
            let at = "\(place.exercise + 1) of \(shown.routine.exercises.count)"
            emit(SessionEvent(.end, "stopped in \(name) (\(at)) after \(summary.time)", completed: false, exercise: name,
                              summary: summary))
        }
    }

    private func summary(_ shown: Timeline) -> SessionEvent.Summary {
        SessionEvent.Summary(done: done.count, of: shown.routine.exercises.count,
                             seconds: Double(heard) / Double(shown.sampleRate))
    }

    /// Adds the session to the history; a failure is said, and the session still ends as it should.
    private func record(_ summary: SessionEvent.Summary, completed: Bool, routine: String) {
        guard let history else { return }
        let session = SessionRecord(routine: routine, path: place.routine, began: began, ended: max(now(), began),
                                    seconds: summary.seconds, done: summary.done, of: summary.of, completed: completed)
        do {
            try history.record(session)
        } catch {
            emit(SessionEvent(.warning, "cannot record the session in the history (\(error.message))"))
        }
    }

    /// Keeps the exercise under way for `--resume`, and the session as unrecorded so far; a
    /// failure is said once, not repeated.
    private func savePlace(exercise index: Int) {
        guard timeline.routine.exercises.indices.contains(index) else { return }
        place.exercise = index
        place.exerciseName = timeline.routine.exercises[index].name
        place.savedAt = now()
        if history != nil {
            let summary = summary(timeline)
            place.unrecorded = UnrecordedSession(routine: timeline.routine.name, began: began, seconds: summary.seconds,
                                                 done: summary.done, of: summary.of, player: owner)
            marked = true
        }
        do {
            try store.save(place)
        } catch {
            warnPlace(error)
        }
    }

    /// The session is recorded (or never will be): its place no longer says it is not.
    private func unmark() {
        guard marked else { return }
        marked = false
        place.unrecorded = nil
        do {
            try store.save(place)
        } catch {
            warnPlace(error)
        }
    }

    private func warnPlace(_ error: Failure) {
        guard !placeProblem else { return }
        placeProblem = true
        emit(SessionEvent(.warning, "cannot save the session's place (\(error.message)); --resume will not find it"))
    }

    // MARK: What front ends ask

    public func status() -> SessionStatus {
        status(player.snapshot())
    }

    private func status(_ snapshot: PlaybackPosition.Snapshot) -> SessionStatus {
        let shown = player.timeline(generation: snapshot.generation)
        let at = min(frame(snapshot), shown.durationFrames)
        let tempo = timeline.exercises.isEmpty ? nil : timeline.exercises[timeline.exercise(at: at)].breath.shown
        return SessionStatus(timeline: shown, frame: at, snapshot: snapshot, paused: paused, tempo: tempo, device: device)
    }

    /// Seconds until something is due to be reported (the next cue, a skip landing); nil when
    /// nothing is, until the player signals a change.
    public func timeout() -> Double? {
        let snapshot = player.snapshot()
        guard !snapshot.finished, !snapshot.waiting else { return nil }
        let shown = player.timeline(generation: snapshot.generation)
        let rate = Double(shown.sampleRate)
        // The player signals when it has carried the skip out; this is only a backstop.
        if seek != nil { return 0.05 }
        guard !snapshot.paused else { return nil }
        let next = announced < shown.cues.count ? shown.cues[announced].frame : shown.durationFrames
        return Double(max(0, next - snapshot.frame)) / rate + 0.002
    }
}
