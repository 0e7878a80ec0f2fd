/// What the rest of the program may ask of the audio thread. Decisions (which exercise is
/// next, what the new tempo is) are made outside it; the audio thread only carries them out.
public enum PlayerCommand: Sendable, Equatable {
    case pause
    case resume
    /// Continue from this session frame.
    case seek(Int)
    /// Switch to the mixer posted under this generation (see `Player.post`), which differs
    /// from the current one only from session frame `from` on.
    case retime(Int, from: Int)
    /// Fade out and end.
    case stop
}
