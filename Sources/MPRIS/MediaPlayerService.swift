import Control
import DBus
import Glibc

/// The player on the user's session bus as an MPRIS media player, so that the desktop's media
/// keys and controls, a headset's button (through BlueZ's mpris-proxy) and a phone's KDE
/// Connect reach the session. A front end of the control protocol like the socket: each method
/// call becomes a `ControlRequest`, each change of the session's status a PropertiesChanged
/// signal. It lives in the player's own `poll` loop and, while nothing happens, never wakes it.
public final class MediaPlayerService: FrontEnd {
    private let model: MediaPlayer2
    private let notice: (String) -> Void
    private var bus: Bus?
    private var object: Slot?
    private var nameRequest: Slot?
    /// The well-known name, once the bus has given it.
    public private(set) var name: String?
    /// What the desktop was last told, and when (for Seeked).
    private var shown = SessionStatus.idle
    private var shownAt = MediaPlayerService.now()
    /// The player's dispatch, while `service` runs (method calls arrive only then).
    private var handle: ((ControlRequest) -> ControlReply)?

    /// Nil where there is no session bus (a headless box), saying nothing; nil with a notice
    /// when there is one but it cannot be reached.
    public init?(_ model: MediaPlayer2, environment: [String: String], notice: @escaping (String) -> Void) {
        guard SessionBus.configured(environment: environment) else { return nil }
        self.model = model
        self.notice = notice
        do throws(BusError) {
            let bus = try Bus.user()
            self.bus = bus
            object = try bus.addObject(MediaPlayer2.objectPath) { [unowned self] in answer($0) }
            try request(MediaPlayer2.busName)
        } catch {
            notice("no media keys: the session bus cannot be reached (\(error))")
            return nil
        }
    }

    /// Asks for the name; a second player on the same bus takes an instance name, as the
    /// specification has it (`org.mpris.MediaPlayer2.stretchcue.instance1234`).
    private func request(_ wanted: String) throws(BusError) {
        nameRequest = try bus?.requestName(wanted) { [unowned self] reply in
            nameRequest = nil
            if let error = reply.error { return lose("the session bus refused the name \(wanted) (\(error))") }
            switch try? reply.readUInt32() {
            case 1, 4: name = wanted // the primary owner, or already
            case 3 where wanted == MediaPlayer2.busName:
                do throws(BusError) {
                    try request(MediaPlayer2.busName + ".instance\(getpid())")
                } catch {
                    lose("no media keys: \(error)")
                }
            default: lose("the session bus did not give the name \(wanted)")
            }
        }
    }

    private func lose(_ why: String) {
        notice(why)
        nameRequest = nil
        object = nil
        bus = nil
        name = nil
    }

    // MARK: The loop's side

    public var watched: [Watch] {
        guard let bus, let descriptor = try? bus.descriptor, let events = try? bus.events() else { return [] }
        return [Watch(descriptor, events: events)]
    }

    public var timeout: Double? {
        guard let deadline = try? bus?.timeout() else { return nil }
        return max(0, Double(deadline) / 1e6 - MediaPlayerService.now())
    }

    public func service(ready: Set<Int32>, handle: (ControlRequest) -> ControlReply) {
        guard let bus, let descriptor = try? bus.descriptor else { return }
        guard ready.contains(descriptor) || timeout == 0 else { return }
        withoutActuallyEscaping(handle) { handle in
            self.handle = handle
            defer { self.handle = nil }
            // Position is read now, not as of the last change.
            if let status = handle(.status).status { shown = status; shownAt = MediaPlayerService.now() }
            do throws(BusError) {
                while try bus.process() {}
            } catch {
                lose("the session bus went away (\(error)); media keys no longer reach the player")
            }
        }
    }

    public var followsStatus: Bool { bus != nil }

    public func follow(_ status: SessionStatus) {
        let now = MediaPlayerService.now()
        defer {
            shown = status
            shownAt = now
        }
        guard let bus, name != nil else { return }
        do throws(BusError) {
            let changed = model.changes(from: shown, to: status)
            if !changed.isEmpty {
                let signal = try bus.signal(path: MediaPlayer2.objectPath, interface: MediaPlayer2.propertiesInterface,
                                            member: "PropertiesChanged")
                try signal.append(MediaPlayer2.playerInterface, type: "s")
                try signal.append(changed)
                try signal.append(Value.strings([]))
                try bus.send(signal)
            }
            if MediaPlayer2.jumped(from: shown, to: status, after: now - shownAt) {
                let signal = try bus.signal(path: MediaPlayer2.objectPath, interface: MediaPlayer2.playerInterface, member: "Seeked")
                try signal.append(MediaPlayer2.microseconds(status.elapsed), type: "x")
                try bus.send(signal)
            }
        } catch {
            lose("the session bus went away (\(error)); media keys no longer reach the player")
        }
    }

    // MARK: Calls from the bus

    private func answer(_ message: Message) -> Message.Handling {
        guard let interface = message.interface, let member = message.member else { return .declined }
        do throws(BusError) {
            switch interface {
            case MediaPlayer2.propertiesInterface: return try properties(message, member)
            case MediaPlayer2.introspectableInterface where member == "Introspect":
                return try reply(to: message) { (reply: Message) throws(BusError) in try reply.append(MediaPlayer2.introspection, type: "s") }
            default:
                guard let call = model.call(interface: interface, member: member) else { return .declined }
                switch call {
                case .nothing: return try reply(to: message)
                case .error(let name, let text): return .failed(name: name, message: text)
                case .request(let request): return try carry(request, for: message)
                }
            }
        } catch {
            return .failed(name: MediaPlayer2.failed, message: "\(error)")
        }
    }

    /// A play key on a waiting `serve` starts the default routine; anything the session cannot
    /// do now (pause with nothing playing) has no effect, as the specification asks, but a
    /// start that fails says why.
    private func carry(_ request: ControlRequest, for message: Message) throws(BusError) -> Message.Handling {
        guard let handle else { return .failed(name: MediaPlayer2.failed, message: "the player is busy") }
        let state = handle(.status).status?.state ?? .idle
        var wanted = request.fromMediaKey(in: state)
        if case .start = wanted, !model.canStart { wanted = request }
        let reply = handle(wanted)
        if case .start = wanted, !reply.ok { return .failed(name: MediaPlayer2.failed, message: reply.error ?? "cannot start") }
        return try self.reply(to: message)
    }

    private func properties(_ message: Message, _ member: String) throws(BusError) -> Message.Handling {
        let interface = try message.readString()
        guard let all = model.properties(of: interface, shown) else {
            return .failed(name: "org.freedesktop.DBus.Error.UnknownInterface", message: "no interface \(interface) here")
        }
        switch member {
        case "GetAll":
            return try reply(to: message) { (reply: Message) throws(BusError) in try reply.append(all) }
        case "Get":
            let property = try message.readString()
            guard let entry = all.first(where: { $0.key == property }) else {
                return .failed(name: "org.freedesktop.DBus.Error.UnknownProperty", message: "no property \(property) in \(interface)")
            }
            return try reply(to: message) { (reply: Message) throws(BusError) in try reply.appendVariant(entry.value) }
        case "Set":
            return .failed(name: "org.freedesktop.DBus.Error.PropertyReadOnly", message: "the properties here are read-only")
        default:
            return .declined
        }
    }

    private func reply(to message: Message, _ fill: (Message) throws(BusError) -> Void = { _ in }) throws(BusError) -> Message.Handling {
        let reply = try message.reply()
        try fill(reply)
        try reply.send()
        return .answered
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
