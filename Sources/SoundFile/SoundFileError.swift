import CSndFile

/// A failed libsndfile call: its error code, the call's name, the file, and libsndfile's words.
public struct SoundFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let call: String
    public let path: String
    public let message: String

    public var description: String { "\(path): \(call): \(message)" }

    /// The error libsndfile holds for `handle` (or for the last failed open, when nil).
    static func last(_ handle: OpaquePointer?, call: String, path: String) -> SoundFileError {
        let code = sf_error(handle)
        return SoundFileError(code: code, call: call, path: path, message: String(cString: sf_strerror(handle)))
    }
}
