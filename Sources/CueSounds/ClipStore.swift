/// Where spoken lines are kept between sessions, so that a line costs its synthesis once.
/// What is not there (or not intact) is simply made again.
public protocol ClipStore: Sendable {
    func clip(for key: String) -> StoredClip?
    /// Whether it was kept: a store that cannot write is one that misses.
    @discardableResult
    func keep(_ clip: StoredClip, for key: String) -> Bool
}

/// A spoken line as the synthesizer made it, trimmed: 16-bit mono at its own rate.
public struct StoredClip: Sendable, Equatable {
    public let sampleRate: Int
    public let samples: [Int16]

    public init(sampleRate: Int, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }
}
