import ALSA
import Glibc
import Mixer
import Timeline

/// The playback state machine, one step at a time, for whoever drives it: the `Player`'s
/// thread, or a test with a simulated device. It never sleeps and reads no clock of its own
/// (time reaches it only through `clock`, by which `position` moves the heard frame on); each
/// `step` carries out the commands it is given, writes what the device has room for, and
/// says what to do next.
///
/// What it does with the device: it keeps the buffer nearly full and asks to sleep until half
/// of it has played. A command takes back the queued audio the listener has not heard yet
/// (rewinding the device, or dropping and refilling where rewinding is unreliable), changes
/// state, and renders again, so the change is heard within a few tens of milliseconds. Pause
/// rings the pause chime and holds the session frame; resume rings the resume chime and goes
/// on after a short lead-in of silence; stop fades out. An underrun or a suspend is mended and
/// playback goes on from the same session frame. A device that fails beyond mending after it
/// has played is gone: the core closes it and asks `opener` for a new one, with growing pauses
/// between tries, and picks up a little before where sound stopped. A device that fails
/// before it ever played is an error: the session ends with it. (A device has played once it
/// has taken more audio than its buffer holds, or than the buffer asked for where it granted a
/// larger one. A first write alone proves nothing: a file plugin takes a whole buffer before it
/// first writes to its file.)
///
/// Once playing, a step neither allocates nor locks. Bringing a device back may allocate (the
/// opener builds a new device, and a new sample format needs a new encoder buffer).
public final class PlayerCore {
    /// What the driver does after a step.
    public enum Next: Sendable, Equatable {
        /// Step again after this long, or sooner when a command arrives.
        case sleep(milliseconds: Int)
        /// The session is over (played out, faded out, or stopped while the device was gone);
        /// the device is closed.
        case finished
        /// The device failed before it ever played; the session is over and the device closed.
        case failed(ALSAError)
    }

    /// Told to `notify` as it happens, for whoever watches the player.
    public enum Event: Sendable, Equatable {
        /// What `position` says changed other than by time passing: commands were carried out,
        /// or the device went or came back.
        case changed
        /// The device went away or came back (see `PlaybackPosition.Snapshot.waiting`).
        case deviceChanged
    }

    public static let maximumRetimes = 255

    public let position: PlaybackPosition
    /// Frames kept when taking queued audio back: what the device may already be reading.
    public let safety: Int
    /// Silence between a resume and the session going on, to get back into position.
    public let resumeLeadIn: Int
    /// Length of the fade when stopping.
    public let fadeLength: Int
    /// How far before the point where sound stopped playback picks up when the device is back.
    public let reconnectRewind: Int
    /// Frames made and written at a time while the device holds less (100 ms).
    public let refillPiece: Int
    /// Frames a device must take before it counts as having played: the buffer asked for, so
    /// that a device that granted a larger one is not waited for.
    private let provenAfter: Int
    /// What is left to hear when the player stops taking commands and waits for the end to
    /// play out (200 ms).
    public let drainWindow: Int
    /// A skip while the device was gone: where it lands is where playback picks up.
    private var skippedWhileGone = false
    /// The first pause before opening a gone device again; it doubles with each try.
    public static let firstBackoff = 100
    public static let longestBackoff = 5_000
    /// The longest the player sleeps while a device plays: past the refill of the largest
    /// buffer it asks for (`AudioOutput.serverBufferSeconds`), so that it only ever shortens
    /// the sleeps of a device that granted more (a device that has gone is noticed by asking
    /// it, and should be noticed soon).
    public static let longestSleep = 2_000
    /// How long to wait before asking a suspended device to resume again.
    public static let resumeRetry = 100

    // Posted mixers: written by the one thread that posts, read by the stepping thread after
    // the `.retime` command that names them.
    private let slots: UnsafeMutablePointer<Mixer?>
    private var posted = 0

    // Everything below belongs to the thread that steps.
    private var device: any AudioDevice
    private let opener: () throws(ALSAError) -> any AudioDevice
    private let notify: (Event) -> Void
    private var phase: Phase
    /// Whether a device has played this session: until then a failure is an error.
    private var played = false
    /// Frames the current device has taken since it was opened.
    private var takenByDevice = 0
    /// Where sound stopped when the device last went, until a device plays again: one that
    /// comes back and fails before it plays has not moved the listener on.
    private var lastStop: Int?
    private var backoff = PlayerCore.firstBackoff
    private var rewinds: Bool

    private var mixer: Mixer
    private var generation = 0
    private var stream = 0
    private var map: SessionMap
    private var mode: SessionMap.Mode
    private var session: Int
    private var overlays: [Overlay]
    private var fadeRemaining: Int?
    /// Commands carried out so far, published with the position they led to.
    private var applied = 0

    private let channels: Int
    private let samples: UnsafeMutableBufferPointer<Float>
    private var encoder: SampleEncoder

    private enum Phase: Equatable {
        /// A device just opened, not yet switched to non-blocking.
        case opened
        case playing
        /// Suspended, and the device has not resumed yet.
        case suspended
        /// The device is gone; sound stopped at this session frame.
        case waiting(stoppedAt: Int)
        case over(Next)
    }

    private struct Overlay {
        var kind: CueKind
        var stream: Int
    }

    /// `clock` (nanoseconds) is what `position` moves the heard frame on by between steps;
    /// `opener` opens the device again after it is gone.
    public init(device: any AudioDevice, mixer: Mixer, from startFrame: Int = 0, paused: Bool = false,
                clock: @escaping @Sendable () -> Int = PlaybackPosition.monotonicNanoseconds,
                notify: @escaping (Event) -> Void = { _ in },
                opener: @escaping () throws(ALSAError) -> any AudioDevice) {
        precondition(device.format.rate == mixer.timeline.sampleRate, "the session must be compiled at the device's rate")
        let format = device.format
        let rate = format.rate
        self.device = device
        self.opener = opener
        self.notify = notify
        self.mixer = mixer
        slots = .allocate(capacity: PlayerCore.maximumRetimes + 1)
        slots.initialize(repeating: nil, count: PlayerCore.maximumRetimes + 1)
        slots[0] = mixer
        phase = .opened
        session = startFrame
        mode = paused ? .paused : .playing
        map = SessionMap(session: startFrame, mode: mode)
        overlays = Array(repeating: Overlay(kind: .pause, stream: Int.min), count: 4)
        channels = format.channels
        refillPiece = rate / 10
        drainWindow = rate / 5
        provenAfter = Int(AudioOutput.bufferSeconds * Double(rate))
        samples = .allocate(capacity: format.bufferFrames * channels)
        encoder = SampleEncoder(format: format.sampleFormat, capacity: format.bufferFrames * channels)
        position = PlaybackPosition(rate: rate, startFrame: startFrame, clock: clock)
        safety = rate * 15 / 1000
        resumeLeadIn = rate * 3 / 2
        fadeLength = rate / 20
        rewinds = device.canRewind
        reconnectRewind = rate * 3
    }

    deinit {
        samples.deallocate()
        encoder.deallocate()
        slots.deinitialize(count: PlayerCore.maximumRetimes + 1)
        slots.deallocate()
    }

    // MARK: Mixers

    /// Keeps a newly compiled mixer for `.retime`; returns its generation, or nil after
    /// `maximumRetimes` changes. Called from one thread only.
    public func post(_ mixer: Mixer) -> Int? {
        guard posted < PlayerCore.maximumRetimes else { return nil }
        posted += 1
        slots[posted] = mixer
        return posted
    }

    /// The mixer of a generation, for the thread that posted it.
    public func mixer(generation: Int) -> Mixer {
        slots[generation]!
    }

    // MARK: Stepping

    /// Carries out the commands `nextCommand` hands over (nil when there are no more), writes
    /// what the device has room for, and says what to do next.
    public func step(_ nextCommand: () -> PlayerCommand?) -> Next {
        switch phase {
        case .over(let next):
            return next
        case .waiting(let stoppedAt):
            switch retry(stoppedAt: stoppedAt, nextCommand) {
            case .stopped: return end(failure: nil)
            case .gone: return .sleep(milliseconds: backoff)
            case .back: break
            }
        case .opened, .playing, .suspended:
            break
        }
        do throws(ALSAError) {
            return try play(nextCommand)
        } catch {
            return failed(error)
        }
    }

    private func play(_ nextCommand: () -> PlayerCommand?) throws(ALSAError) -> Next {
        if phase == .opened {
            try device.setNonBlocking(true)
            phase = .playing
        }
        if phase == .suspended {
            guard try resumeAfterSuspend() else { return .sleep(milliseconds: PlayerCore.resumeRetry) }
            phase = .playing
        }
        let rate = device.format.rate
        while true {
            var any = false
            while let command = nextCommand() {
                applied += 1
                any = true
                try apply(command)
            }
            if any {
                publish()
                notify(.changed)
            }
            if isComplete {
                // The end is queued, but a whole buffer of it may be still to hear: until the
                // last moments, sleep as in any refill, so that a command (pause, a skip back)
                // still takes effect at once. Then let it play out before the device closes: a
                // non-blocking drain returns at once, and closing then drops what is queued.
                let queued = fadeRemaining == nil && device.state == .running ? ((try? device.delay()) ?? 0) : 0
                if queued > drainWindow {
                    return .sleep(milliseconds: min(PlayerCore.longestSleep, (queued - drainWindow) * 1000 / rate + 1))
                }
                try? device.setNonBlocking(false)
                try? device.drain()
                return end(failure: nil)
            }
            do throws(ALSAError) {
                let room = try device.avail()
                let wanted = min(room, framesLeft)
                let threshold = min(device.availMin, framesLeft)
                if wanted > 0, room >= threshold || device.state != .running {
                    // In pieces, each made just before it is written and none longer than what
                    // the device still holds to play: after a take-back it holds only `safety`
                    // frames, which would play out while a whole buffer was being made on a slow
                    // machine. A plain refill, with half the buffer still to play, is one write:
                    // a sound server's plugin wakes its own thread at every write.
                    var left = wanted
                    var held = device.format.bufferFrames - room
                    while left > 0 {
                        let piece = min(left, max(refillPiece, held))
                        guard try write(frames: piece) == piece else { break }
                        left -= piece
                        held += piece
                    }
                    continue
                }
                // Timer-based scheduling: sleep until the device has played enough to make
                // room for a refill, rather than trusting each device's poll descriptors
                // (a sound server's plugin signals them far more often than asked).
                return .sleep(milliseconds: min(PlayerCore.longestSleep, (threshold - room) * 1000 / rate + 1))
            } catch {
                guard try recover(from: error) else {
                    phase = .suspended
                    return .sleep(milliseconds: PlayerCore.resumeRetry)
                }
            }
        }
    }

    /// Closes the device of a session that will not be played (never stepped).
    public func discard() {
        device.close()
    }

    /// The device failed beyond mending. If it never played, that is the session's end;
    /// otherwise it is gone: the session stands still at the last frame heard, and the device
    /// is opened again with a growing pause between tries, while commands still work.
    private func failed(_ error: ALSAError) -> Next {
        guard played else { return end(failure: error) }
        let stoppedAt = lastStop ?? position.snapshot().frame
        lastStop = stoppedAt
        device.close()
        phase = .waiting(stoppedAt: stoppedAt)
        session = stoppedAt
        position.publish(frame: stoppedAt, limit: stoppedAt, advancing: false, paused: mode == .paused,
                         generation: generation, delay: 0, applied: applied, waiting: true)
        notify(.deviceChanged)
        notify(.changed)
        return .sleep(milliseconds: backoff)
    }

    private enum Retry {
        case back, gone, stopped
    }

    /// While the device is gone: carries out commands, then tries to open it again.
    private func retry(stoppedAt: Int, _ nextCommand: () -> PlayerCommand?) -> Retry {
        var any = false
        while let command = nextCommand() {
            applied += 1
            any = true
            switch command {
            case .stop: return .stopped
            case .pause: mode = .paused
            case .resume: mode = .playing
            case .seek(let frame):
                session = max(0, min(frame, mixer.endFrame))
                skippedWhileGone = true
            case .retime(let next, _):
                mixer = slots[next]!
                generation = next
            }
        }
        if any {
            position.publish(frame: session, limit: session, advancing: false, paused: mode == .paused,
                             generation: generation, delay: 0, applied: applied, waiting: true)
            notify(.changed)
        }
        backoff = min(backoff * 2, PlayerCore.longestBackoff)
        let format = device.format
        guard let reopened = try? opener() else { return .gone }
        guard reopened.format.rate == format.rate, reopened.format.channels == format.channels else {
            reopened.close()
            return .gone
        }
        if reopened.format.sampleFormat != encoder.format {
            encoder.deallocate()
            encoder = SampleEncoder(format: reopened.format.sampleFormat, capacity: samples.count)
        }
        device = reopened
        takenByDevice = 0
        rewinds = reopened.canRewind
        phase = .opened
        // Pick up a little before where sound stopped, marked by the resume chime (once, even
        // if a device came back before and failed before it played).
        forgetOverlays(from: stream)
        // A skip made meanwhile lands where it was asked to.
        if mode != .paused {
            if !skippedWhileGone { session = max(0, min(session, stoppedAt) - reconnectRewind) }
            mode = .playing
            overlay(.resume)
        }
        skippedWhileGone = false
        map.begin(at: stream, session: session, mode: mode)
        publish()
        notify(.deviceChanged)
        notify(.changed)
        return .back
    }

    /// Closes the device and marks the session finished.
    private func end(failure: ALSAError?) -> Next {
        device.close()
        position.finish()
        let next: Next = failure.map { .failed($0) } ?? .finished
        phase = .over(next)
        return next
    }

    /// Frames still to write before the session (or the fade) is over.
    private var framesLeft: Int {
        if let fadeRemaining { return fadeRemaining }
        return mode == .paused ? device.format.bufferFrames : max(0, mixer.endFrame - session + leadInLeft)
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
        var target = stream
        if rewinds, device.state == .running {
            // A sound card counts what it can take back from where it last said it was, up to
            // a period ago: asked where it is first, it counts what it still holds, and keeps
            // the safety margin of that rather than nothing.
            _ = try? device.avail()
            let spare = (try? device.rewindable()) ?? 0
            let taken = spare > safety ? try device.rewind(frames: spare - safety) : 0
            target = stream - taken
        } else if device.state == .running || device.state == .prepared {
            // Dropping discards everything not yet heard, which is what the delay counts
            // (for a sound server, more than the device's own buffer).
            let delay = (try? device.delay()) ?? 0
            try device.drop()
            try device.prepare()
            target = stream - max(0, min(delay, stream))
        }
        guard target != stream else { return }
        stream = target
        let location = map.locate(stream)
        session = location.session
        mode = location.mode
        forgetOverlays(from: stream)
    }

    /// Overlays starting at `start` or later are not heard after all.
    private func forgetOverlays(from start: Int) {
        for i in overlays.indices where overlays[i].stream >= start { overlays[i].stream = Int.min }
    }

    private func overlay(_ kind: CueKind) {
        let slot = overlays.indices.min { overlays[$0].stream < overlays[$1].stream }!
        overlays[slot] = Overlay(kind: kind, stream: stream)
    }

    /// Writes the next `count` frames; returns how many the device took.
    private func write(frames count: Int) throws(ALSAError) -> Int {
        let from = session
        let buffer = UnsafeMutableBufferPointer(rebasing: samples[0..<count * channels])
        render(into: buffer, frames: count)
        let bytes = encoder.encode(UnsafeBufferPointer(buffer))
        let frameBytes = channels * encoder.format.bytesPerSample
        var offset = 0
        while offset < count {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[(offset * frameBytes)...])
            let written = try device.writeInterleaved(slice, frames: count - offset)
            if written == 0 { break }
            offset += written
        }
        takenByDevice += offset
        if takenByDevice > min(device.format.bufferFrames, provenAfter) {
            // The device works: a later failure means it went away, and the next time it goes
            // it is tried again from the shortest pause.
            played = true
            backoff = PlayerCore.firstBackoff
            lastStop = nil
        }
        advance(by: offset)
        // The spoken lines that ended in what the device took may leave memory until they are
        // heard again (a take-back or a skip back mixes them anew).
        if session > from { mixer.mixed(through: from..<session) }
        if offset < count {
            // The device took less than it offered; the rest is rendered again next time.
            let location = map.locate(stream)
            session = location.session
            mode = location.mode
        }
        publish()
        return offset
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
        // A prepared device has not started: what it holds is all still to be heard. (A sound
        // server's plugin says prepared for a while after the server has begun to play, and
        // its delay then tells how much it has played.)
        let counts = device.state == .running || device.state == .prepared
        let delay = counts ? ((try? device.delay()) ?? 0) : 0
        var heardStream = stream - max(0, min(delay, stream))
        var heard = map.locate(heardStream)
        // After a take-back, what is left of the older segment is the safety margin at most:
        // report the new one now, or a pause or a skip would show only at the next wakeup.
        if heard.segmentEnd <= stream, heard.segmentEnd - heardStream <= safety {
            heardStream = heard.segmentEnd
            heard = map.locate(heardStream)
        }
        let advancing = heard.mode == .playing && device.state == .running
        let limit = heard.session + max(0, min(heard.segmentEnd, stream) - heardStream)
        position.publish(frame: heard.session, limit: limit, advancing: advancing,
                         paused: heard.mode == .paused, generation: generation, delay: delay, applied: applied)
    }

    /// An underrun or a suspend is survivable: playback goes on from the same session frame,
    /// so no cue is lost. False while a suspended device is not ready to resume. Anything
    /// else throws: the error the device met, or the one that stopped `recover` mending it.
    private func recover(from error: ALSAError) throws(ALSAError) -> Bool {
        if error.errno == ESTRPIPE { return try resumeAfterSuspend() }
        if error.errno == EPIPE { position.countUnderrun() }
        do throws(ALSAError) {
            try device.recover(from: error)
        } catch let failure {
            throw failure.code == error.code ? error : failure
        }
        return true
    }

    private func resumeAfterSuspend() throws(ALSAError) -> Bool {
        do throws(ALSAError) {
            try device.resume()
        } catch let failure where failure.errno == EAGAIN {
            return false
        } catch {
            try device.prepare()
        }
        return true
    }
}
