/// The spoken lines of a session at its rate, in 16 bits, wherever they are kept: in memory
/// (`HeldLines`), or in a file mapped into memory whose pages come in as a line is mixed and go
/// again once it has been (`release`), so that a routine's voice takes memory for the lines
/// around the one playing rather than for all of them.
///
/// The samples of a line stay at one address for the object's life: the mix reads them from
/// the audio thread without a lock. `release` only lets their memory go until they are read
/// again; it never changes what they say.
public protocol SpokenLines: AnyObject, Sendable {
    /// How many lines there are.
    var count: Int { get }
    /// The samples of line `index`.
    func samples(_ index: Int) -> UnsafeBufferPointer<Int16>
    /// Line `index` will not be heard again soon: what holds its samples in memory may go.
    func release(_ index: Int)
}

/// Spoken lines held in memory, all at once: for tests, short sessions, and wherever no file
/// can be had for them.
public final class HeldLines: SpokenLines, @unchecked Sendable {
    // Written once in init, then only read.
    private let storage: UnsafeMutableBufferPointer<Int16>
    private let ranges: [Range<Int>]

    public init(_ lines: [[Int16]]) {
        storage = .allocate(capacity: lines.reduce(0) { $0 + $1.count })
        var ranges: [Range<Int>] = []
        var offset = 0
        for line in lines {
            _ = UnsafeMutableBufferPointer(rebasing: storage[offset..<(offset + line.count)]).initialize(from: line)
            ranges.append(offset..<(offset + line.count))
            offset += line.count
        }
        self.ranges = ranges
    }

    deinit {
        storage.deallocate()
    }

    public var count: Int { ranges.count }

    public func samples(_ index: Int) -> UnsafeBufferPointer<Int16> {
        UnsafeBufferPointer(rebasing: storage[ranges[index]])
    }

    public func release(_ index: Int) {}
}
