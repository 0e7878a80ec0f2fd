import ALSA
import Foundation
import Glibc
import Mixer
import Timeline

/// Plays a mixed session through a sound device from a thread of its own.
///
/// The thread drives a `PlayerCore`, which holds the playback state machine, and sleeps in
/// `poll` for as long as the core says (about a second at a time with a 2 s device buffer),
/// or until a command arrives: commands come through a lock-free queue, and a self-pipe wakes
/// the thread at once. While the device plays, the thread takes no locks, allocates nothing
/// and logs nothing. Only when the device is gone and comes back does it allocate, to open
/// the device again.
public final class Player: @unchecked Sendable {
    // The core is stepped only by the audio thread once `start()` has run; its mixer slots
    // are written by the thread that posts. The queue, the signals and `position` are built
    // for sharing.
    private let core: PlayerCore
    private let commands = CommandQueue()
    private let wakeup = EventSignal()
    /// Signalled whenever what `position` says may have changed other than by time passing:
    /// commands applied, the device gone or back, the end. A front end sleeps on this.
    public let changed: EventSignal
    private let done = DispatchSemaphore(value: 0)
    private var failure: ALSAError?

    public let position: PlaybackPosition

    public static let maximumRetimes = PlayerCore.maximumRetimes
    /// Silence between a resume and the session going on, to get back into position.
    public var resumeLeadIn: Int { core.resumeLeadIn }
    /// Length of the fade when stopping.
    public var fadeLength: Int { core.fadeLength }
    /// How far before the point where sound stopped playback picks up when the device is back.
    public var reconnectRewind: Int { core.reconnectRewind }

    /// Plays on `output`; when it is gone, opens the same device again with the same format.
    public convenience init(output: AudioOutput, mixer: Mixer, from startFrame: Int = 0, paused: Bool = false) {
        let name = output.device
        let format = output.format
        self.init(device: output, mixer: mixer, from: startFrame, paused: paused) { () throws(ALSAError) -> any AudioDevice in
            try AudioOutput(device: name, rate: format.rate, channels: format.channels,
                            bufferSeconds: Double(format.bufferFrames) / Double(format.rate))
        }
    }

    /// Plays on `device`; `opener` opens a device again after it is gone, and `clock`
    /// (nanoseconds) moves `position` on between the core's steps.
    public init(device: any AudioDevice, mixer: Mixer, from startFrame: Int = 0, paused: Bool = false,
                clock: @escaping @Sendable () -> Int = PlaybackPosition.monotonicNanoseconds,
                opener: @escaping @Sendable () throws(ALSAError) -> any AudioDevice) {
        // The device going or coming back shows in `position` (`waiting`): one signal serves.
        let changed = EventSignal()
        core = PlayerCore(device: device, mixer: mixer, from: startFrame, paused: paused, clock: clock,
                          notify: { _ in changed.notify() }, opener: opener)
        self.changed = changed
        position = core.position
    }

    // MARK: Other threads

    public func start() {
        let thread = Thread { [self] in
            self.run()
            self.changed.notify()
            self.done.signal()
        }
        thread.name = "stretchcue audio"
        thread.start()
    }

    /// Closes the device of a player that was never started: a session given up before it began.
    public func discard() {
        core.discard()
    }

    /// Sends a command; false if the audio thread has not kept up (it is then far behind).
    @discardableResult
    public func send(_ command: PlayerCommand) -> Bool {
        guard commands.push(command) else { return false }
        wakeup.notify()
        return true
    }

    /// Hands a newly compiled mixer to the audio thread; returns its generation for `.retime`,
    /// or nil after `maximumRetimes` changes. Called from one thread only.
    public func post(_ mixer: Mixer) -> Int? {
        core.post(mixer)
    }

    /// The mixer of a generation, for the thread that posted it.
    public func mixer(generation: Int) -> Mixer {
        core.mixer(generation: generation)
    }

    /// Waits for the audio thread; throws what stopped it early, if anything did.
    public func wait() throws(ALSAError) {
        done.wait()
        if let failure { throw failure }
    }

    // MARK: The audio thread

    /// Steps the core until the session is over, sleeping in between as long as it says or
    /// until a command arrives.
    private func run() {
        var wake = pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            switch core.step({ commands.pop() }) {
            case .sleep(let milliseconds):
                wake.revents = 0
                if poll(&wake, 1, Int32(clamping: milliseconds)) > 0 { wakeup.drain() }
            case .finished:
                return
            case .failed(let error):
                failure = error
                return
            }
        }
    }
}
