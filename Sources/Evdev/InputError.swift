import Glibc

/// A failed call on an input device: the errno it came to, the call's name and the device.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A positive errno value.
    public let code: Int32
    public let call: String
    public let path: String

    public init(code: Int32, call: String, path: String) {
        self.code = code
        self.call = call
        self.path = path
    }

    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "\(path): \(call): \(reason)" }
}
