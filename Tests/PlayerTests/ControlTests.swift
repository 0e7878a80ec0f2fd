import ALSA
import Mixer
import Player
import Routine
import Testing
import Timeline

/// Both ways of taking back queued audio: rewinding a hardware device, and dropping what a
/// sound server's plugin holds (its delay 300 frames longer than its buffer).
let deviceKinds: [SoundSystem.Kind] = [.hardware, .soundServer(latency: 300)]

/// How long after a command's moment its change is heard: a rewind leaves the frames the
/// device may already be reading; a drop leaves none.
func margin(_ harness: Harness) -> Int {
    harness.system.device.canRewind ? harness.core.safety : 0
}

@Suite("carrying out commands, as heard")
struct ControlTests {
    @Test func playsTheWholeSessionInOrderAndFinishes() throws {
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer)
        #expect(harness.runToEnd() == .finished)
        #expect(harness.heard == Fixture.render(mixer, from: 0, count: mixer.endFrame))
        #expect(harness.system.mismatchedChannels == 0)
        #expect(harness.snapshot.finished)
        #expect(harness.system.device.closed && harness.system.device.drained)
        #expect(harness.system.underruns == 0 && harness.core.position.underruns == 0)
        // A 2 s buffer refilled when half of it has played: one wakeup a second; then the
        // end, all queued, is waited for in the same way until its last moments.
        #expect(harness.sleeps.dropFirst().dropLast(2).allSatisfy { $0 <= 1_001 })
        #expect(harness.sleeps.suffix(2).allSatisfy { $0 <= PlayerCore.longestSleep })
        #expect(harness.sleeps.count <= mixer.endFrame / 1_000 + 3)
    }

    /// Once the end of the session is all queued, a command still takes effect at once: the
    /// player waits for the end as for a refill, not in a drain that would hear nothing more.
    @Test(arguments: deviceKinds)
    func aPauseAfterTheEndIsQueuedIsHeardAtOnce(kind: SoundSystem.Kind) throws {
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer, on: SoundSystem(kind: kind))
        let paused = mixer.endFrame - 1_200
        harness.run(until: paused)
        harness.send(.pause)
        let at = paused + margin(harness)
        harness.run(for: 2_000)
        #expect(harness.snapshot.paused && harness.snapshot.frame == at)
        // (Past 25 s only b's ramp rings, which the transcript cannot tell frame by frame.)
        let transcript = harness.transcript
        #expect(transcript.chimes == [.init(kind: .pause, at: at, length: 200)])
        #expect(transcript.parts.last == .silence(paused + 2_000 - at))
        #expect(harness.heard.count == paused + 2_000)
        harness.send(.resume)
        #expect(harness.runToEnd() == .finished)
        #expect(harness.snapshot.finished && harness.system.device.drained)
    }

    @Test func positionMovesOnWithTheDeviceClockBetweenSteps() throws {
        let harness = try Harness(try Fixture.tracked())
        harness.step()
        #expect(harness.snapshot == PlaybackPosition.Snapshot(frame: 0, delay: 2_000))
        // No step in between: the reader moves the frame on by the device's clock alone.
        harness.system.advance(milliseconds: 700)
        #expect(harness.snapshot.frame == 700)
        harness.system.advance(milliseconds: 200)
        #expect(harness.snapshot.frame == 900)
    }

    @Test(arguments: deviceKinds)
    func pauseRingsTheChimeAndHoldsTheFrame(kind: SoundSystem.Kind) throws {
        let harness = try Harness(try Fixture.tracked(), on: SoundSystem(kind: kind))
        harness.run(until: 2_500)
        harness.send(.pause)
        let at = 2_500 + margin(harness)
        harness.run(for: 100)
        #expect(harness.snapshot.frame == at, "the session frame stops where the pause is heard")
        harness.run(until: 8_000)
        #expect(harness.snapshot.frame == at)
        #expect(harness.snapshot.paused)
        // Everything up to the pause, in order, then the pause chime and silence.
        #expect(harness.transcript == Transcript(parts: [.session(0..<at), .silence(8_000 - at)],
                                                 chimes: [.init(kind: .pause, at: at, length: 200)]))
    }

    @Test(arguments: deviceKinds)
    func aPauseOrASkipShowsInThePositionAtOnceNotAtTheNextWakeup(kind: SoundSystem.Kind) throws {
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer, on: SoundSystem(kind: kind))
        harness.run(until: 2_500)
        harness.send(.pause)
        // No time passes: the audio thread has only carried the command out.
        #expect(harness.snapshot.paused)
        #expect(harness.snapshot.frame == 2_500 + margin(harness))
        harness.send(.resume)
        harness.send(.seek(mixer.timeline.exercises[1].startFrame))
        #expect(!harness.snapshot.paused)
        #expect(harness.snapshot.frame == mixer.timeline.exercises[1].startFrame)
    }

    @Test(arguments: deviceKinds)
    func resumeLeadsInThenGoesOnWherePaused(kind: SoundSystem.Kind) throws {
        let harness = try Harness(try Fixture.tracked(), on: SoundSystem(kind: kind))
        let lead = harness.core.resumeLeadIn
        #expect(lead == 1_500)
        harness.run(until: 2_500)
        harness.send(.pause)
        let pausedAt = 2_500 + margin(harness)
        harness.run(until: 8_000)
        harness.send(.resume)
        let resumedAt = 8_000 + margin(harness)
        harness.run(until: 9_100)
        #expect(harness.snapshot.frame == pausedAt, "still leading in")
        #expect(!harness.snapshot.paused)
        harness.run(until: 14_000)
        let goesOn = resumedAt + lead
        #expect(harness.transcript == Transcript(
            parts: [.session(0..<pausedAt), .silence(goesOn - pausedAt), .session(pausedAt..<(pausedAt + 14_000 - goesOn))],
            chimes: [.init(kind: .pause, at: pausedAt, length: 200), .init(kind: .resume, at: resumedAt, length: 300)]))
        #expect(harness.snapshot.frame == pausedAt + 14_000 - goesOn)
        #expect(harness.snapshot.applied == 2)
    }

    @Test(arguments: deviceKinds)
    func seekToTheNextExerciseIsHeardFromItsFirstFrame(kind: SoundSystem.Kind) throws {
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer, on: SoundSystem(kind: kind))
        harness.run(until: 5_000)
        let next = mixer.timeline.nextExerciseFrame(after: harness.snapshot.frame)
        #expect(next == mixer.timeline.exercises[1].startFrame)
        harness.send(.seek(next))
        let at = 5_000 + margin(harness)
        harness.run(until: 9_000)
        // Nothing queued before the change is lost or heard twice; exercise b from its chime.
        #expect(harness.transcript == Transcript(parts: [.session(0..<at), .session(next..<(next + 9_000 - at))]))
        #expect(harness.snapshot.frame == next + 9_000 - at)
        if kind.rewinds {
            #expect(harness.system.device.rewound > 0 && harness.system.device.drops == 0)
        } else {
            #expect(harness.system.device.rewound == 0 && harness.system.device.drops == 1)
        }
    }

    @Test(arguments: deviceKinds)
    func retimeTakesBackWhatTheDeviceHoldsPastTheChange(kind: SoundSystem.Kind) throws {
        let old = try Fixture.tracked(breath: try BreathPattern(parsing: "2-2"))
        let harness = try Harness(old, on: SoundSystem(kind: kind))
        harness.run(until: 5_500)
        // A change from a frame the device already holds (breath boundaries every 2 s from 3 s).
        let from = 5_600
        let retimed = try old.timeline.retimed(breath: try BreathPattern(parsing: "3-3"), from: from)
        let new = Mixer(timeline: retimed, bank: old.bank, gain: old.gain)
        let generation = try #require(harness.core.post(new))
        harness.send(.retime(generation, from: from))
        harness.run(until: 16_000)

        let oldAudio = Fixture.render(old, from: 0, count: 16_000)
        let newAudio = Fixture.render(new, from: 0, count: 16_000)
        let change = try #require(oldAudio.indices.first { oldAudio[$0] != newAudio[$0] })
        #expect(change == 9_000, "old: exhale at 9 s; new: inhale from 7 s for 3 s")
        #expect(Array(harness.heard[0..<change]) == Array(oldAudio[0..<change]))
        #expect(harness.heard == newAudio, "the new tempo from the change on, with nothing lost or repeated")
        #expect(harness.snapshot.generation == generation)
        #expect(kind.rewinds ? harness.system.device.rewound > 0 : harness.system.device.drops == 1)
    }

    @Test func retimeBeyondWhatTheDeviceHoldsTakesNothingBack() throws {
        let old = try Fixture.tracked(breath: try BreathPattern(parsing: "2-2"))
        let harness = try Harness(old)
        harness.run(until: 4_200)
        // As the front end does: after the sound already queued, plus a little.
        let snapshot = harness.snapshot
        let from = snapshot.frame + snapshot.delay + Fixture.rate / 10
        let retimed = try old.timeline.retimed(breath: try BreathPattern(parsing: "3-3"), from: from)
        let new = Mixer(timeline: retimed, bank: old.bank, gain: old.gain)
        let generation = try #require(harness.core.post(new))
        harness.send(.retime(generation, from: from))
        harness.run(until: 16_000)

        let oldAudio = Fixture.render(old, from: 0, count: 16_000)
        let newAudio = Fixture.render(new, from: 0, count: 16_000)
        let change = try #require(oldAudio.indices.first { oldAudio[$0] != newAudio[$0] })
        #expect(change > from)
        #expect(Array(harness.heard[0..<change]) == Array(oldAudio[0..<change]))
        #expect(harness.heard == newAudio)
        #expect(harness.system.device.rewound == 0 && harness.system.device.drops == 0)
        #expect(harness.snapshot.generation == generation)
    }

    @Test(arguments: deviceKinds)
    func stopRampsToSilenceThenFinishes(kind: SoundSystem.Kind) throws {
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer, on: SoundSystem(kind: kind))
        let fade = harness.core.fadeLength
        #expect(fade == 50, "50 ms")
        harness.run(until: 4_000)
        harness.send(.stop)
        #expect(harness.next == .finished, "the fade plays out, then the session is over")
        let at = 4_000 + margin(harness)
        #expect(harness.heard.count == at + fade)
        #expect(Transcript(Array(harness.heard[0..<at]), mixer: mixer) == Transcript(parts: [.session(0..<at)]))
        let session = Fixture.render(mixer, from: at, count: fade)
        for frame in 0..<fade {
            let expected = session[frame] * Float(fade - frame) / Float(fade)
            #expect(abs(harness.heard[at + frame] - expected) < 1e-7, "frame \(frame) of the fade")
        }
        #expect(harness.heard.last! < session.last! / 40, "the ramp ends close to silence")
        #expect(harness.snapshot.finished)
        #expect(harness.system.device.closed)
        #expect(harness.system.openAttempts == 1)
    }

    @Test func appliedCountsCommandsAndEachBatchIsAChange() throws {
        let harness = try Harness(try Fixture.tracked())
        harness.run(until: 1_500)
        #expect(harness.snapshot.applied == 0)
        #expect(harness.events.isEmpty, "time passing is no change")
        harness.send(.pause)
        #expect(harness.snapshot.applied == 1)
        #expect(harness.events == [.changed])
        harness.run(until: 3_000)
        #expect(harness.events == [.changed])
        harness.send(.resume, .seek(6_000))
        #expect(harness.snapshot.applied == 3, "published with the state the commands led to")
        #expect(harness.events == [.changed, .changed])
        harness.send(.pause, .pause)
        #expect(harness.snapshot.applied == 5, "a command with nothing to do still counts as carried out")
    }

    @Test func startsPausedWhenAsked() throws {
        let harness = try Harness(try Fixture.tracked(), from: 12_000, paused: true)
        harness.run(until: 3_000)
        #expect(harness.snapshot.frame == 12_000 && harness.snapshot.paused)
        harness.send(.resume)
        harness.run(until: 6_000)
        let goesOn = 3_000 + margin(harness) + harness.core.resumeLeadIn
        #expect(harness.transcript == Transcript(parts: [.silence(goesOn), .session(12_000..<(12_000 + 6_000 - goesOn))],
                                                 chimes: [.init(kind: .resume, at: 3_000 + margin(harness), length: 300)]))
    }

    /// A command comes half a second after the player last refilled the sound card, which
    /// then said it held 2 s: it holds 1.5 s now, and the take-back leaves the safety margin
    /// of that, not nothing.
    @Test func aTakeBackBetweenRefillsLeavesTheSafetyMarginQueued() throws {
        let system = SoundSystem()
        let harness = try Harness(try Fixture.tracked(), on: system)
        harness.run(until: 2_000)
        harness.advanceToWake()
        harness.step()
        harness.system.advance(milliseconds: 500)
        let at = harness.heard.count + harness.core.safety
        harness.send(.pause)
        harness.run(until: 6_000)
        #expect(system.underruns == 0)
        #expect(harness.transcript == Transcript(parts: [.session(0..<at), .silence(harness.heard.count - at)],
                                                 chimes: [.init(kind: .pause, at: at, length: 200)]))
    }

    /// On a slow machine (here rendering at 30 times real time, as in an emulated one) making
    /// the sound takes time while the device plays on. After a take-back a sound card holds
    /// only the safety margin: the new sound must reach it before that has played, and the
    /// device never runs dry.
    @Test func onASlowMachineTakingSoundBackNeverRunsTheDeviceDry() throws {
        let system = SoundSystem()
        system.renderCost = 1_000_000_000 / Fixture.rate / 30
        let mixer = try Fixture.tracked()
        let harness = try Harness(mixer, on: system)
        // Each command is heard `margin` frames after what had been heard when it came (the
        // first buffer took time to make, so that is a little less than the time).
        harness.run(until: 2_500)
        let at = harness.heard.count + margin(harness)
        harness.send(.pause)
        harness.run(until: 4_000)
        let resumed = harness.heard.count + margin(harness)
        harness.send(.resume)
        harness.run(until: 7_000)
        let skipped = harness.heard.count + margin(harness)
        harness.send(.seek(mixer.timeline.exercises[1].startFrame))
        harness.run(until: 9_000)
        #expect(system.underruns == 0)
        let goesOn = resumed + harness.core.resumeLeadIn
        #expect(harness.transcript == Transcript(
            parts: [.session(0..<at), .silence(goesOn - at), .session(at..<(at + skipped - goesOn)),
                    .session(12_000..<(12_000 + harness.heard.count - skipped))],
            chimes: [.init(kind: .pause, at: at, length: 200), .init(kind: .resume, at: resumed, length: 300)]))
        #expect(harness.runToEnd() == .finished)
        #expect(system.underruns == 0)
    }
}

extension SoundSystem.Kind {
    var rewinds: Bool {
        if case .hardware = self { true } else { false }
    }
}
