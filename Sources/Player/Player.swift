import ALSA
import Foundation
import Glibc
import Mixer
import Timeline

/// Plays a mixed session through an `AudioOutput` from a thread of its own.
///
/// The device holds a large buffer (about 2 s) and the audio thread sleeps in `poll` until
/// half of it has played, so it wakes about once a second. A command wakes it at once: it
/// takes back the queued audio the listener has not heard yet (rewinding the device, or
/// dropping and refilling where rewinding is unreliable), changes state, and renders again,
/// so the change is heard within a few tens of milliseconds. The thread takes no locks,
/// allocates nothing and logs nothing; commands come through a lock-free queue and an eventfd.
public final class Player: @unchecked Sendable {
    // Everything below is owned by the audio thread once `start()` has run, except the
    // queue, the wakeup, `position` and the mixer slots, which are built for sharing.
    private var output: AudioOutput
    private var deviceOpen = true
    private var mixer: Mixer
    private var generation = 0
    private let slots: UnsafeMutablePointer<Mixer?>
    private var posted = 0
    public static let maximumRetimes = 255

    private var stream = 0
    private var map: SessionMap
    private var mode: SessionMap.Mode
    private var session: Int
    private var overlays: [Overlay]
    private var fadeRemaining: Int?

    private let channels: Int
    private let samples: UnsafeMutableBufferPointer<Float>
    private var encoder: SampleEncoder
    private let commands = CommandQueue()
    private let wakeup = EventSignal()
    /// Signalled when the audio thread ends, for whoever waits in `poll`.
    public let finished = EventSignal()
    /// Signalled when the device goes away or comes back (see `PlaybackPosition.Snapshot.waiting`).
    public let deviceChanged = EventSignal()
    /// Signalled whenever what `position` says may have changed other than by time passing:
    /// commands applied, the device gone or back, the end. A front end sleeps on this.
    public let changed = EventSignal()
    /// Commands taken from the queue so far, published with the position they led to.
    private var applied = 0
    private let done = DispatchSemaphore(value: 0)
    private var failure: ALSAError?

    public let position: PlaybackPosition

    /// Frames kept when taking queued audio back: what the device may already be reading.
    private let safety: Int
    /// Silence between a resume and the session going on, to get back into position.
    public let resumeLeadIn: Int
    /// Length of the fade when stopping.
    public let fadeLength: Int
    private var rewinds: Bool
    /// How far before the point where sound stopped playback picks up when the device is back.
    public let reconnectRewind: Int

    private struct Overlay {
        var kind: CueKind
        var stream: Int
    }

    public init(output: AudioOutput, mixer: Mixer, from startFrame: Int = 0, paused: Bool = false) {
        precondition(output.format.rate == mixer.timeline.sampleRate, "the session must be compiled at the device's rate")
        let rate = output.format.rate
        self.output = output
        self.mixer = mixer
        slots = .allocate(capacity: Player.maximumRetimes + 1)
        slots.initialize(repeating: nil, count: Player.maximumRetimes + 1)
        slots[0] = mixer
        session = startFrame
        mode = paused ? .paused : .playing
        map = SessionMap(session: startFrame, mode: mode)
        overlays = Array(repeating: Overlay(kind: .pause, stream: Int.min), count: 4)
        channels = output.format.channels
        samples = .allocate(capacity: output.format.bufferFrames * channels)
        encoder = SampleEncoder(format: output.format.sampleFormat, capacity: output.format.bufferFrames * channels)
        position = PlaybackPosition(rate: rate, startFrame: startFrame)
        safety = rate * 15 / 1000
        resumeLeadIn = rate * 3 / 2
        fadeLength = rate / 20
        rewinds = output.canRewind
        reconnectRewind = rate * 3
    }

    deinit {
        samples.deallocate()
        encoder.deallocate()
        slots.deinitialize(count: Player.maximumRetimes + 1)
        slots.deallocate()
    }

    // MARK: Other threads

    public func start() {
        let thread = Thread { [self] in
            do throws(ALSAError) {
                try self.run()
            } catch {
                self.failure = error
            }
            // The device is free for other programs as soon as the session is over.
            self.output.close()
            self.position.finish()
            self.finished.notify()
            self.changed.notify()
            self.done.signal()
        }
        thread.name = "stretchcue audio"
        thread.start()
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
        guard posted < Player.maximumRetimes else { return nil }
        posted += 1
        slots[posted] = mixer
        return posted
    }

    /// The mixer of a generation, for the thread that posted it.
    public func mixer(generation: Int) -> Mixer {
        slots[generation]!
    }

    /// Waits for the audio thread; throws what stopped it early, if anything did.
    public func wait() throws(ALSAError) {
        done.wait()
        if let failure { throw failure }
    }

    // MARK: The audio thread

    /// Plays until the session (or the fade) is over. When the device fails beyond what
    /// `recover` can mend, the player closes it and waits for it to come back.
    private func run() throws(ALSAError) {
        while true {
            do {
                try pump()
                return
            } catch {
                guard try reconnect(after: error) else { return }
            }
        }
    }

    private func pump() throws(ALSAError) {
        let pcm = output.pcm
        try pcm.setNonBlocking(true)
        let rate = output.format.rate
        var wake = pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            var any = false
            while let command = commands.pop() {
                applied += 1
                any = true
                try apply(command)
            }
            if any {
                publish()
                changed.notify()
            }
            if isComplete {
                // Let the end (or the fade) play out before the device closes: a non-blocking
                // drain returns at once, and closing then drops up to a buffer of sound.
                try? pcm.setNonBlocking(false)
                try? pcm.drain()
                return
            }
            var sleep = Int32(-1)
            do {
                let room = try pcm.availUpdate()
                let wanted = min(room, capacity, framesLeft)
                let threshold = min(output.availMin, framesLeft)
                if wanted > 0, room >= threshold || pcm.state != .running {
                    try write(frames: wanted)
                    continue
                }
                // Timer-based scheduling: sleep until the device has played enough to make
                // room for a refill, rather than trusting each device's poll descriptors
                // (a sound server's plugin signals them far more often than asked).
                sleep = Int32((threshold - room) * 1000 / rate + 1)
            } catch {
                try recover(from: error)
                continue
            }
            wake.revents = 0
            if poll(&wake, 1, sleep) > 0 { wakeup.drain() }
        }
    }

    /// Frames the sample buffers hold.
    private var capacity: Int { samples.count / channels }

    /// The device is gone: the session stands still at the last frame heard, and the device
    /// is opened again with a growing pause between tries (0.1 s doubling to 5 s), while
    /// commands still work. Returns false if the session was stopped meanwhile.
    private func reconnect(after error: ALSAError) throws(ALSAError) -> Bool {
        let stoppedAt = position.snapshot().frame
        output.close()
        deviceOpen = false
        let wasPaused = mode == .paused
        position.publish(frame: stoppedAt, limit: stoppedAt, advancing: false, paused: wasPaused,
                         generation: generation, delay: 0, applied: applied, waiting: true)
        deviceChanged.notify()
        changed.notify()
        var backoff: Int32 = 100
        var wake = pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0)
        session = stoppedAt
        while true {
            wake.revents = 0
            if poll(&wake, 1, backoff) > 0 { wakeup.drain() }
            var any = false
            while let command = commands.pop() {
                applied += 1
                any = true
                switch command {
                case .stop: return false
                case .pause: mode = .paused
                case .resume: mode = .playing
                case .seek(let frame): session = max(0, min(frame, mixer.endFrame))
                case .retime(let next, _):
                    mixer = slots[next]!
                    generation = next
                }
            }
            if any {
                position.publish(frame: session, limit: session, advancing: false, paused: mode == .paused,
                                 generation: generation, delay: 0, applied: applied, waiting: true)
                changed.notify()
            }
            backoff = min(backoff * 2, 5000)
            let format = output.format
            guard let reopened = try? AudioOutput(device: output.device, rate: format.rate, channels: format.channels,
                                                  bufferSeconds: Double(format.bufferFrames) / Double(format.rate)),
                  reopened.format.rate == format.rate, reopened.format.channels == format.channels else { continue }
            if reopened.format.sampleFormat != encoder.format {
                encoder.deallocate()
                encoder = SampleEncoder(format: reopened.format.sampleFormat, capacity: samples.count)
            }
            output = reopened
            rewinds = reopened.canRewind
            deviceOpen = true
            // Pick up a little before where sound stopped, marked by the resume chime.
            if mode != .paused {
                session = max(0, min(session, stoppedAt) - reconnectRewind)
                mode = .playing
                overlay(.resume)
            }
            map.begin(at: stream, session: session, mode: mode)
            publish()
            deviceChanged.notify()
            changed.notify()
            return true
        }
    }

    /// Frames still to write before the session (or the fade) is over.
    private var framesLeft: Int {
        if let fadeRemaining { return fadeRemaining }
        return mode == .paused ? output.format.bufferFrames : max(0, mixer.endFrame - session + leadInLeft)
    }

    private var leadInLeft: Int {
        if case .leadIn(let until) = mode { return max(0, until - stream) }
        return 0
    }

    private var isComplete: Bool {
        if let fadeRemaining { return fadeRemaining == 0 }
        return mode != .paused && framesLeft == 0
    }

    private func apply(_ command: PlayerCommand) throws(ALSAError) {
        guard fadeRemaining == nil else { return }
        if case .retime(let next, let from) = command {
            // Audio queued before the change point is the same under both mixers: only take
            // it back when the device already holds some from past that point.
            mixer = slots[next]!
            generation = next
            if mode == .playing, session > from { try takeBack() }
            map.begin(at: stream, session: session, mode: mode)
            publish()
            return
        }
        try takeBack()
        switch command {
        case .pause:
            guard mode != .paused else { return }
            mode = .paused
            overlay(.pause)
        case .resume:
            guard mode == .paused else { return }
            mode = .leadIn(until: stream + resumeLeadIn)
            overlay(.resume)
        case .seek(let frame):
            session = max(0, min(frame, mixer.endFrame))
            if case .leadIn = mode { mode = .playing }
        case .retime:
            break
        case .stop:
            fadeRemaining = fadeLength
        }
        map.begin(at: stream, session: session, mode: mode)
        publish()
    }

    /// Takes back queued audio down to what the listener is about to hear, and puts the
    /// session state back where those frames left it.
    private func takeBack() throws(ALSAError) {
        guard deviceOpen else { return }
        let pcm = output.pcm
        var target = stream
        if rewinds, pcm.state == .running {
            let spare = (try? pcm.rewindable()) ?? 0
            let taken = spare > safety ? try pcm.rewind(frames: spare - safety) : 0
            target = stream - taken
        } else if pcm.state == .running || pcm.state == .prepared {
            // Dropping discards everything not yet heard, which is what the delay counts
            // (for a sound server, more than the device's own buffer).
            let delay = (try? pcm.delay()) ?? 0
            try pcm.drop()
            try pcm.prepare()
            target = stream - max(0, min(delay, stream))
        }
        guard target != stream else { return }
        stream = target
        let location = map.locate(stream)
        session = location.session
        mode = location.mode
        for i in overlays.indices where overlays[i].stream >= stream { overlays[i].stream = Int.min }
    }

    private func overlay(_ kind: CueKind) {
        let slot = overlays.indices.min { overlays[$0].stream < overlays[$1].stream }!
        overlays[slot] = Overlay(kind: kind, stream: stream)
    }

    private func write(frames count: Int) throws(ALSAError) {
        let buffer = UnsafeMutableBufferPointer(rebasing: samples[0..<count * channels])
        render(into: buffer, frames: count)
        let bytes = encoder.encode(UnsafeBufferPointer(buffer))
        let frameBytes = channels * encoder.format.bytesPerSample
        var offset = 0
        while offset < count {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[(offset * frameBytes)...])
            let written = try output.pcm.writeInterleaved(slice, frames: count - offset)
            if written == 0 { break }
            offset += written
        }
        advance(by: offset)
        if offset < count {
            // The device took less than it offered; the rest is rendered again next time.
            let location = map.locate(stream)
            session = location.session
            mode = location.mode
        }
        publish()
    }

    /// Mixes the next `count` frames from the current state, without changing it.
    private func render(into buffer: UnsafeMutableBufferPointer<Float>, frames count: Int) {
        var done = 0
        var cursorSession = session
        var cursorMode = mode
        while done < count {
            let piece: Int
            let slice: UnsafeMutableBufferPointer<Float>
            switch cursorMode {
            case .playing:
                piece = count - done
                slice = UnsafeMutableBufferPointer(rebasing: buffer[(done * channels)..<((done + piece) * channels)])
                mixer.render(from: cursorSession, into: slice, channels: channels)
                cursorSession += piece
            case .paused:
                piece = count - done
                slice = UnsafeMutableBufferPointer(rebasing: buffer[(done * channels)..<((done + piece) * channels)])
                slice.update(repeating: 0)
            case .leadIn(let until):
                piece = max(0, min(count - done, until - (stream + done)))
                slice = UnsafeMutableBufferPointer(rebasing: buffer[(done * channels)..<((done + piece) * channels)])
                slice.update(repeating: 0)
                if stream + done + piece >= until { cursorMode = .playing }
            }
            done += piece
        }
        for overlay in overlays where overlay.stream != Int.min {
            let sound = mixer.bank[overlay.kind]
            let from = max(stream, overlay.stream), until = min(stream + count, overlay.stream + sound.samples.count)
            guard from < until else { continue }
            let level = sound.gain * mixer.gain
            for frame in from..<until {
                let value = sound.samples[frame - overlay.stream] * level
                for channel in 0..<channels { buffer[(frame - stream) * channels + channel] += value }
            }
        }
        if let fadeRemaining {
            // A straight ramp to silence over the fade: no click on the way out.
            for frame in 0..<count {
                let gain = Float(max(0, fadeRemaining - frame)) / Float(fadeLength)
                for channel in 0..<channels { buffer[frame * channels + channel] *= gain }
            }
        }
    }

    /// Moves the state on by `count` written frames.
    private func advance(by count: Int) {
        var left = count
        while left > 0 {
            switch mode {
            case .playing:
                session += left
                stream += left
                left = 0
            case .paused:
                stream += left
                left = 0
            case .leadIn(let until):
                let piece = min(left, until - stream)
                stream += piece
                left -= piece
                if stream >= until {
                    mode = .playing
                    map.begin(at: stream, session: session, mode: .playing)
                }
            }
        }
        if let fadeRemaining { self.fadeRemaining = max(0, fadeRemaining - count) }
    }

    private func publish() {
        let delay = output.pcm.state == .running ? ((try? output.pcm.delay()) ?? 0) : 0
        let heardStream = stream - max(0, min(delay, stream))
        let heard = map.locate(heardStream)
        let advancing = heard.mode == .playing && output.pcm.state == .running
        let limit = heard.session + max(0, min(heard.segmentEnd, stream) - heardStream)
        position.publish(frame: heard.session, limit: limit, advancing: advancing,
                         paused: heard.mode == .paused, generation: generation, delay: delay, applied: applied)
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
        if error.errno == EPIPE { position.countUnderrun() }
        try output.pcm.recover(from: error, silent: true)
    }
}
