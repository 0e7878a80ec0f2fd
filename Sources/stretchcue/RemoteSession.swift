import Control
import Glibc
import Session

/// `play` while a `serve` waits: the session plays there, since one person has one player,
/// and this process is its terminal, as a client of a music daemon is: keys and signals become
/// requests, and the events the player sends are printed as if it played here.
struct RemoteSession {
    let path: String
    var verbose = false
    var quiet = false

    /// Plays until the session ends; returns the exit status a signal that stopped it asks for.
    func run(_ options: StartOptions) throws(Failure) -> Int32? {
        let keyboard = Keyboard()
        let output = ConsoleOutput(keys: keyboard != nil, verbose: verbose, quiet: quiet)
        let signals = SignalWatcher()
        let watch = try RemoteSession.start(options, at: path)
        var stoppedBy: SignalWatcher.Event?
        while true {
            for event in watch.events() {
                output.report(event)
                guard event.kind == .end else { continue }
                if event.failed == true { throw .system(event.text) }
                return stoppedBy?.exitStatus
            }
            if watch.closed { throw .system("the waiting player (stretchcue serve) went away") }
            var descriptors = [watch.descriptor, signals.descriptor]
            if let keyboard { descriptors.append(keyboard.descriptor) }
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&polled, nfds_t(polled.count), output.refreshesStatus ? 1000 : -1)
            for event in signals.events() {
                if event == .continued { keyboard?.resume() }
                if event.exitStatus != nil { stoppedBy = event }
                if let request = event.request { send(request, output) }
            }
            if let keyboard, polled.contains(where: { $0.fd == keyboard.descriptor && $0.revents != 0 }) {
                for key in keyboard.read() {
                    switch KeyBindings.action(for: key) {
                    case .help: output.help()
                    case .request(let request): send(request, output)
                    case nil: break
                    }
                }
            }
            if output.refreshesStatus, let status = try? Ctl.send(.status, to: path).status, status.state != .preparing {
                output.refresh(status)
            }
        }
    }

    /// Asks the waiting player to start a session, watching it first so that no event of it
    /// is missed; a request it refuses is the error.
    static func start(_ options: StartOptions, at path: String) throws(Failure) -> ControlWatch {
        let watch: ControlWatch
        do {
            watch = try ControlWatch(at: path)
        } catch {
            throw .system(error.description)
        }
        let reply = try Ctl.send(.start(options), to: path)
        for notice in reply.notices ?? [] { printNotice(notice) }
        return watch
    }

    /// A request that could not be carried out says why.
    private func send(_ request: ControlRequest, _ output: ConsoleOutput) {
        do {
            _ = try Ctl.send(request, to: path)
        } catch {
            output.notice(error.message)
        }
    }
}
