import ALSA

/// What the player needs of an open playback device: the calls of a libasound PCM that the
/// playback state machine makes, each failing with the `ALSAError` libasound would give.
/// `AudioOutput` is the real one; tests use a simulated device with a clock of its own.
///
/// One thread at a time uses a device: the one that opens it, then the audio thread.
public protocol AudioDevice: AnyObject {
    /// What the device agreed to.
    var format: OutputFormat { get }
    /// Frames of room at which the device wakes the player.
    var availMin: Int { get }
    /// Whether queued audio can be taken back by rewinding; otherwise the player drops what
    /// is queued and refills the device.
    var canRewind: Bool { get }
    var state: PCM.State { get }

    /// Frames of room for writing now, from where the device is now. (Not from where it last
    /// said it was: a sound card reports its position at period interrupts, a second apart
    /// with the player's buffer, and a refill planned from that runs the device dry.)
    func avail() throws(ALSAError) -> Int
    /// Writes interleaved frames in `format`; returns how many the device took (0 when a
    /// non-blocking device has no room).
    func writeInterleaved(_ samples: UnsafeRawBufferPointer, frames: Int) throws(ALSAError) -> Int
    /// Frames written but not yet heard.
    func delay() throws(ALSAError) -> Int
    /// Stops at once, discarding what is queued.
    func drop() throws(ALSAError)
    func prepare() throws(ALSAError)
    /// Blocks until everything queued has played (in blocking mode).
    func drain() throws(ALSAError)
    /// Frames that `rewind` can take back, as of the last call that asked the device where it
    /// is (`avail`, `delay`, a write): a sound card does not ask again.
    func rewindable() throws(ALSAError) -> Int
    /// Takes back up to `frames` queued frames; returns how many it took.
    func rewind(frames: Int) throws(ALSAError) -> Int
    /// Wakes the device after the system was suspended.
    func resume() throws(ALSAError)
    /// Mends an underrun or a suspend, quietly; throws when it cannot.
    func recover(from error: ALSAError) throws(ALSAError)
    func setNonBlocking(_ on: Bool) throws(ALSAError)
    /// Frees the device for other programs; closing it again does nothing.
    func close()
}
