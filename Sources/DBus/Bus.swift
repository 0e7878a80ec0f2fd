import CSystemd
import Glibc

/// A connection to a D-Bus bus through sd-bus, driven from the caller's own `poll` loop:
/// watch `descriptor` for `events()` until `timeout()`, then `process()` until it has nothing
/// more to do. Not thread-safe: one thread owns it.
public final class Bus {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// The user's session bus, at `$DBUS_SESSION_BUS_ADDRESS` or `$XDG_RUNTIME_DIR/bus`.
    public static func user() throws(BusError) -> Bus {
        var handle: OpaquePointer?
        _ = try BusError.check(sd_bus_open_user(&handle), "sd_bus_open_user")
        return Bus(handle: handle!)
    }

    deinit {
        // What is queued (a last signal) goes out before the connection closes.
        sd_bus_flush_close_unref(handle)
    }

    public var descriptor: Int32 {
        get throws(BusError) { try BusError.check(sd_bus_get_fd(handle), "sd_bus_get_fd") }
    }

    /// The `poll` events to wait for: POLLIN, and POLLOUT while messages wait to be written.
    public func events() throws(BusError) -> Int16 {
        Int16(try BusError.check(sd_bus_get_events(handle), "sd_bus_get_events"))
    }

    /// When `process()` is due at the latest (a call's reply timing out), in microseconds of
    /// CLOCK_MONOTONIC; nil when nothing is.
    public func timeout() throws(BusError) -> UInt64? {
        var usec: UInt64 = 0
        _ = try BusError.check(sd_bus_get_timeout(handle, &usec), "sd_bus_get_timeout")
        return usec == UInt64.max ? nil : usec
    }

    /// Handles one incoming message or pending piece of work; true when there may be more.
    @discardableResult
    public func process() throws(BusError) -> Bool {
        try BusError.check(sd_bus_process(handle, nil), "sd_bus_process") > 0
    }

    /// Sends a message (a reply, a signal) or queues it, without waiting.
    public func send(_ message: Message) throws(BusError) {
        _ = try BusError.check(sd_bus_send(handle, message.handle, nil), "sd_bus_send")
    }

    /// Asks for a well-known name without waiting; `replied` gets the bus's answer.
    public func requestName(_ name: String, replied: @escaping (Message) -> Void) throws(BusError) -> Slot {
        let box = Slot.Box(replied: replied)
        var slot: OpaquePointer?
        let userdata = Unmanaged.passUnretained(box).toOpaque()
        _ = try BusError.check(sd_bus_request_name_async(handle, &slot, name, 0, { message, userdata, _ in
            guard let message, let userdata else { return 0 }
            // The callback may drop its own slot: the box lives until it returns.
            let box = Unmanaged<Slot.Box>.fromOpaque(userdata).takeUnretainedValue()
            withExtendedLifetime(box) { box.replied?(Message(borrowing: message)) }
            return 1
        }, userdata), "sd_bus_request_name_async")
        return Slot(handle: slot!, box: box)
    }

    /// Serves every message sent to the object at `path`; `handle` answers a method call or
    /// declines it (sd-bus then answers for it: Peer, unknown methods).
    public func addObject(_ path: String, handle: @escaping (Message) -> Message.Handling) throws(BusError) -> Slot {
        let box = Slot.Box(handle: handle)
        var slot: OpaquePointer?
        let userdata = Unmanaged.passUnretained(box).toOpaque()
        _ = try BusError.check(sd_bus_add_object(self.handle, &slot, path, { message, userdata, error in
            guard let message, let userdata else { return 0 }
            let box = Unmanaged<Slot.Box>.fromOpaque(userdata).takeUnretainedValue()
            guard let handle = box.handle else { return 0 }
            switch withExtendedLifetime(box, { handle(Message(borrowing: message)) }) {
            case .declined: return 0
            case .answered: return 1
            case .failed(let name, let text): return sd_bus_error_set(error, name, text)
            }
        }, userdata), "sd_bus_add_object")
        return Slot(handle: slot!, box: box)
    }

    /// A new signal, to fill in and `send`.
    public func signal(path: String, interface: String, member: String) throws(BusError) -> Message {
        var message: OpaquePointer?
        _ = try BusError.check(sd_bus_message_new_signal(handle, &message, path, interface, member), "sd_bus_message_new_signal")
        return Message(owning: message!)
    }
}

/// What keeps a name request, an object or a match alive: dropping it undoes it.
public final class Slot {
    let handle: OpaquePointer
    private let box: Box

    final class Box {
        let replied: ((Message) -> Void)?
        let handle: ((Message) -> Message.Handling)?

        init(replied: ((Message) -> Void)? = nil, handle: ((Message) -> Message.Handling)? = nil) {
            self.replied = replied
            self.handle = handle
        }
    }

    init(handle: OpaquePointer, box: Box) {
        self.handle = handle
        self.box = box
    }

    deinit {
        sd_bus_slot_unref(handle)
    }
}
