import Glibc
import Synchronization

/// Where playback is, as the listener hears it: published by the audio thread at each wakeup,
/// read by anyone. A sequence counter around the values lets readers retry instead of locking,
/// so the audio thread never waits for a reader.
///
/// Between publications a reader moves the frame on by the time passed on `clock`, which
/// counts nanoseconds: the system's monotonic clock, or a simulated device's own clock.
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
    private let clock: @Sendable () -> Int

    private static let advancing = 1, pausedFlag = 2, finishedFlag = 4, waitingFlag = 8

    public init(rate: Int, startFrame: Int, clock: @escaping @Sendable () -> Int = PlaybackPosition.monotonicNanoseconds) {
        self.rate = rate
        self.clock = clock
        heard.store(startFrame, ordering: .relaxed)
        limit.store(startFrame, ordering: .relaxed)
    }

    /// Audio thread: the listener hears `frame` now; it moves on by itself up to `limit`
    /// when `advancing`.
    func publish(frame: Int, limit frameLimit: Int, advancing: Bool, paused: Bool, generation current: Int, delay queued: Int,
                 applied commands: Int, waiting: Bool = false) {
        let at = clock()
        beginWrite()
        heard.store(frame, ordering: .relaxed)
        limit.store(max(frame, frameLimit), ordering: .relaxed)
        flags.store((advancing ? Self.advancing : 0) | (paused ? Self.pausedFlag : 0) | (waiting ? Self.waitingFlag : 0),
                    ordering: .relaxed)
        generation.store(current, ordering: .relaxed)
        measuredAt.store(at, ordering: .relaxed)
        delay.store(queued, ordering: .relaxed)
        appliedCount.store(commands, ordering: .relaxed)
        endWrite()
    }

    func finish() {
        beginWrite()
        heard.store(limit.load(ordering: .relaxed), ordering: .relaxed)
        flags.store(Self.finishedFlag, ordering: .relaxed)
        endWrite()
    }

    // One writer (the audio thread). The odd count is made visible before any of the values
    // that follow the release fence; the even count after all of them.
    private func beginWrite() {
        sequence.add(1, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
    }

    private func endWrite() {
        sequence.add(1, ordering: .releasing)
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
            // Keeps the loads above from moving past the check below: if any of them saw a
            // newer publication, the sequence read next has moved on too.
            atomicMemoryFence(ordering: .acquiring)
            guard sequence.load(ordering: .relaxed) == before else { continue }
            var now = frame
            if state & Self.advancing != 0 {
                now = min(frameLimit, frame + (clock() - at) * rate / 1_000_000_000)
            }
            return Snapshot(frame: now, paused: state & Self.pausedFlag != 0, generation: current,
                            finished: state & Self.finishedFlag != 0, delay: queued,
                            waiting: state & Self.waitingFlag != 0, applied: commands)
        }
    }

    /// CLOCK_MONOTONIC in nanoseconds.
    public static func monotonicNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
