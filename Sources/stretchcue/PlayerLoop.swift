import Config
import Control
import Foundation
import Glibc
import History
import Preparation
import Session
import Storage

/// The main thread of a player, for `play` and `serve` alike: one `poll` over the signals, the
/// keys, the playing session's change signal and every front end (the control socket, the
/// desktop's media controls, buttons). Every request, whatever it came from, goes to the one
/// `SessionHost`; every event of the session goes to the output and to the front ends.
final class PlayerLoop {
    /// `play` ends with its session; `serve` waits for the next one.
    enum Mode {
        case play
        case serve
    }

    private let mode: Mode
    private let host = SessionHost()
    /// The control socket first, then whatever else takes requests.
    private var frontEnds: [any FrontEnd] = []
    private let signals = SignalWatcher()
    private let keyboard: Keyboard?
    private let output: any SessionOutput
    /// `serve`: checks what a `ctl start` asks for (quick); the session is then made ready off
    /// the loop.
    var plan: ((StartOptions) throws(Failure) -> SessionPlan)?
    private var maker: SessionMaker?
    /// `serve`: SIGHUP.
    var reload: (() -> Void)?
    /// Where this player serves the phone remote, told with every status (`stretchcue remote`
    /// asks it).
    var remote: ListenAddress?
    private var current: PreparedSession?
    private var exiting = false
    /// The signal that stopped the session, if one did.
    private(set) var stoppedBy: SignalWatcher.Event?
    /// The sound device failed while the session played.
    private(set) var deviceFailure: Failure?

    init(mode: Mode, server: ControlServer?, keyboard: Keyboard?, output: any SessionOutput) {
        self.mode = mode
        if let server { frontEnds.append(server) }
        self.keyboard = keyboard
        self.output = output
    }

    /// Another way in for requests, served from this loop like the control socket.
    func add(_ frontEnd: any FrontEnd) {
        frontEnds.append(frontEnd)
    }

    /// Runs until the session ends (`play`) or a signal ends the service (`serve`).
    func run(playing first: PreparedSession? = nil) {
        if let first { begin(first) }
        while !exiting {
            var watched = [Watch(signals.descriptor)] + frontEnds.flatMap(\.watched)
            if let keyboard { watched.append(Watch(keyboard.descriptor)) }
            if let player = current?.player { watched.append(Watch(player.changed.descriptor)) }
            if let maker { watched.append(Watch(maker.signal.descriptor)) }
            var polled = watched.map { pollfd(fd: $0.descriptor, events: $0.events, revents: 0) }
            _ = poll(&polled, nfds_t(polled.count), PlayerLoop.milliseconds(timeout()))
            let readable = Set(polled.filter { $0.revents != 0 }.map(\.fd))
            if let player = current?.player, readable.contains(player.changed.descriptor) { player.changed.drain() }
            for event in signals.events() { handle(event) }
            if let keyboard, readable.contains(keyboard.descriptor) {
                for key in keyboard.read() { handle(key) }
            }
            for frontEnd in frontEnds { frontEnd.service(ready: readable) { respond(to: $0) } }
            if let maker, readable.contains(maker.signal.descriptor) { made(maker) }
            follow()
            tellStatus()
        }
    }

    // MARK: Requests, from wherever they come

    private func respond(to request: ControlRequest) -> ControlReply {
        switch host.handle(request) {
        case .reply(var reply):
            if request == .status, reply.status != nil {
                reply.remote = remote?.description
                if reply.status?.state == .preparing { reply.status?.prepared = maker?.fraction }
            }
            return reply
        case .start(let options): return start(options)
        }
    }

    /// Checks the request at once, so that a bad routine is the reply, then makes the session
    /// ready off the loop: `ctl status` and `ctl stop` answer meanwhile.
    private func start(_ options: StartOptions) -> ControlReply {
        guard let plan else { return .failure("this player plays one session only", .refused) }
        do {
            let checked = try plan(options)
            let notices = checked.notice.map { [$0] }
            notices?.forEach(output.notice)
            let status = host.preparing(checked.routine.name, exercises: checked.routine.exercises.count)
            maker = SessionMaker(checked)
            return ControlReply(ok: true, status: status, notices: notices)
        } catch {
            output.notice("cannot start: \(error.message)")
            return .failure(error.message, error.kind.problem)
        }
    }

    /// The session is ready, or could not be made ready, or was given up meanwhile.
    private func made(_ maker: SessionMaker) {
        guard let result = maker.result else { return }
        self.maker = nil
        let wanted = host.prepared()
        switch result {
        case .success(let made):
            made.notices.forEach(output.notice)
            guard wanted else {
                made.session.player.discard()
                report(SessionEvent(.end, "stopped before it began", completed: false))
                if stopServiceAfterSession { exiting = true }
                return
            }
            begin(made.session)
        case .failure(let failure):
            host.ended()
            report(SessionEvent(.end, "cannot start: \(failure.message)", completed: false, failed: true))
            if stopServiceAfterSession { exiting = true }
        }
    }

    /// To the person (or the log) and to every front end (the clients watching, ...).
    private func report(_ event: SessionEvent) {
        for frontEnd in frontEnds { frontEnd.report(event) }
        output.report(event)
    }

    /// Where the session is now, to the front ends that show it as a state; asked of the host
    /// as any `ctl status` is.
    private func tellStatus() {
        let following = frontEnds.filter(\.followsStatus)
        guard !following.isEmpty, let status = respond(to: .status).status else { return }
        for frontEnd in following { frontEnd.follow(status) }
    }

    private func handle(_ event: SignalWatcher.Event) {
        switch event {
        case .reload:
            reload?()
        case .interrupt, .terminate:
            // SIGTERM or SIGINT ends the service too, once the session has faded out; `play`
            // then exits as the signal says. A preparation is given up where it stands: it has
            // written nothing yet but whole files of the spoken lines' cache (which passes over
            // a half-written one), and finishing it could take a minute.
            stoppedBy = event
            guard host.session != nil else {
                exiting = true
                return
            }
            stopServiceAfterSession = true
            _ = host.handle(.stop)
        case .continued:
            keyboard?.resume()
        case .resized:
            break // the loop redraws the status line as it goes round
        case .togglePause, .next:
            if let request = event.request, let session = host.session { say(session.handle(request)) }
        }
    }

    private var stopServiceAfterSession = false

    private func handle(_ key: Keyboard.Key) {
        guard let session = host.session, let action = KeyBindings.action(for: key) else { return }
        switch action {
        case .help: (output as? ConsoleOutput)?.help()
        case .request(let request): say(session.handle(request))
        }
    }

    /// A request from a key or a signal that could not be carried out says why.
    private func say(_ reply: ControlReply) {
        if !reply.ok, let error = reply.error { output.notice(error) }
    }

    // MARK: The session

    private func begin(_ prepared: PreparedSession) {
        recordKilledSessions()
        let session = SessionController(player: prepared.player, place: prepared.place, device: prepared.device,
                                        store: PlaceFile(), history: HistoryFile(), owner: PlayerProcess.current()) {
            [unowned self] in report($0)
        }
        current = prepared
        host.began(session)
        output.began(prepared)
        report(SessionEvent(.begin, TimelineReport(prepared.timeline).heading()))
        session.begin()
        prepared.player.start()
    }

    /// Sessions killed before they could record themselves go into the history, as stopped,
    /// before this one starts; each is said in a line.
    private func recordKilledSessions() {
        do {
            let zone = TimeZone.current
            for record in try UnrecordedSessions.record(places: PlaceFile(), history: HistoryFile(), playing: \.isRunning) {
                output.notice("the session of \(record.routine) begun \(LocalTime.text(record.began, in: zone)) was cut off "
                    + "before it could be recorded; recorded as stopped after \(Clock.length(seconds: record.seconds))")
            }
        } catch {
            output.notice("cannot record a session that was cut off (\(error.message))")
        }
    }

    /// Reports what the session did, and closes it when it is over.
    private func follow() {
        guard let session = host.session else { return }
        session.update()
        guard session.outcome != nil else {
            if output.refreshesStatus { output.refresh(session.status()) }
            return
        }
        if case .failed(let message) = session.outcome { deviceFailure = .system(message) }
        host.ended()
        current = nil
        if mode == .play || stopServiceAfterSession { exiting = true }
    }

    /// Milliseconds `poll` may sleep: until the session has something to report, a front end
    /// has something due (a silent client to drop, say), or the status line is to be redrawn;
    /// for ever when idle.
    private func timeout() -> Double? {
        var seconds = host.session?.timeout()
        for due in frontEnds.compactMap(\.timeout) { seconds = min(seconds ?? due, due) }
        if host.session != nil, output.refreshesStatus { seconds = min(seconds ?? 1, 1) }
        return seconds
    }

    static func milliseconds(_ seconds: Double?) -> Int32 {
        guard let seconds, seconds.isFinite else { return -1 }
        return Int32(min(seconds * 1000, 3_600_000).rounded(.up))
    }
}

extension Failure.Kind {
    var problem: ControlReply.Problem {
        switch self {
        case .input: .input
        case .system: .system
        case .refused: .refused
        }
    }
}
