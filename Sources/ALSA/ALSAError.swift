import CALSA
import Glibc

/// A failed libasound call: the negative error code it returned and the call's name.
public struct ALSAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the call returned: a negative errno value.
    public let code: Int32
    public let call: String
    public let device: String?

    public init(code: Int32, call: String, device: String? = nil) {
        self.code = code
        self.call = call
        self.device = device
    }

    public var errno: Int32 { -code }

    /// libasound's words for the code, without the call: "No such file or directory".
    public var reason: String { String(cString: snd_strerror(code)) }

    public var description: String {
        let target = device.map { "(\($0))" } ?? ""
        return "\(call)\(target): \(reason)"
    }

    /// Turns a libasound return value into a count, or throws it as an error.
    @inline(__always)
    static func check(_ result: some BinaryInteger, _ call: String, device: String? = nil) throws(ALSAError) -> Int {
        if result < 0 { throw ALSAError(code: Int32(truncatingIfNeeded: result), call: call, device: device) }
        return Int(result)
    }
}
