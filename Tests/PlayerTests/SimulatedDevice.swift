import ALSA
import Glibc
import Player
import Synchronization

/// Simulated time in nanoseconds, moved on only by the test (or by a simulated drain).
final class VirtualClock: Sendable {
    private let nanoseconds = Atomic<Int>(0)

    var now: Int { nanoseconds.load(ordering: .acquiring) }

    func advance(by amount: Int) {
        nanoseconds.add(amount, ordering: .acquiringAndReleasing)
    }
}

/// The world outside the player: a sound card or a sound server with a clock of its own, and
/// a listener who hears every frame that leaves it. Devices opened through it play in step
/// with its clock; whatever they play is added to `heard`, across reconnections.
///
/// Used by one thread at a time: the test's, or the audio thread's while a `Player` runs
/// (the test reads it again only after `wait()`).
final class SoundSystem: @unchecked Sendable {
    enum Kind: Sendable, CustomStringConvertible {
        /// Rewinds, and its delay is what its buffer holds.
        case hardware
        /// A sound server's plugin: does not rewind, and its delay counts `latency` frames
        /// more than its buffer holds, already taken into the server and not yet heard.
        case soundServer(latency: Int)

        var description: String {
            switch self {
            case .hardware: "hardware"
            case .soundServer(let latency): "sound server (\(latency) frames of latency)"
            }
        }
    }

    let name = "simulated"
    let kind: Kind
    let format: OutputFormat
    let clock = VirtualClock()
    /// Each frame heard, in order (the first channel; the others must carry the same).
    private(set) var heard: [Float] = []
    /// Frames whose channels differed.
    private(set) var mismatchedChannels = 0
    /// Every device opened, the current one last.
    private(set) var devices: [SimulatedDevice] = []
    private(set) var openAttempts = 0
    /// Times a device ran dry.
    fileprivate(set) var underruns = 0
    /// Whether the device is there to open.
    var present = true
    /// Frames a newly opened device takes before each further write fails with EIO, as a
    /// file plugin does when it cannot write its file; nil for no such failure.
    var writeLimit: Int?
    /// How many times a suspended device answers EAGAIN before it resumes.
    var resumeRefusals = 0
    /// Virtual nanoseconds that each frame costs the player before a write hands it over, as
    /// rendering it does on a slow machine (the device plays on meanwhile); 0 for none.
    var renderCost = 0
    /// Nanoseconds of rendering not yet played out as whole frames.
    private var unplayed = 0

    init(kind: Kind = .hardware, rate: Int = 1_000, channels: Int = 2, bufferFrames: Int = 2_000) {
        self.kind = kind
        format = OutputFormat(rate: rate, channels: channels, sampleFormat: .float32, bufferFrames: bufferFrames,
                              periodFrames: bufferFrames / 2)
    }

    /// The device most recently opened.
    var device: SimulatedDevice { devices.last! }

    /// The current time in milliseconds.
    var milliseconds: Int { clock.now / 1_000_000 }

    func open() throws(ALSAError) -> SimulatedDevice {
        openAttempts += 1
        guard present else { throw ALSAError(code: -ENOENT, call: "snd_pcm_open", device: name) }
        let latency = if case .soundServer(let latency) = kind { latency } else { 0 }
        let device = SimulatedDevice(system: self, format: format, latency: latency, writeLimit: writeLimit)
        devices.append(device)
        return device
    }

    /// Lets time pass; the open device plays on meanwhile.
    func advance(milliseconds: Int) {
        precondition(milliseconds >= 0)
        clock.advance(by: milliseconds * 1_000_000)
        devices.last?.play(frames: milliseconds * format.rate / 1_000)
    }

    /// The device goes away: what it held is never heard, every call fails, and it cannot be
    /// opened until `plugIn()`.
    func unplug() {
        present = false
        devices.last?.vanish()
    }

    func plugIn() {
        present = true
    }

    /// The system sleeps: the device stands still until it is resumed.
    func suspend() {
        devices.last?.suspend()
    }

    /// Time passes while `frames` are rendered for a write.
    fileprivate func render(frames: Int) {
        guard renderCost > 0 else { return }
        clock.advance(by: frames * renderCost)
        unplayed += frames * renderCost
        let played = unplayed * format.rate / 1_000_000_000
        unplayed -= played * 1_000_000_000 / format.rate
        devices.last?.play(frames: played)
    }

    fileprivate func hear(_ samples: ArraySlice<Float>) {
        let channels = format.channels
        var index = samples.startIndex
        while index < samples.endIndex {
            let first = samples[index]
            for channel in 1..<channels where samples[index + channel] != first { mismatchedChannels += 1 }
            heard.append(first)
            index += channels
        }
    }

    fileprivate func pass(frames: Int) {
        clock.advance(by: frames * 1_000_000_000 / format.rate)
    }
}

/// A playback device in float32 that behaves like a libasound PCM as far as the player can
/// tell: a buffer with a start threshold of its whole size, non-blocking writes, rewinding or
/// dropping, underruns answered with EPIPE from the next call, suspends with ESTRPIPE, and a
/// device that vanishes answered with ENODEV. Frames count as heard when they leave it (for
/// a sound server, `latency` frames after they leave its buffer), never before: nothing a
/// rewind or a drop takes back was heard.
final class SimulatedDevice: AudioDevice {
    let format: OutputFormat
    let availMin: Int
    let canRewind: Bool
    private unowned let system: SoundSystem
    private let latency: Int
    private let writeLimit: Int?
    private let channels: Int

    private var current: PCM.State = .prepared
    private var beforeSuspend: PCM.State = .prepared
    /// Interleaved samples written and not yet heard, oldest first.
    private var queued: [Float] = []
    /// How many of the queued frames are still in the buffer; the others are in the server.
    private var inBuffer = 0
    /// `inBuffer` as of the last call that asked the device where it is (avail, delay, a
    /// write or a rewind): what a sound card's `rewindable` goes by.
    private var reportedInBuffer = 0
    private var written = 0
    private var gone = false
    private(set) var closed = false
    private(set) var nonBlocking = false
    private(set) var rewound = 0
    private(set) var drops = 0
    private(set) var drained = false

    fileprivate init(system: SoundSystem, format: OutputFormat, latency: Int, writeLimit: Int?) {
        self.system = system
        self.format = format
        self.latency = latency
        self.writeLimit = writeLimit
        channels = format.channels
        availMin = format.bufferFrames / 2
        canRewind = latency == 0
    }

    private var queuedFrames: Int { queued.count / channels }

    // MARK: The device's own time

    fileprivate func play(frames: Int) {
        guard current == .running, !gone, !closed, frames > 0 else { return }
        let count = min(frames, queuedFrames)
        let inServer = queuedFrames - inBuffer
        system.hear(queued[0..<(count * channels)])
        queued.removeFirst(count * channels)
        if count > inServer { inBuffer -= count - inServer }
        pull()
        if queuedFrames == 0 {
            current = .xrun
            system.underruns += 1
        }
    }

    /// The server takes what fits in its latency from the buffer at once.
    private func pull() {
        let inServer = queuedFrames - inBuffer
        let moved = max(0, min(inBuffer, latency - inServer))
        inBuffer -= moved
    }

    fileprivate func vanish() {
        gone = true
        queued.removeAll()
        inBuffer = 0
    }

    fileprivate func suspend() {
        beforeSuspend = current
        current = .suspended
    }

    private func checkOpen(_ call: String) throws(ALSAError) {
        if closed { throw ALSAError(code: -EBADFD, call: call, device: system.name) }
        if gone { throw ALSAError(code: -ENODEV, call: call, device: system.name) }
    }

    private func check(_ call: String) throws(ALSAError) {
        try checkOpen(call)
        if current == .suspended { throw ALSAError(code: -ESTRPIPE, call: call, device: system.name) }
    }

    private func checkRunning(_ call: String) throws(ALSAError) {
        try check(call)
        if current == .xrun { throw ALSAError(code: -EPIPE, call: call, device: system.name) }
    }

    // MARK: AudioDevice

    var state: PCM.State {
        if gone { return .disconnected }
        return current
    }

    func avail() throws(ALSAError) -> Int {
        try checkRunning("snd_pcm_avail")
        reportedInBuffer = inBuffer
        return format.bufferFrames - inBuffer
    }

    func writeInterleaved(_ samples: UnsafeRawBufferPointer, frames: Int) throws(ALSAError) -> Int {
        try checkRunning("snd_pcm_writei")
        guard current == .prepared || current == .running else {
            throw ALSAError(code: -EBADFD, call: "snd_pcm_writei", device: system.name)
        }
        let count = min(frames, format.bufferFrames - inBuffer)
        precondition(count > 0 || nonBlocking, "a blocking write into a full buffer would never return")
        guard count > 0 else { return 0 }
        system.render(frames: frames)
        // The device may have run dry while these frames were being made.
        try checkRunning("snd_pcm_writei")
        if let writeLimit, written + count > writeLimit {
            throw ALSAError(code: -EIO, call: "snd_pcm_writei", device: system.name)
        }
        precondition(samples.count >= frames * channels * MemoryLayout<Float>.size)
        for index in 0..<(count * channels) {
            queued.append(samples.loadUnaligned(fromByteOffset: index * MemoryLayout<Float>.size, as: Float.self))
        }
        inBuffer += count
        reportedInBuffer = inBuffer
        written += count
        if current == .prepared, inBuffer >= format.bufferFrames { current = .running }
        if current == .running { pull() }
        return count
    }

    func delay() throws(ALSAError) -> Int {
        try checkRunning("snd_pcm_delay")
        reportedInBuffer = inBuffer
        return queuedFrames
    }

    func drop() throws(ALSAError) {
        try checkOpen("snd_pcm_drop")
        queued.removeAll()
        inBuffer = 0
        reportedInBuffer = 0
        drops += 1
        current = .setup
    }

    func prepare() throws(ALSAError) {
        try checkOpen("snd_pcm_prepare")
        queued.removeAll()
        inBuffer = 0
        reportedInBuffer = 0
        current = .prepared
    }

    func drain() throws(ALSAError) {
        try checkRunning("snd_pcm_drain")
        if nonBlocking { throw ALSAError(code: -EAGAIN, call: "snd_pcm_drain", device: system.name) }
        let frames = queuedFrames
        system.hear(queued[...])
        system.pass(frames: frames)
        queued.removeAll()
        inBuffer = 0
        drained = true
        current = .setup
    }

    /// As a sound card's: from where it last said it was, not from where it is.
    func rewindable() throws(ALSAError) -> Int {
        try checkRunning("snd_pcm_rewindable")
        return canRewind ? reportedInBuffer : 0
    }

    /// Takes back no more than is still queued, as the kernel does.
    func rewind(frames: Int) throws(ALSAError) -> Int {
        try checkRunning("snd_pcm_rewind")
        let taken = canRewind ? min(frames, inBuffer) : 0
        queued.removeLast(taken * channels)
        inBuffer -= taken
        reportedInBuffer = inBuffer
        rewound += taken
        return taken
    }

    func resume() throws(ALSAError) {
        try checkOpen("snd_pcm_resume")
        guard current == .suspended else { throw ALSAError(code: -EBADFD, call: "snd_pcm_resume", device: system.name) }
        if system.resumeRefusals > 0 {
            system.resumeRefusals -= 1
            throw ALSAError(code: -EAGAIN, call: "snd_pcm_resume", device: system.name)
        }
        current = beforeSuspend
    }

    /// What snd_pcm_recover does: prepares after an underrun, resumes (or prepares) after a
    /// suspend, and gives back any other error.
    func recover(from error: ALSAError) throws(ALSAError) {
        switch error.errno {
        case EPIPE:
            try prepare()
        case ESTRPIPE:
            while true {
                do throws(ALSAError) {
                    try resume()
                    return
                } catch where error.errno == EAGAIN {
                    continue
                } catch {
                    break
                }
            }
            try prepare()
        case EINTR:
            return
        default:
            throw ALSAError(code: error.code, call: "snd_pcm_recover", device: system.name)
        }
    }

    func setNonBlocking(_ on: Bool) throws(ALSAError) {
        try check("snd_pcm_nonblock")
        nonBlocking = on
    }

    func close() {
        closed = true
    }
}
