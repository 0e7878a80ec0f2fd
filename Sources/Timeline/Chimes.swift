import Routine

/// How long each chime sounds, as plain numbers, like a voice's line lengths: what the timeline
/// keeps room for where it may choose (a fitted session's pauses, a breath cue near a hold's end).
/// A kind not listed takes no time.
public struct Chimes: Sendable, Hashable {
    public var lengths: [CueKind: Seconds]

    public init(lengths: [CueKind: Seconds] = [:]) {
        self.lengths = lengths
    }

    /// How long `kind`'s sound lasts; nothing for a kind not listed.
    public subscript(kind: CueKind) -> Seconds {
        lengths[kind] ?? .zero
    }
}
