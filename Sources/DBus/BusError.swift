import Glibc

/// A failed sd-bus call: the negative errno it returned and the call's name, or an error reply
/// from the other end (its D-Bus error name and message).
public struct BusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the call returned: a negative errno value.
    public let code: Int32
    public let call: String
    /// With an error reply: its name (`org.freedesktop.DBus.Error.AccessDenied`) and words.
    public let name: String?
    public let message: String?

    public init(code: Int32, call: String, name: String? = nil, message: String? = nil) {
        self.code = code
        self.call = call
        self.name = name
        self.message = message
    }

    public var description: String {
        if let name { return "\(call): \(message ?? name)" }
        return "\(call): \(String(cString: strerror(-code)))"
    }

    @inline(__always)
    static func check(_ result: Int32, _ call: String) throws(BusError) -> Int32 {
        if result < 0 { throw BusError(code: result, call: call) }
        return result
    }
}
