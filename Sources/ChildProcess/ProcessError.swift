import Glibc

/// A failed system call while running another program: the errno and the call's name.
public struct ProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let call: String

    public init(code: Int32, call: String) {
        self.code = code
        self.call = call
    }

    /// The last call's errno, under its name.
    static func last(_ call: String) -> ProcessError {
        ProcessError(code: errno, call: call)
    }

    public var description: String { "\(call): \(String(cString: strerror(code)))" }
}
