/// Why a file cannot be imported, and where in it: a line and column (from 1, columns counted
/// in characters) when the reader knows them.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int?
    public let column: Int?

    public init(_ message: String, at place: Place? = nil) {
        self.message = message
        line = place?.line
        column = place?.column
    }

    /// "3:14: message", or the message alone where there is no place.
    public var description: String {
        guard let line else { return message }
        return "\(line):\(column ?? 1): \(message)"
    }
}

/// A place in a file: line and column, both from 1.
public struct Place: Sendable, Equatable, Hashable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = Place(line: 1, column: 1)
}
