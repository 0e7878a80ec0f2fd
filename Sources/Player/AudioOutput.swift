import ALSA

/// An open sound device, set up for the session: interleaved samples in the best format it
/// takes, at 48 kHz if it can, with a large buffer so the player wakes rarely.
public final class AudioOutput: @unchecked Sendable {
    // One thread at a time uses the device: the one that opens it, then the audio thread.
    let pcm: PCM
    public let format: OutputFormat
    public let device: String
    /// Frames of room at which the device wakes the player.
    public let availMin: Int
    /// Whether queued audio can be taken back by rewinding; sound-server plugins rewind
    /// unreliably, so there the player drops and refills instead.
    public let canRewind: Bool

    public static let preferredRate = 48_000
    public static let preferredFormats: [SampleFormat] = [.signed16, .signed32, .float32]

    /// How much sound the player keeps queued on a sound card: a refill about once a second,
    /// and a card's own limit is often near it anyway.
    public static let bufferSeconds = 2.0
    /// How much on a sound server's plugin (PulseAudio's `pulse`, PipeWire's, JACK's). The
    /// `pulse` plugin insists on three periods at least, and the server asks for more sound once
    /// a period: 3 s makes that once a second, and the plugin's thread wakes about 3.1 times a
    /// second instead of 3.8 at 2 s. Larger is worse, not better (4 s: about the same; 10 s: 22
    /// a second; docs/performance.md).
    public static let serverBufferSeconds = 3.0

    /// Opens `device`; `bufferSeconds` is a wish the device may shorten (by default, by the
    /// kind of device: `serverBufferSeconds` for a sound server's plugin, else `bufferSeconds`).
    public init(device: String, rate: Int = AudioOutput.preferredRate, channels: Int = 2,
                bufferSeconds: Double? = nil) throws(ALSAError) {
        self.device = device
        let pcm = try PCM(device: device)
        self.pcm = pcm
        let isServer = pcm.type == .ioplug || pcm.type == .extplug
        let bufferSeconds = bufferSeconds ?? (isServer ? AudioOutput.serverBufferSeconds : AudioOutput.bufferSeconds)
        let hardware = try PCM.HardwareParameters()
        /// Access, format, channels and rate, from the whole configuration space.
        func restrict() throws(ALSAError) -> (SampleFormat, channels: Int, rate: Int) {
            try hardware.any(on: pcm)
            try hardware.setAccess(.readWriteInterleaved, on: pcm)
            guard let sampleFormat = AudioOutput.preferredFormats.first(where: { hardware.testFormat($0, on: pcm) }) else {
                throw ALSAError(code: -22, call: "snd_pcm_hw_params_set_format", device: device)
            }
            try hardware.setFormat(sampleFormat, on: pcm)
            return (sampleFormat, try hardware.setChannelsNear(channels, on: pcm), try hardware.setRateNear(rate, on: pcm))
        }
        var (sampleFormat, channelCount, actualRate) = try restrict()
        let wanted = Int(Double(actualRate) * bufferSeconds)
        var buffer: Int, period: Int
        do {
            buffer = try hardware.setBufferSizeNear(wanted, on: pcm)
            period = try hardware.setPeriodSizeNear(max(64, buffer / 2), on: pcm)
        } catch {
            // Some devices (JACK's plugin) have a period of their own that the buffer must be a
            // whole number of: then the period is settled first, and the buffer around it.
            (sampleFormat, channelCount, actualRate) = try restrict()
            period = try hardware.setPeriodSizeNear(max(64, wanted / 2), on: pcm)
            buffer = try hardware.setBufferSizeNear(wanted, on: pcm)
        }
        try hardware.install(on: pcm)

        let software = try PCM.SoftwareParameters(of: pcm)
        // Sleep until half the buffer has played out, then refill it: about one wakeup a
        // second with a 2 s buffer, and never close to running dry.
        try software.setAvailMin(max(period, buffer / 2), on: pcm)
        try software.setStartThreshold(buffer, on: pcm)
        try software.install(on: pcm)

        self.availMin = max(period, buffer / 2)
        canRewind = pcm.type == .hardware || pcm.type == .plug
        format = OutputFormat(rate: actualRate, channels: channelCount, sampleFormat: sampleFormat,
                              bufferFrames: buffer, periodFrames: period)
    }

    public func close() {
        pcm.close()
    }
}

extension AudioOutput: AudioDevice {
    public var state: PCM.State { pcm.state }

    public func avail() throws(ALSAError) -> Int {
        try pcm.avail()
    }

    public func writeInterleaved(_ samples: UnsafeRawBufferPointer, frames: Int) throws(ALSAError) -> Int {
        try pcm.writeInterleaved(samples, frames: frames)
    }

    public func delay() throws(ALSAError) -> Int {
        try pcm.delay()
    }

    public func drop() throws(ALSAError) {
        try pcm.drop()
    }

    public func prepare() throws(ALSAError) {
        try pcm.prepare()
    }

    public func drain() throws(ALSAError) {
        try pcm.drain()
    }

    public func rewindable() throws(ALSAError) -> Int {
        try pcm.rewindable()
    }

    public func rewind(frames: Int) throws(ALSAError) -> Int {
        try pcm.rewind(frames: frames)
    }

    public func resume() throws(ALSAError) {
        try pcm.resume()
    }

    public func recover(from error: ALSAError) throws(ALSAError) {
        try pcm.recover(from: error, silent: true)
    }

    public func setNonBlocking(_ on: Bool) throws(ALSAError) {
        try pcm.setNonBlocking(on)
    }
}
