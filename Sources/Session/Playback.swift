import Mixer
import Player
import Timeline

/// What the session controller needs of the player: where it is, and to be told what to do.
/// `Player` is the real one; tests drive the controller with a fake.
public protocol Playback: AnyObject {
    /// Where playback is, as the listener hears it.
    func snapshot() -> PlaybackPosition.Snapshot
    /// Queues a command for the audio thread; false when it is too far behind to take one.
    func send(_ command: PlayerCommand) -> Bool
    /// The timeline of a generation posted so far (0 is the one the session began with).
    func timeline(generation: Int) -> Timeline
    /// Plays `timeline` (the same sounds) from session frame `frame` on; false once the player
    /// can take no more changes.
    func retime(to timeline: Timeline, from frame: Int) -> Bool
    /// How often the device ran dry and playback went on from the same frame.
    var underruns: Int { get }
    /// Once the position says finished: waits for the audio thread to be done (at once, by
    /// then) and returns why it stopped early, if the device failed. Called once.
    func ended() -> String?
}

extension Player: Playback {
    public func snapshot() -> PlaybackPosition.Snapshot { position.snapshot() }

    public func timeline(generation: Int) -> Timeline { mixer(generation: generation).timeline }

    public func retime(to timeline: Timeline, from frame: Int) -> Bool {
        let first = mixer(generation: 0)
        guard let generation = post(Mixer(timeline: timeline, bank: first.bank, gain: first.gain)) else { return false }
        return send(.retime(generation, from: frame))
    }

    public var underruns: Int { position.underruns }

    public func ended() -> String? {
        do {
            try wait()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
