import Control
import Foundation
import Glibc
import Logging
import Mixer
import Player
import Routine
import Timeline

/// The main thread while a session plays: turns keys, signals and `ctl` requests into player
/// commands, reports each cue as it is heard, and keeps a status line on a terminal. It sleeps
/// in `poll` until the next cue is due or something arrives.
final class PlaySession {
    private let player: Player
    private var timeline: Timeline
    private var generation = 0
    private let signals: SignalWatcher
    private let keyboard: Keyboard?
    private let server: ControlServer?
    private let log: SessionLog
    private let statusOnTerminal: Bool
    /// Called on SIGHUP.
    var onReload: (() -> Void)?
    /// Whether SIGINT or SIGTERM ended the session (rather than its end, a key or `ctl stop`).
    private(set) var stoppedBySignal = false
    /// Whether the session played to its end chime.
    private(set) var completed = false
    /// The exercise saved for `--resume` when the session stopped early.
    var savedExercise: String { place.exerciseName }
    private var announced: Int
    private var stopping = false
    private var lastFrame = 0

    /// How far "previous" may be into an exercise before it restarts it rather than going back.
    private static let restartGrace = 3.0
    private static let faster = Seconds(9, over: 10)
    private static let slower = Seconds(10, over: 9)

    /// What to save as the session goes, so that `play --resume` can pick it up.
    private var place: SavedPlace
    private var placeProblem = false

    init(_ prepared: PreparedSession, server: ControlServer?, signals: SignalWatcher, keyboard: Keyboard?, log: SessionLog) {
        player = prepared.player
        timeline = prepared.timeline
        place = prepared.place
        self.server = server
        self.signals = signals
        self.keyboard = keyboard
        self.log = log
        statusOnTerminal = log.hasStatusLine
        announced = timeline.firstCue(from: player.position.snapshot().frame)
    }

    func run() {
        player.start()
        if keyboard != nil { printLine("keys: space pause · n/→ next · p/← previous · +/- tempo · q quit · ? help") }
        while true {
            var descriptors = [player.finished.descriptor, player.deviceChanged.descriptor, signals.descriptor]
            if let keyboard { descriptors.append(keyboard.descriptor) }
            descriptors += server?.descriptors ?? []
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&polled, nfds_t(polled.count), timeout())
            let readable = Set(polled.filter { $0.revents != 0 }.map(\.fd))

            if readable.contains(player.deviceChanged.descriptor) {
                player.deviceChanged.drain()
                reportDevice()
            }
            for event in signals.events() { handle(event) }
            if let keyboard, readable.contains(keyboard.descriptor) {
                for key in keyboard.read() { handle(key) }
            }
            server?.service(readable: readable) { respond(to: $0) }
            let snapshot = player.position.snapshot()
            if !reportedUnderrun, player.position.underruns > 0 {
                reportedUnderrun = true
                warn("the sound device ran dry (the system was busy or asleep); playback went on from the same point")
            }
            announce(upTo: snapshot)
            if snapshot.finished {
                // A session that ran to its end leaves nothing to resume.
                completed = snapshot.frame >= timeline.endCueFrame
                if completed { SavedPlace.clear() }
                break
            }
        }
        if statusOnTerminal { printRaw("\r\u{1B}[K") }
    }

    private var deviceMissing = false
    private var reportedUnderrun = false

    /// Says once that the device went away, and once that it came back.
    private func reportDevice() {
        let waiting = player.position.snapshot().waiting
        guard waiting != deviceMissing else { return }
        deviceMissing = waiting
        warn(waiting ? "the sound device is gone; waiting for it to come back (the session waits too)"
                     : "the sound device is back; going on from a few seconds before it stopped")
    }

    // MARK: Commands

    private func handle(_ event: SignalWatcher.Event) {
        switch event {
        case .togglePause: togglePause()
        case .next: skip(forward: true)
        case .stop:
            stoppedBySignal = true
            stop()
        case .reload: onReload?()
        }
    }

    private func handle(_ key: Keyboard.Key) {
        switch key {
        case .character(" "): togglePause()
        case .character("n"), .right: skip(forward: true)
        case .character("p"), .left: skip(forward: false)
        case .character("+"), .character("="), .up: _ = changeTempo(scaling: PlaySession.faster)
        case .character("-"), .down: _ = changeTempo(scaling: PlaySession.slower)
        case .character("q"), .character("Q"): stop()
        case .character("?"), .character("h"):
            printAbove("keys: space pause/resume · n or → next exercise · p or ← previous (or restart) · + faster · - slower breathing · q quit")
        default: break
        }
    }

    private func togglePause() {
        let paused = player.position.snapshot().paused
        player.send(paused ? .resume : .pause)
        if !paused { savePlace() }
    }

    /// Saves the exercise under way (at the heard frame); a failure is said once, not repeated.
    private func savePlace(exercise: Int? = nil) {
        let index = exercise ?? timeline.exercise(at: player.position.snapshot().frame)
        place.exercise = index
        place.exerciseName = timeline.routine.exercises[index].name
        place.savedAt = Date()
        do {
            try place.save()
        } catch {
            if !placeProblem { warn("cannot save the session's place (\(error)); --resume will not find it") }
            placeProblem = true
        }
    }

    private func skip(forward: Bool) {
        let now = player.position.snapshot().frame
        let target = forward ? timeline.nextExerciseFrame(after: now)
            : timeline.previousExerciseFrame(before: now, grace: Int(PlaySession.restartGrace * Double(timeline.sampleRate)))
        player.send(.seek(target))
        announced = timeline.firstCue(from: target)
    }

    private func stop() {
        guard !stopping else { return }
        stopping = true
        savePlace()
        player.send(.stop)
    }

    /// Scales the current pattern (keys), or sets a new one (`ctl tempo`); returns an error text.
    private func changeTempo(scaling factor: Seconds? = nil, to pattern: BreathPattern? = nil) -> String? {
        let now = player.position.snapshot().frame
        let current = timeline.exercises[timeline.exercise(at: now)].breath
        let next: BreathPattern
        if let pattern {
            next = pattern
        } else {
            guard !current.isOff else { return "breath cues are off" }
            do {
                next = try current.scaled(by: factor!)
            } catch {
                return "the breath cannot go \(factor! < Seconds(1) ? "faster" : "slower"): \(current) is at the limit"
            }
        }
        // The change lands at the next breath boundary after the sound the device already
        // holds, so nothing queued has to be taken back (that would leave a gap on some devices).
        let snapshot = player.position.snapshot()
        let from = snapshot.frame + snapshot.delay + timeline.sampleRate / 10
        do {
            let retimed = try timeline.retimed(breath: next, from: from)
            let old = player.mixer(generation: generation)
            guard let posted = player.post(Mixer(timeline: retimed, bank: old.bank, gain: old.gain)) else {
                return "too many tempo changes in one session"
            }
            generation = posted
            timeline = retimed
            player.send(.retime(posted, from: from))
            announced = timeline.firstCue(from: now + 1)
            printAbove("breathing \(next)")
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: Remote control

    private func respond(to line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let ok = ControlReply.ok
        switch words.first ?? "" {
        case "pause": player.send(.pause); savePlace(); return ok
        case "resume": player.send(.resume); return ok
        case "toggle": togglePause(); return ok
        case "next": skip(forward: true); return ok
        case "prev", "previous": skip(forward: false); return ok
        case "stop": stop(); return ok
        case "status": return "{\"ok\":true,\"status\":\(status().json())}"
        case "start": return ControlReply.failure("a session is already playing: stop it first (stretchcue ctl stop)")
        case "tempo":
            guard words.count == 2 else { return ControlReply.failure("usage: tempo PATTERN") }
            do {
                let pattern = try BreathPattern(parsing: words[1])
                if let problem = changeTempo(to: pattern) { return ControlReply.failure(problem) }
                return ok
            } catch {
                return ControlReply.failure(error.description)
            }
        default:
            return ControlReply.failure("unknown command '\(words.first ?? "")': expected pause, resume, toggle, next, prev, tempo PATTERN, status, start or stop")
        }
    }


    private func status() -> SessionStatus {
        let snapshot = player.position.snapshot()
        let shown = player.mixer(generation: snapshot.generation).timeline
        let tempo = shown.exercises[shown.exercise(at: snapshot.frame)].breath.description
        return SessionStatus(timeline: shown, frame: snapshot.frame, paused: snapshot.paused,
                             finished: snapshot.finished, tempo: tempo, delay: snapshot.delay, waiting: snapshot.waiting)
    }

    // MARK: Output

    private func announce(upTo snapshot: PlaybackPosition.Snapshot) {
        let shown = player.mixer(generation: snapshot.generation).timeline
        let report = TimelineReport(shown)
        let frame = snapshot.frame
        if frame < lastFrame - timeline.sampleRate / 2 { announced = shown.firstCue(from: frame) } // went back
        lastFrame = frame
        while announced < shown.cues.count, shown.cues[announced].frame <= frame {
            let cue = shown.cues[announced]
            printAbove(report.line(for: cue))
            if cue.kind == .exercise, let exercise = cue.exercise { savePlace(exercise: exercise) }
            announced += 1
        }
        if statusOnTerminal && !snapshot.finished { printRaw("\r\u{1B}[K" + status().line()) }
    }

    /// A line of the session's story: a cue heard, a command taken.
    private func printAbove(_ line: String) {
        switch log {
        case .console: printRaw((statusOnTerminal ? "\r\u{1B}[K" : "") + line + "\n")
        case .service(let logger): logger.info("\(line)")
        }
    }

    /// Something went wrong that the session survives.
    private func warn(_ message: String) {
        switch log {
        case .console: printAbove("stretchcue: " + message)
        case .service(let logger): logger.warning("\(message)")
        }
    }

    private func printRaw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Milliseconds until the next cue is heard, or a status refresh is due.
    private func timeout() -> Int32 {
        let snapshot = player.position.snapshot()
        var seconds = Double.infinity
        if !snapshot.paused {
            let shown = player.mixer(generation: snapshot.generation).timeline
            let next = announced < shown.cues.count ? shown.cues[announced].frame : shown.durationFrames
            seconds = Double(max(0, next - snapshot.frame)) / Double(shown.sampleRate) + 0.002
            if statusOnTerminal { seconds = min(seconds, 1) }
        }
        if let idle = server?.timeout { seconds = min(seconds, idle) }
        return seconds.isFinite ? Int32(min(seconds * 1000, 3_600_000).rounded(.up)) : -1
    }
}
