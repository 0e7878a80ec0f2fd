import Glibc
import Synchronization

/// Where playback is, published by the audio thread and read by anyone: the last frame the
/// listener has heard, when that was measured, and whether playback has ended.
///
/// A sequence counter around the three values lets readers retry instead of locking, so the
/// audio thread never waits for a reader.
public final class PlaybackPosition: Sendable {
    private let sequence = Atomic<Int>(0)
    private let heard = Atomic<Int>(0)
    private let written = Atomic<Int>(0)
    private let measuredAt = Atomic<Int>(0)
    private let finishedFlag = Atomic<Bool>(false)
    let rate: Int

    public init(rate: Int, startFrame: Int) {
        self.rate = rate
        heard.store(startFrame, ordering: .relaxed)
        written.store(startFrame, ordering: .relaxed)
        measuredAt.store(PlaybackPosition.now(), ordering: .relaxed)
    }

    /// Audio thread: `written` frames are queued, of which the device still holds `delay`.
    func publish(written frames: Int, delay: Int, running: Bool) {
        sequence.add(1, ordering: .acquiringAndReleasing)
        heard.store(frames - max(0, delay), ordering: .relaxed)
        written.store(frames, ordering: .relaxed)
        measuredAt.store(running ? PlaybackPosition.now() : 0, ordering: .relaxed)
        sequence.add(1, ordering: .acquiringAndReleasing)
    }

    func finish() {
        finishedFlag.store(true, ordering: .releasing)
    }

    public var isFinished: Bool { finishedFlag.load(ordering: .acquiring) }

    /// The frame being heard now: the last measurement moved on by the time since, never
    /// past what has been queued.
    public func estimate() -> Int {
        while true {
            let before = sequence.load(ordering: .acquiring)
            guard before & 1 == 0 else { continue }
            let frame = heard.load(ordering: .relaxed)
            let queued = written.load(ordering: .relaxed)
            let at = measuredAt.load(ordering: .relaxed)
            guard sequence.load(ordering: .acquiring) == before else { continue }
            if isFinished { return queued }
            guard at != 0 else { return frame }
            let elapsed = PlaybackPosition.now() - at
            return min(queued, frame + elapsed * rate / 1_000_000_000)
        }
    }

    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
