import Control
import Foundation
import Glibc
import Testing

@Suite("the control socket: a private folder, requests and replies, watchers")
struct ControlSocketTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("control-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    @Test func aMissingFolderIsCreatedPrivate() throws {
        let server = try ControlServer(path: folder + "/new/control")
        #expect(mode(folder + "/new") == 0o700)
        #expect(mode(server.path) == 0o600)
    }

    @Test func aFolderOpenToOthersIsRefusedAndLeftAsItWas() throws {
        let shared = folder + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o1777])
        do {
            _ = try ControlServer(path: shared + "/control")
            Issue.record("a socket was made in a folder others can enter")
        } catch {
            #expect(error.description.contains("the control socket's folder is open to others (mode 1777"), "\(error)")
        }
        #expect(mode(shared) == 0o1777, "never changed")
        #expect(!FileManager.default.fileExists(atPath: shared + "/control"))
    }

    @Test func aLinkOrAFileIsNoFolder() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder)
        #expect(throws: ControlError.self) { try ControlServer(path: folder + "/link/control") }
        _ = FileManager.default.createFile(atPath: folder + "/file", contents: Data())
        #expect(throws: ControlError.self) { try ControlServer(path: folder + "/file/control") }
    }

    @Test func aSecondServerOnALiveSocketIsRefused() throws {
        let first = try ControlServer(path: folder + "/control")
        do {
            _ = try ControlServer(path: first.path)
            Issue.record("two players on one socket")
        } catch {
            #expect(error.code == EADDRINUSE)
        }
    }

    /// Serves until `done` says stop, answering with `handle`.
    func serve(_ server: ControlServer, until done: () -> Bool,
               broadcasting events: [SessionEvent] = [], handle: @escaping (ControlRequest) -> ControlReply) {
        var sent = false
        while !done() {
            var polled = server.descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&polled, nfds_t(polled.count), 10)
            server.service(readable: Set(polled.filter { $0.revents != 0 }.map(\.fd)), handle: handle)
            if server.hasWatchers, !sent {
                events.forEach(server.broadcast)
                sent = true
            }
        }
    }

    @Test func aRequestGetsItsReply() throws {
        let server = try ControlServer(path: folder + "/control")
        let path = server.path
        let client = Client {
            [try? ControlClient.send(.status, to: path), try? ControlClient.send(.tempo("box"), to: path)]
        }
        var seen: [ControlRequest] = []
        serve(server, until: client.isDone) { request in
            seen.append(request)
            return request == .status ? .status(.idle) : .failure("breath cues are off", .refused)
        }
        let replies = client.result ?? []
        #expect(seen == [.status, .tempo("box")])
        #expect(replies.first??.status == .idle)
        #expect(replies.last??.error == "breath cues are off")
    }

    /// With every slot taken by clients that say nothing, one more waits in the queue rather
    /// than being turned away, and is answered once a slot is free.
    @Test func aClientPastTheCapWaitsForASlot() throws {
        let server = try ControlServer(path: folder + "/control")
        let path = server.path
        var silent: [Int32] = []
        for _ in 0..<ControlServer.maximumClients {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            #expect(connected == 0)
            silent.append(fd)
        }
        defer { silent.forEach { close($0) } }
        var polled = server.descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = poll(&polled, nfds_t(polled.count), 100)
        server.service(readable: Set(polled.filter { $0.revents != 0 }.map(\.fd))) { _ in .done }
        #expect(server.descriptors.count == ControlServer.maximumClients, "full: the clients are watched, not the listener")
        let client = Client { try? ControlClient.send(.status, to: path) }
        // One silent client goes away: its slot is free, and the waiting one is answered.
        close(silent.removeFirst())
        serve(server, until: client.isDone) { _ in .status(.idle) }
        #expect(client.result??.status == .idle, "answered, not refused")
    }

    @Test func aWatcherHearsTheEvents() throws {
        let server = try ControlServer(path: folder + "/control")
        let path = server.path
        let events = [SessionEvent(.cue, "00:02  1/2  One  exercise"), SessionEvent(.end, "session complete", completed: true)]
        let client = Client { () -> [SessionEvent] in
            guard let watch = try? ControlWatch(at: path) else { return [] }
            var heard: [SessionEvent] = []
            while heard.count < 2, !watch.closed {
                heard += watch.waitForEvents(timeout: 5000)
            }
            return heard
        }
        serve(server, until: client.isDone, broadcasting: events) { _ in .done }
        #expect(client.result == events)
    }

    @Test func noPlayerIsSaidAsSuch() {
        do {
            _ = try ControlClient.send(.status, to: folder + "/control")
            Issue.record("a reply from nobody")
        } catch {
            #expect(error == .noPlayer(path: folder + "/control"))
            #expect(error.description == "no player is running (nothing answers at \(folder)/control)")
        }
    }
}

/// Work on a thread of its own (not the test's task pool, which the serving loop blocks).
final class Client<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result?
    private var done = false

    init(_ work: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let result = work()
            lock.withLock {
                value = result
                done = true
            }
        }
        thread.start()
    }

    @Sendable func isDone() -> Bool { lock.withLock { done } }
    var result: Result? { lock.withLock { value } }
}
