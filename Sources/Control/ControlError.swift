import Glibc

/// A failed system call on the control socket or the terminal, with its errno.
public struct ControlError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let call: String
    public let path: String?
    /// Said instead of the system's words for `code`, when those would not tell what to do.
    public let detail: String?

    public init(code: Int32, call: String, path: String? = nil, detail: String? = nil) {
        self.code = code
        self.call = call
        self.path = path
        self.detail = detail
    }

    static func last(_ call: String, path: String? = nil) -> ControlError {
        ControlError(code: errno, call: call, path: path)
    }

    public var description: String {
        let target = path.map { "\($0): " } ?? ""
        if let detail { return target + detail }
        return "\(target)\(call): \(String(cString: strerror(code)))"
    }
}
