import Routine

/// Spoken guidance for a session: how long each line takes to say, so that the timeline can
/// make room for it before the next hold.
public struct Voice: Sendable, Hashable {
    /// Each line's length as synthesized; a line not listed takes no time.
    public var lengths: [String: Seconds]

    public init(lengths: [String: Seconds]) {
        self.lengths = lengths
    }

    /// Speech waits this long after its chime: by then the bundled chimes have decayed by
    /// 20 dB, so the voice does not talk over their strike.
    public static let afterChime = Seconds(8, over: 10)

    /// Quiet between the end of the speech and the chime it leads to, to settle in.
    public static let settle = Seconds(1)

    /// The least time from a chime to the next one when `line` is said after it.
    func room(for line: String) -> Seconds {
        Voice.afterChime + (lengths[line] ?? .zero) + Voice.settle
    }
}
