import Control
import Foundation
import Glibc
import Synchronization

/// The remote's one connection to the player, as a client of the control socket like
/// `stretchcue ctl`: a `watch` held open on a thread of its own, and on each of the session's
/// events the status, fetched and handed to `publish` while a page is following. Requests go
/// over the same socket, one connection each, from the caller's thread (they block for the
/// few milliseconds the player takes to answer).
///
/// The thread sleeps in `poll` with no timeout while nothing happens, so a waiting player and
/// its remote do not wake. When no player answers, it tries again every few seconds, and says
/// so to the page.
final class PlayerLink: Sendable {
    let socket: String
    /// Whether anyone is following: statuses are fetched only then.
    private let following: @Sendable () -> Bool
    private let publish: @Sendable (PageStatus) -> Void
    private let message = Mutex<String?>(nil)
    private let stopped = Atomic<Bool>(false)
    /// Written to stop the thread.
    private let wake: (read: Int32, write: Int32)

    static let retrySeconds: Int32 = 3

    init(socket: String, following: @escaping @Sendable () -> Bool, publish: @escaping @Sendable (PageStatus) -> Void) {
        self.socket = socket
        self.following = following
        self.publish = publish
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wake = (ends[0], ends[1])
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "stretchcue-remote-link"
        thread.start()
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
    }

    /// One request, answered by the player; a player that does not answer is a failed reply.
    func send(_ request: ControlRequest) -> ControlReply {
        do {
            return try ControlClient.send(request, to: socket, timeout: 5000)
        } catch {
            return .failure(error.description, .system)
        }
    }

    /// The page's view of the player now: unreachable when it does not answer.
    func status() -> PageStatus {
        PageStatus(try? ControlClient.send(.status, to: socket, timeout: 2000).status, message: message.withLock { $0 })
    }

    /// Sends the status now (after a request the page made, so that its buttons answer at once).
    func refresh() {
        if following() { publish(status()) }
    }

    private func run() {
        while !stopped.load(ordering: .acquiring) {
            guard let watch = try? ControlWatch(at: socket) else {
                if following() { publish(PageStatus(nil)) }
                sleep(seconds: PlayerLink.retrySeconds)
                continue
            }
            refresh()
            follow(watch)
        }
    }

    /// Until the player hangs up or the link is stopped.
    private func follow(_ watch: ControlWatch) {
        var pending = watch.events()
        while !stopped.load(ordering: .acquiring), !watch.closed {
            if !pending.isEmpty {
                remember(pending)
                refresh()
            }
            var descriptors = [pollfd(fd: watch.descriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            _ = poll(&descriptors, 2, -1)
            pending = watch.events()
        }
    }

    /// The last thing worth telling stays on the page until the next session begins.
    private func remember(_ events: [SessionEvent]) {
        for event in events {
            switch event.kind {
            case .begin: message.withLock { $0 = nil }
            case .end, .warning: message.withLock { $0 = event.text }
            case .cue, .state, .tempo: break
            }
        }
    }

    private func sleep(seconds: Int32) {
        var descriptor = pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, seconds * 1000)
    }
}
