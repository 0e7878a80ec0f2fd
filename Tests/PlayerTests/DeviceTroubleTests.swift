import ALSA
import Glibc
import Player
import Testing

@Suite("a device that runs dry, sleeps, goes away or never works")
struct DeviceTroubleTests {
    @Test(arguments: deviceKinds)
    func underrunGoesOnFromTheSameFrameAndIsCountedOnce(kind: SoundSystem.Kind) throws {
        let harness = try Harness(try Fixture.tracked(), on: SoundSystem(kind: kind))
        harness.run(until: 3_000)
        // The process stands still for 4 s: the device plays out all it holds and runs dry.
        harness.system.advance(milliseconds: 4_000)
        let played = harness.heard.count
        #expect(played < 7_000 && harness.system.underruns == 1)
        harness.run(for: 5_000)
        #expect(harness.core.position.underruns == 1)
        // A gap in time, none in the session: it goes on with the frame after the last heard.
        #expect(harness.transcript == Transcript(parts: [.session(0..<(played + 5_000))]))
        #expect(harness.snapshot.frame == played + 5_000)
        #expect(harness.system.openAttempts == 1)
        #expect(harness.runToEnd() == .finished)
    }

    @Test func suspendedDeviceIsAskedAgainAfterAPauseNotASleep() throws {
        let harness = try Harness(try Fixture.tracked())
        harness.run(until: 3_000)
        harness.system.resumeRefusals = 2
        harness.system.suspend()
        let before = harness.sleeps.count
        harness.run(until: 8_000)
        #expect(Array(harness.sleeps[before..<(before + 2)]) == [100, 100], "two refusals, each retried 100 ms later")
        #expect(harness.system.resumeRefusals == 0)
        // Resumed at 3.203 s: the session goes on from where the device stood.
        #expect(harness.transcript == Transcript(parts: [.session(0..<(3_000 + 8_000 - 3_203))]))
        #expect(harness.core.position.underruns == 0)
    }

    /// Plays until 8 s, then the device goes just before the player's next wakeup; returns
    /// the number of frames heard by then.
    func unplugged(_ harness: Harness) -> Int {
        harness.run(until: 8_000)
        harness.advanceToWake()
        harness.system.unplug()
        harness.step()
        return harness.heard.count
    }

    @Test(arguments: deviceKinds)
    func goneDeviceIsWaitedForThenPlaybackPicksUpThreeSecondsBefore(kind: SoundSystem.Kind) throws {
        let harness = try Harness(try Fixture.tracked(), on: SoundSystem(kind: kind))
        let stopped = unplugged(harness)
        #expect(harness.events == [.deviceChanged, .changed])
        #expect(harness.snapshot == PlaybackPosition.Snapshot(frame: stopped, waiting: true))
        let failedAt = harness.sleeps.count - 1
        harness.run(for: 10_000)
        #expect(harness.snapshot == PlaybackPosition.Snapshot(frame: stopped, waiting: true), "the session waits too")
        #expect(Array(harness.sleeps[failedAt...]) == [100, 200, 400, 800, 1_600, 3_200, 5_000])
        #expect(harness.system.openAttempts == 1 + 6)
        #expect(harness.heard.count == stopped)

        harness.system.plugIn()
        harness.run(until: harness.wake)
        #expect(harness.events == [.deviceChanged, .changed, .deviceChanged, .changed])
        #expect(!harness.snapshot.waiting)
        harness.run(for: 5_000)
        let again = stopped - harness.core.reconnectRewind
        #expect(harness.transcript == Transcript(parts: [.session(0..<stopped), .session(again..<(again + 5_000))],
                                                 chimes: [.init(kind: .resume, at: stopped, length: 300)]))
        #expect(harness.snapshot.frame == again + 5_000)
        #expect(harness.runToEnd() == .finished)
    }

    @Test func stopWhileTheDeviceIsGoneEndsTheSession() throws {
        let harness = try Harness(try Fixture.tracked())
        let stopped = unplugged(harness)
        harness.run(for: 1_000)
        let attempts = harness.system.openAttempts
        harness.send(.stop)
        #expect(harness.next == .finished)
        #expect(harness.snapshot.finished && harness.snapshot.frame == stopped)
        #expect(harness.system.openAttempts == attempts, "no more tries")
        #expect(harness.heard.count == stopped)
    }

    @Test func pauseWhileTheDeviceIsGoneHoldsThroughItsReturn() throws {
        let harness = try Harness(try Fixture.tracked())
        let stopped = unplugged(harness)
        harness.run(for: 250)
        harness.send(.pause)
        #expect(harness.snapshot == PlaybackPosition.Snapshot(frame: stopped, paused: true, waiting: true, applied: 1))
        #expect(harness.events == [.deviceChanged, .changed, .changed])
        harness.system.plugIn()
        harness.run(until: harness.wake)
        #expect(harness.events.count == 5)
        #expect(!harness.snapshot.waiting && harness.snapshot.paused && harness.snapshot.frame == stopped)
        harness.run(for: 2_000)
        let resumedAt = harness.heard.count + margin(harness)
        harness.send(.resume)
        harness.run(for: 4_000)
        // Paused where sound stopped: resuming goes on from there, after the lead-in.
        let goesOn = resumedAt + harness.core.resumeLeadIn
        #expect(harness.transcript == Transcript(
            parts: [.session(0..<stopped), .silence(goesOn - stopped), .session(stopped..<(stopped + harness.heard.count - goesOn))],
            chimes: [.init(kind: .resume, at: resumedAt, length: 300)]))
    }

    @Test func aSkipWhileTheDeviceIsGoneLandsWhereItWasAsked() throws {
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer)
        let stopped = unplugged(harness)
        let next = mixer.timeline.exercises[1].startFrame
        #expect(next > stopped)
        harness.send(.seek(next))
        #expect(harness.snapshot == PlaybackPosition.Snapshot(frame: next, waiting: true, applied: 1))
        harness.system.plugIn()
        harness.run(until: harness.wake)
        harness.run(for: 2_000)
        // Not 3 s before where sound stopped: the person asked for the next exercise.
        #expect(harness.transcript == Transcript(parts: [.session(0..<stopped), .session(next..<(next + 2_000))],
                                                 chimes: [.init(kind: .resume, at: stopped, length: 300)]))
    }

    @Test func deviceBackButBrokenIsTriedEverMoreSlowlyFromTheSamePoint() throws {
        let harness = try Harness(try Fixture.tracked())
        let stopped = unplugged(harness)
        let failedAt = harness.sleeps.count - 1
        // It opens again, but fails on its first write each time.
        harness.system.writeLimit = 0
        harness.system.plugIn()
        harness.run(for: 15_000)
        #expect(Array(harness.sleeps[failedAt...].prefix(8)) == [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000])
        #expect(harness.snapshot == PlaybackPosition.Snapshot(frame: stopped, waiting: true))
        #expect(harness.heard.count == stopped)
        harness.system.writeLimit = nil
        harness.run(for: 10_000)
        #expect(!harness.snapshot.waiting)
        let again = stopped - harness.core.reconnectRewind
        let parts = harness.transcript.parts
        #expect(parts.count == 2 && parts.first == .session(0..<stopped))
        if case .session(let range) = parts.last { #expect(range.lowerBound == again) } else { Issue.record("\(parts)") }
    }

    @Test func deviceFailingFromItsFirstWriteEndsTheSessionWithItsError() throws {
        let system = SoundSystem()
        system.writeLimit = 0
        let harness = try Harness(try Fixture.tracked(), on: system)
        #expect(harness.runToEnd(within: 60_000) == .failed(ALSAError(code: -EIO, call: "snd_pcm_writei", device: "simulated")))
        #expect(system.openAttempts == 1, "never reopened")
        #expect(harness.events.isEmpty)
        #expect(harness.snapshot.finished && !harness.snapshot.waiting)
        #expect(system.device.closed)
    }

    @Test func deviceThatTakesOneBufferThenFailsHasNotPlayed() throws {
        // A file plugin whose file cannot be written: it takes a whole buffer, then fails.
        let system = SoundSystem()
        system.writeLimit = system.format.bufferFrames
        let harness = try Harness(try Fixture.tracked(), on: system)
        #expect(harness.runToEnd(within: 60_000) == .failed(ALSAError(code: -EIO, call: "snd_pcm_writei", device: "simulated")))
        #expect(harness.sleeps.count == 1, "one wakeup, then the end")
        #expect(system.openAttempts == 1)
        #expect(harness.events.isEmpty)
        #expect(harness.snapshot.finished)
    }
}
