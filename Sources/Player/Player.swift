import ALSA
import Foundation
import Mixer
import Synchronization

/// Plays a mixed session through an `AudioOutput` from a thread of its own.
///
/// The audio thread renders straight into buffers allocated before it starts, writes them to
/// the device and sleeps in the device's own wait until half the buffer has played; it takes
/// no locks, allocates nothing and logs nothing. Others learn where playback is through
/// `position` and ask it to stop through `requestStop()`.
public final class Player: @unchecked Sendable {
    // The mutable state below belongs to the audio thread alone once `start()` has run.
    private let output: AudioOutput
    private let mixer: Mixer
    private var frame: Int
    private let endFrame: Int
    private let channels: Int
    private var samples: UnsafeMutableBufferPointer<Float>
    private var encoder: SampleEncoder
    private let stopRequested = AtomicFlag()
    private let done = DispatchSemaphore(value: 0)
    private var failure: ALSAError?

    public let position: PlaybackPosition

    public init(output: AudioOutput, mixer: Mixer, from startFrame: Int = 0) {
        precondition(output.format.rate == mixer.timeline.sampleRate, "the session must be compiled at the device's rate")
        self.output = output
        self.mixer = mixer
        frame = startFrame
        endFrame = mixer.endFrame
        channels = output.format.channels
        samples = .allocate(capacity: output.format.bufferFrames * channels)
        encoder = SampleEncoder(format: output.format.sampleFormat, capacity: output.format.bufferFrames * channels)
        position = PlaybackPosition(rate: output.format.rate, startFrame: startFrame)
    }

    deinit {
        samples.deallocate()
        encoder.deallocate()
    }

    public func start() {
        let thread = Thread { [self] in
            do throws(ALSAError) {
                try self.play()
            } catch {
                self.failure = error
            }
            self.position.finish()
            self.done.signal()
        }
        thread.name = "stretchcue audio"
        thread.start()
    }

    /// Stops at the next wakeup; what is queued in the device is dropped.
    public func requestStop() {
        stopRequested.set()
    }

    /// Waits for the audio thread; throws what stopped it early, if anything did.
    public func wait() throws(ALSAError) {
        done.wait()
        if let failure { throw failure }
    }

    private func play() throws(ALSAError) {
        let pcm = output.pcm
        let availMin = max(output.format.periodFrames, output.format.bufferFrames / 2)
        while frame < endFrame {
            if stopRequested.isSet {
                try? pcm.drop()
                return
            }
            do {
                let room = try pcm.availUpdate()
                let remaining = endFrame - frame
                if room < min(availMin, remaining) {
                    // Sleep in the device until enough has played out to be worth a refill.
                    _ = try pcm.wait(timeoutMilliseconds: 1000)
                    continue
                }
                try write(frames: min(room, remaining), to: pcm)
            } catch {
                try recover(from: error)
            }
        }
        try? pcm.drain()
        position.publish(written: frame, delay: 0, running: false)
    }

    private func write(frames count: Int, to pcm: PCM) throws(ALSAError) {
        let part = UnsafeMutableBufferPointer(rebasing: samples[0..<count * channels])
        mixer.render(from: frame, into: part, channels: channels)
        let bytes = encoder.encode(UnsafeBufferPointer(part))
        var offset = 0
        while offset < count {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[(offset * channels * encoder.format.bytesPerSample)...])
            let written = try pcm.writeInterleaved(slice, frames: count - offset)
            offset += written
            frame += written
            if written == 0 { _ = try? pcm.wait(timeoutMilliseconds: 100) }
        }
        let delay = (try? pcm.delay()) ?? 0
        position.publish(written: frame, delay: delay, running: pcm.state == .running)
    }

    /// An underrun or a suspend is survivable: playback goes on from the same session frame,
    /// so no cue is lost. Anything else ends playback with the device's error.
    private func recover(from error: ALSAError) throws(ALSAError) {
        if error.errno == ESTRPIPE {
            while true {
                do {
                    try output.pcm.resume()
                    return
                } catch let failure where failure.errno == EAGAIN {
                    usleep(100_000)
                } catch {
                    break
                }
            }
            try output.pcm.prepare()
            return
        }
        try output.pcm.recover(from: error, silent: true)
    }
}

/// A flag one thread sets and another polls.
final class AtomicFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
