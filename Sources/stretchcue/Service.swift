import Config
import Control
import Foundation
import Glibc
import Logging
import Routine

/// `stretchcue serve`: waits for `ctl start` with the device closed and no timer running,
/// plays each session through a `PlaySession` on the same control socket and signals, and
/// goes back to waiting.
final class Service {
    private let server: ControlServer
    private let signals = SignalWatcher()
    private let notifier = ServiceNotifier()
    private let logger = Logger(label: "stretchcue") { _ in ServiceLogHandler() }
    /// What `serve` itself was given; a session's own choices come on top.
    private let commandLine: Config
    private var config: Config
    private var pending: PreparedSession?
    private var exiting = false

    init(server: ControlServer, commandLine: Config, config: Config) {
        self.server = server
        self.commandLine = commandLine
        self.config = config
    }

    func run() throws {
        logger.info("waiting for sessions: stretchcue ctl start (control socket \(server.path))")
        tell("READY=1\nSTATUS=waiting for stretchcue ctl start")
        while !exiting {
            var polled = ([signals.descriptor] + server.descriptors).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            // No timeout unless a client is connected: nothing wakes an idle service.
            let timeout = server.timeout.map { Int32(($0 * 1000).rounded(.up)) } ?? -1
            _ = poll(&polled, nfds_t(polled.count), timeout)
            for event in signals.events() {
                switch event {
                case .stop: exiting = true
                case .reload: reload()
                case .togglePause, .next: break
                }
            }
            let readable = Set(polled.filter { $0.revents != 0 }.map(\.fd))
            server.service(readable: readable) { respond(to: $0) }
            if let prepared = pending {
                pending = nil
                play(prepared)
            }
        }
        tell("STOPPING=1")
        logger.info("stopped")
    }

    private func respond(to line: String) -> String {
        let command = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        switch command {
        case "status": return "{\"ok\":true,\"status\":{\"idle\":true}}"
        case "start": return start(line)
        case "pause", "resume", "toggle", "next", "prev", "previous", "tempo", "stop":
            return ControlReply.failure("no session is playing: start one with stretchcue ctl start")
        default:
            return ControlReply.failure("unknown command '\(command)': expected start or status while no session plays")
        }
    }

    /// Prepares the session at once, so that a bad routine or a missing device is the reply.
    private func start(_ line: String) -> String {
        let request: StartRequest
        do {
            request = try StartRequest(line: line)
        } catch {
            return ControlReply.failure("unreadable start request: \(line)", input: true)
        }
        var choices = commandLine
        choices.routine = request.routine
        do {
            if let breath = request.breath { choices.breath = try BreathPattern(parsing: breath) }
            let settings = EffectiveSettings(commandLine: choices, file: config, filePath: ConfigFile.path)
            pending = try PreparedSession(settings: settings, resume: request.resume) { logger.notice("\($0)") }
            return ControlReply.ok
        } catch let failure as Failure {
            let reason = failure.message.hasPrefix("stretchcue: ") ? String(failure.message.dropFirst(12)) : failure.message
            logger.error("cannot start: \(reason)")
            // Bad input is worded for the person as it stands; `ctl` names the player otherwise.
            let input = failure.status == Failure.badInput
            return ControlReply.failure(input ? failure.message : reason, input: input)
        } catch {
            return ControlReply.failure("\(error)", input: true)
        }
    }

    private func play(_ prepared: PreparedSession) {
        let routine = prepared.timeline.routine
        logger.info("playing \(routine.name) (\(routine.exercises.count == 1 ? "1 exercise" : "\(routine.exercises.count) exercises")) on \(prepared.device): \(prepared.format)")
        tell("STATUS=playing \(routine.name)")
        let session = PlaySession(prepared, server: server, signals: signals, keyboard: nil, log: .service(logger))
        session.onReload = { [unowned self] in reload() }
        session.run()
        do {
            try prepared.player.wait()
        } catch {
            logger.error("the sound device '\(prepared.device)' failed: \(error)")
        }
        if session.completed {
            logger.info("session complete; the sound device is closed")
        } else {
            logger.info("session stopped in \(session.savedExercise); the sound device is closed; stretchcue ctl start --resume goes on from there")
        }
        tell("STATUS=waiting for stretchcue ctl start")
        if session.stoppedBySignal { exiting = true }
    }

    /// SIGHUP: the config file again, for the sessions to come; a bad one is said and ignored.
    private func reload() {
        tell("RELOADING=1")
        do {
            config = try ConfigFile.load()
            logger.info("config file reloaded: \(ConfigFile.path)")
        } catch {
            logger.error("config file not reloaded, the previous settings stay: \(error)")
        }
        tell("READY=1")
    }

    private func tell(_ state: String) {
        do {
            try notifier.notify(state)
        } catch {
            logger.warning("cannot notify systemd: \(error)")
        }
    }
}
