import CSystemd

/// One D-Bus message: a method call to answer, a reply to read, a signal or reply to fill in.
public final class Message {
    let handle: OpaquePointer

    /// A message sd-bus lends to a callback: referenced for as long as this lives.
    init(borrowing handle: OpaquePointer) {
        self.handle = sd_bus_message_ref(handle)
    }

    /// A message just made, whose one reference this takes.
    init(owning handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        sd_bus_message_unref(handle)
    }

    /// How an object's handler dealt with a message.
    public enum Handling: Equatable {
        /// Not for this handler: sd-bus answers (Peer, Introspect, unknown method).
        case declined
        /// A reply was sent.
        case answered
        /// Answer with this D-Bus error.
        case failed(name: String, message: String)
    }

    /// Whether this is a call of `member` on `interface` (either nil for any).
    public func isMethodCall(interface: String?, member: String?) -> Bool {
        sd_bus_message_is_method_call(handle, interface, member) > 0
    }

    public var interface: String? { sd_bus_message_get_interface(handle).map { String(cString: $0) } }
    public var member: String? { sd_bus_message_get_member(handle).map { String(cString: $0) } }

    /// The error of an error reply; nil for any other message.
    public var error: BusError? {
        guard sd_bus_message_is_method_error(handle, nil) > 0, let error = sd_bus_message_get_error(handle) else { return nil }
        return BusError(code: -sd_bus_error_get_errno(error), call: "reply", name: error.pointee.name.map { String(cString: $0) },
                        message: error.pointee.message.map { String(cString: $0) })
    }

    // MARK: Reading, in order

    public func readString() throws(BusError) -> String {
        var text: UnsafePointer<CChar>?
        _ = try BusError.check(sd_bus_message_read_basic(handle, CChar(UInt8(ascii: "s")), &text), "sd_bus_message_read_basic")
        return String(cString: text!)
    }

    public func readObjectPath() throws(BusError) -> String {
        var text: UnsafePointer<CChar>?
        _ = try BusError.check(sd_bus_message_read_basic(handle, CChar(UInt8(ascii: "o")), &text), "sd_bus_message_read_basic")
        return String(cString: text!)
    }

    public func readInt64() throws(BusError) -> Int64 {
        var value: Int64 = 0
        _ = try BusError.check(sd_bus_message_read_basic(handle, CChar(UInt8(ascii: "x")), &value), "sd_bus_message_read_basic")
        return value
    }

    public func readUInt32() throws(BusError) -> UInt32 {
        var value: UInt32 = 0
        _ = try BusError.check(sd_bus_message_read_basic(handle, CChar(UInt8(ascii: "u")), &value), "sd_bus_message_read_basic")
        return value
    }

    // MARK: Writing

    /// An empty reply to this method call, to fill in and send.
    public func reply() throws(BusError) -> Message {
        var reply: OpaquePointer?
        _ = try BusError.check(sd_bus_message_new_method_return(handle, &reply), "sd_bus_message_new_method_return")
        return Message(owning: reply!)
    }

    /// A string or an object path (`type` s or o).
    public func append(_ text: String, type: Character) throws(BusError) {
        _ = try BusError.check(text.withCString { sd_bus_message_append_basic(handle, CChar(type.asciiValue!), $0) },
                               "sd_bus_message_append_basic")
    }

    /// A fixed-size value: `type` b (an Int32 of 0 or 1), i, u, x or d.
    public func append<Value: BitwiseCopyable>(_ value: Value, type: Character) throws(BusError) {
        var copy = value
        _ = try BusError.check(sd_bus_message_append_basic(handle, CChar(type.asciiValue!), &copy), "sd_bus_message_append_basic")
    }

    /// Opens an array (a), a variant (v), a struct (r) or a dictionary entry (e) holding `contents`.
    public func open(_ type: Character, contents: String) throws(BusError) {
        _ = try BusError.check(sd_bus_message_open_container(handle, CChar(type.asciiValue!), contents),
                               "sd_bus_message_open_container")
    }

    public func close() throws(BusError) {
        _ = try BusError.check(sd_bus_message_close_container(handle), "sd_bus_message_close_container")
    }

    /// Sends this message on the bus it belongs to.
    public func send() throws(BusError) {
        _ = try BusError.check(sd_bus_send(nil, handle, nil), "sd_bus_send")
    }
}
