import Glibc
import Synchronization

/// Where playback is, as the listener hears it: published by the audio thread at each wakeup,
/// read by anyone. A sequence counter around the values lets readers retry instead of locking,
/// so the audio thread never waits for a reader.
public final class PlaybackPosition: Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// The session frame being heard.
        public var frame: Int
        public var paused: Bool
        /// Which posted mixer (timeline) the frame belongs to.
        public var generation: Int
        public var finished: Bool
        /// Frames queued in the device, not yet heard, at the last measurement.
        public var delay: Int
        /// The device is gone and the player is waiting for it to come back.
        public var waiting: Bool
        /// How many commands the audio thread has carried out; the state above is what they led to.
        public var applied: Int

        public init(frame: Int, paused: Bool = false, generation: Int = 0, finished: Bool = false, delay: Int = 0,
                    waiting: Bool = false, applied: Int = 0) {
            self.frame = frame
            self.paused = paused
            self.generation = generation
            self.finished = finished
            self.delay = delay
            self.waiting = waiting
            self.applied = applied
        }
    }

    private let sequence = Atomic<Int>(0)
    private let heard = Atomic<Int>(0)
    private let limit = Atomic<Int>(0)
    private let flags = Atomic<Int>(0)
    private let generation = Atomic<Int>(0)
    private let measuredAt = Atomic<Int>(0)
    private let delay = Atomic<Int>(0)
    private let underrunCount = Atomic<Int>(0)
    private let appliedCount = Atomic<Int>(0)

    /// How often the device ran dry and playback went on from the same frame.
    public var underruns: Int { underrunCount.load(ordering: .relaxed) }

    func countUnderrun() {
        underrunCount.add(1, ordering: .relaxed)
    }
    let rate: Int

    private static let advancing = 1, pausedFlag = 2, finishedFlag = 4, waitingFlag = 8

    public init(rate: Int, startFrame: Int) {
        self.rate = rate
        heard.store(startFrame, ordering: .relaxed)
        limit.store(startFrame, ordering: .relaxed)
    }

    /// Audio thread: the listener hears `frame` now; it moves on by itself up to `limit`
    /// when `advancing`.
    func publish(frame: Int, limit frameLimit: Int, advancing: Bool, paused: Bool, generation current: Int, delay queued: Int,
                 applied commands: Int, waiting: Bool = false) {
        sequence.add(1, ordering: .acquiringAndReleasing)
        heard.store(frame, ordering: .relaxed)
        limit.store(max(frame, frameLimit), ordering: .relaxed)
        flags.store((advancing ? Self.advancing : 0) | (paused ? Self.pausedFlag : 0) | (waiting ? Self.waitingFlag : 0),
                    ordering: .relaxed)
        generation.store(current, ordering: .relaxed)
        measuredAt.store(PlaybackPosition.now(), ordering: .relaxed)
        delay.store(queued, ordering: .relaxed)
        appliedCount.store(commands, ordering: .relaxed)
        sequence.add(1, ordering: .acquiringAndReleasing)
    }

    func finish() {
        sequence.add(1, ordering: .acquiringAndReleasing)
        heard.store(limit.load(ordering: .relaxed), ordering: .relaxed)
        flags.store(Self.finishedFlag, ordering: .relaxed)
        sequence.add(1, ordering: .acquiringAndReleasing)
    }

    /// The state now: the last measurement, moved on by the time since where playback advances.
    public func snapshot() -> Snapshot {
        while true {
            let before = sequence.load(ordering: .acquiring)
            guard before & 1 == 0 else { continue }
            let frame = heard.load(ordering: .relaxed)
            let frameLimit = limit.load(ordering: .relaxed)
            let state = flags.load(ordering: .relaxed)
            let current = generation.load(ordering: .relaxed)
            let at = measuredAt.load(ordering: .relaxed)
            let queued = delay.load(ordering: .relaxed)
            let commands = appliedCount.load(ordering: .relaxed)
            guard sequence.load(ordering: .acquiring) == before else { continue }
            var now = frame
            if state & Self.advancing != 0 {
                now = min(frameLimit, frame + (PlaybackPosition.now() - at) * rate / 1_000_000_000)
            }
            return Snapshot(frame: now, paused: state & Self.pausedFlag != 0, generation: current,
                            finished: state & Self.finishedFlag != 0, delay: queued,
                            waiting: state & Self.waitingFlag != 0, applied: commands)
        }
    }

    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
