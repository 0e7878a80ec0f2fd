import CALSA
import Glibc

/// A libasound playback PCM. Each method is one libasound call; failures throw `ALSAError`
/// naming the call.
public final class PCM: @unchecked Sendable {
    // libasound handles are not thread-safe; the player hands a PCM from the thread that opens
    // it to the audio thread, and only one of them uses it at a time.
    let handle: OpaquePointer
    public let name: String
    private var isOpen = true

    public enum State: Sendable, Equatable {
        case open, setup, prepared, running, xrun, draining, paused, suspended, disconnected, unknown
    }

    public init(device: String, nonBlocking: Bool = false) throws(ALSAError) {
        var pointer: OpaquePointer?
        let result = snd_pcm_open(&pointer, device, SND_PCM_STREAM_PLAYBACK, nonBlocking ? SND_PCM_NONBLOCK : 0)
        _ = try ALSAError.check(result, "snd_pcm_open", device: device)
        handle = pointer!
        name = device
    }

    deinit {
        close()
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        snd_pcm_close(handle)
    }

    /// Frames written; 0 when a non-blocking device has no room.
    public func writeInterleaved(_ samples: UnsafeRawBufferPointer, frames: Int) throws(ALSAError) -> Int {
        let result = snd_pcm_writei(handle, samples.baseAddress, snd_pcm_uframes_t(frames))
        if result == -Int(EAGAIN) { return 0 }
        return try ALSAError.check(result, "snd_pcm_writei", device: name)
    }

    /// Frames of room now: asks the device where it is first (`snd_pcm_avail_update` goes by
    /// where a sound card last said it was, at its last period interrupt).
    public func avail() throws(ALSAError) -> Int {
        try ALSAError.check(snd_pcm_avail(handle), "snd_pcm_avail", device: name)
    }

    /// Frames queued but not yet heard.
    public func delay() throws(ALSAError) -> Int {
        var frames: snd_pcm_sframes_t = 0
        _ = try ALSAError.check(snd_pcm_delay(handle, &frames), "snd_pcm_delay", device: name)
        return frames
    }

    public func prepare() throws(ALSAError) {
        _ = try ALSAError.check(snd_pcm_prepare(handle), "snd_pcm_prepare", device: name)
    }

    /// Stops at once, discarding what is queued.
    public func drop() throws(ALSAError) {
        _ = try ALSAError.check(snd_pcm_drop(handle), "snd_pcm_drop", device: name)
    }

    /// Stops after everything queued has played.
    public func drain() throws(ALSAError) {
        _ = try ALSAError.check(snd_pcm_drain(handle), "snd_pcm_drain", device: name)
    }

    public func resume() throws(ALSAError) {
        _ = try ALSAError.check(snd_pcm_resume(handle), "snd_pcm_resume", device: name)
    }

    public func recover(from error: ALSAError, silent: Bool) throws(ALSAError) {
        _ = try ALSAError.check(snd_pcm_recover(handle, error.code, silent ? 1 : 0), "snd_pcm_recover", device: name)
    }

    public func rewindable() throws(ALSAError) -> Int {
        try ALSAError.check(snd_pcm_rewindable(handle), "snd_pcm_rewindable", device: name)
    }

    /// Takes back up to `frames` queued frames; returns how many it took.
    public func rewind(frames: Int) throws(ALSAError) -> Int {
        try ALSAError.check(snd_pcm_rewind(handle, snd_pcm_uframes_t(frames)), "snd_pcm_rewind", device: name)
    }

    public var state: State {
        switch snd_pcm_state(handle) {
        case SND_PCM_STATE_OPEN: .open
        case SND_PCM_STATE_SETUP: .setup
        case SND_PCM_STATE_PREPARED: .prepared
        case SND_PCM_STATE_RUNNING: .running
        case SND_PCM_STATE_XRUN: .xrun
        case SND_PCM_STATE_DRAINING: .draining
        case SND_PCM_STATE_PAUSED: .paused
        case SND_PCM_STATE_SUSPENDED: .suspended
        case SND_PCM_STATE_DISCONNECTED: .disconnected
        default: .unknown
        }
    }

    public func setNonBlocking(_ on: Bool) throws(ALSAError) {
        _ = try ALSAError.check(snd_pcm_nonblock(handle, on ? 1 : 0), "snd_pcm_nonblock", device: name)
    }
}

extension PCM {
    /// What kind of PCM a device name resolved to: real hardware, a conversion plugin, a
    /// sound server's plugin, ...
    public enum Kind: Sendable, Equatable {
        case hardware, plug, ioplug, extplug, file, null, other
    }

    public var type: Kind {
        switch snd_pcm_type(handle) {
        case SND_PCM_TYPE_HW: .hardware
        case SND_PCM_TYPE_PLUG: .plug
        case SND_PCM_TYPE_IOPLUG: .ioplug
        case SND_PCM_TYPE_EXTPLUG: .extplug
        case SND_PCM_TYPE_FILE: .file
        case SND_PCM_TYPE_NULL: .null
        default: .other
        }
    }
}
