/// A problem in a YAML file a person wrote (a routine, the config file), pointing at the line
/// and column to fix; with the others found in the same file, so that one round of fixes is enough.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    /// Further problems in the same file, in the order of the file.
    public internal(set) var others: [YAMLError] = []
    /// Problems found beyond the ones kept (`YAMLProblems.limit`).
    public internal(set) var untold = 0

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// This problem and the others, each on its own.
    public var all: [YAMLError] {
        [YAMLError(file: file, line: line, column: column, message: message)] + others
    }

    /// One `FILE:LINE:COLUMN: message` line per problem.
    public var description: String {
        var lines = all.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
        if untold > 0 { lines.append("\(file): \(untold) more problem\(untold == 1 ? "" : "s") after these") }
        return lines.joined(separator: "\n")
    }
}

/// The problems found so far in one file: decoding goes on past each one, so that a person
/// hears of every mistake at once rather than one per round.
public struct YAMLProblems {
    /// Enough to fix in one sitting; past it, the rest are only counted.
    public static let limit = 20

    public private(set) var found: [YAMLError] = []
    private var untold = 0

    public init() {}

    public var isEmpty: Bool { found.isEmpty }

    public mutating func record(_ error: YAMLError) {
        for problem in error.all {
            if found.count < YAMLProblems.limit { found.append(problem) } else { untold += 1 }
        }
        untold += error.untold
    }

    /// The body's value, or nil with its problem recorded.
    public mutating func attempt<Value>(_ body: () throws(YAMLError) -> Value) -> Value? {
        do {
            return try body()
        } catch {
            record(error)
            return nil
        }
    }

    /// Throws every problem recorded, as one error, in the order of the file.
    public func check() throws(YAMLError) {
        let sorted = found.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
        guard var first = sorted.first else { return }
        first.others = Array(sorted.dropFirst())
        first.untold = untold
        throw first
    }
}
