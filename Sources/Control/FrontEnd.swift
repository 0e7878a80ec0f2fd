import Glibc

/// A way into the one player, served from its main loop's one `poll`: the control socket, the
/// desktop's media controls, buttons. Each turns what it receives into `ControlRequest`s for
/// the same dispatch, and hears of the session's events and status, so that none of them holds
/// a copy of the session's rules.
///
/// The loop asks each front end what to watch and how long it may sleep, polls, and then lets
/// every front end `service` what is ready (or whose time has come).
public protocol FrontEnd: AnyObject {
    /// Descriptors to watch in the loop's `poll`, with the events wanted on each.
    var watched: [Watch] { get }
    /// The longest the loop may sleep before `service` should run again; nil for as long as it likes.
    var timeout: Double? { get }
    /// Reads and answers what is ready; `handle` carries each request to the player and
    /// returns its reply. Called after every `poll`, with the descriptors that had events.
    func service(ready: Set<Int32>, handle: (ControlRequest) -> ControlReply)
    /// Something happened in the session.
    func report(_ event: SessionEvent)
    /// Where the session is, after each turn of the loop, for a front end that shows it as a
    /// state rather than as events; only asked for when `followsStatus`.
    func follow(_ status: SessionStatus)
    var followsStatus: Bool { get }
}

extension FrontEnd {
    public func report(_ event: SessionEvent) {}
    public func follow(_ status: SessionStatus) {}
    public var followsStatus: Bool { false }
}

/// One descriptor for `poll`, with the events wanted on it.
public struct Watch: Sendable, Equatable {
    public let descriptor: Int32
    public let events: Int16

    public init(_ descriptor: Int32, events: Int16 = Int16(POLLIN)) {
        self.descriptor = descriptor
        self.events = events
    }
}

extension ControlServer: FrontEnd {
    public var watched: [Watch] { descriptors.map { Watch($0) } }

    public func service(ready: Set<Int32>, handle: (ControlRequest) -> ControlReply) {
        service(readable: ready, handle: handle)
    }

    public func report(_ event: SessionEvent) {
        broadcast(event)
    }
}
