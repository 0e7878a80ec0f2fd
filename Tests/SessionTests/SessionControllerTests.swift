import Control
import Foundation
import Player
import Routine
import Session
import Testing
import Timeline

@Suite("the session controller: every request, from any front end, and what it reports")
struct SessionControllerTests {
    let timeline = Sample.timeline()
    let player: FakePlayback
    let store = MemoryStore()
    var events: [SessionEvent] { sink.events }
    let sink = EventSink()
    let controller: SessionController

    final class EventSink {
        var events: [SessionEvent] = []
    }

    init() {
        player = FakePlayback(timeline)
        let sink = sink
        controller = SessionController(player: player, place: Sample.place(), device: "test", store: store,
                                       now: { Date(timeIntervalSince1970: 100) }) { sink.events.append($0) }
    }

    func start(_ exercise: Int) -> Int { timeline.exercises[exercise].startFrame }

    // MARK: Skipping

    /// A sound server still starting can say the listener is a little before a cue already
    /// reported heard: "next" goes on from what the person was told, not back before it.
    @Test func nextNeverActsFromBeforeACueAlreadyReported() {
        player.caughtUp(at: start(1) + Sample.seconds(0.1))
        controller.update()
        #expect(events.last { $0.kind == .cue }?.cue == "exercise")
        player.caughtUp(at: start(1) - Sample.seconds(0.2))
        controller.update()
        #expect(controller.status().exercise == 2, "where the person was told they are")
        #expect(controller.handle(.next).ok)
        #expect(player.seeks == [start(2)])
    }

    @Test func threePressesOfNextInOneReadSkipThreeExercises() {
        player.caughtUp(at: start(0) + Sample.seconds(3))
        // The audio thread has not run between the presses: its position is still the old one.
        for _ in 0..<3 { #expect(controller.handle(.next).ok) }
        #expect(player.seeks == [start(1), start(2), start(3)])
        #expect(controller.status().exercise == 4, "the status says where the skips land")
    }

    @Test func previousRestartsTheExerciseOrGoesBackWithinItsFirstSeconds() {
        player.caughtUp(at: start(2) + Sample.seconds(5))
        _ = controller.handle(.previous)
        #expect(player.seeks == [start(2)], "5 s in: back to its start")
        player.caughtUp(at: start(2) + Sample.seconds(1))
        _ = controller.handle(.previous)
        #expect(player.seeks.last == start(1), "1 s in: to the one before")
    }

    @Test func nextFromTheLastExerciseGoesToTheEnd() {
        player.caughtUp(at: start(3) + Sample.seconds(1))
        _ = controller.handle(.next)
        #expect(player.seeks == [timeline.endCueFrame])
    }

    @Test func cuesAreReportedInOrderAndNotTwiceAfterASkip() {
        player.caughtUp(at: start(0) + Sample.seconds(1))
        controller.update()
        #expect(events.filter { $0.kind == .cue }.count == 1, "the first exercise's chime")
        _ = controller.handle(.next)
        controller.update()
        #expect(events.filter { $0.kind == .cue }.count == 1, "nothing while the skip is on its way")
        player.caughtUp(at: start(1))
        controller.update()
        let lines = events.filter { $0.kind == .cue }.map(\.text)
        #expect(lines.count == 2)
        #expect(lines.last?.contains("2/4") == true && lines.last?.contains("exercise") == true, "\(lines)")
    }

    @Test func cuesHeardAgainAfterThePlayerWentBackByItselfAreReportedAgain() {
        player.caughtUp(at: start(0) + Sample.seconds(8))
        controller.update()
        let before = events.filter { $0.kind == .cue }.count
        // The device came back: playback picks up 3 s before where sound stopped.
        player.caughtUp(at: start(0) + Sample.seconds(5))
        controller.update()
        player.caughtUp(at: start(0) + Sample.seconds(8))
        controller.update()
        let again = events.filter { $0.kind == .cue }.dropFirst(before)
        #expect(!again.isEmpty, "the cues between are heard again, and said again")
    }

    // MARK: Pausing

    @Test func pauseAndResumeSendOneCommandEachAndThePauseSavesThePlace() {
        player.caughtUp(at: start(1) + Sample.seconds(1))
        _ = controller.handle(.pause)
        _ = controller.handle(.pause)
        #expect(player.commands == [.pause], "a second pause changes nothing")
        #expect(store.saved?.exercise == 1)
        #expect(controller.status().state == .paused, "at once, before the audio thread has run")
        _ = controller.handle(.toggle)
        #expect(player.commands == [.pause, .resume])
        #expect(controller.status().state == .playing)
    }

    @Test func afterAResumeTheControllerWaitsForTheNextCueAgain() {
        player.caughtUp(at: start(0) + Sample.seconds(1))
        controller.update()
        _ = controller.handle(.pause)
        player.caughtUp(paused: true)
        controller.update()
        #expect(controller.timeout() == nil, "paused: nothing is due")
        _ = controller.handle(.resume)
        player.caughtUp(paused: false)
        controller.update()
        #expect(controller.timeout().map { $0 > 0.99 && $0 < 1.01 } == true, "the hold starts 1 s later, and is reported then")
        #expect(events.map(\.kind).contains(.state))
        player.caughtUp(at: timeline.holds[0].startFrame)
        controller.update()
        #expect(events.contains { $0.text.contains("hold-start") }, "\(events.map(\.text))")
    }

    // MARK: Tempo

    @Test func fasterAndSlowerRetimeFromTheNextBreath() {
        player.caughtUp(at: timeline.holds[0].startFrame + Sample.seconds(1))
        #expect(controller.handle(.faster).ok)
        #expect(player.timelines.count == 2)
        #expect(events.last == SessionEvent(.tempo, "breathing 6.7 breaths a minute: 4.5 s in, 4.5 s out"))
        #expect(controller.status().tempo == "4.5-4.5")
        #expect(controller.handle(.tempo("4-7-8")).ok)
        #expect(controller.status().tempo == "4-7-8")
    }

    /// Each press scales the breath by a ninth: the words and the status say tenths of a second.
    @Test func aSlowerTempoIsSaidWithOneDecimal() {
        player.caughtUp(at: timeline.holds[0].startFrame + Sample.seconds(1))
        #expect(controller.handle(.slower).ok)
        #expect(events.last == SessionEvent(.tempo, "breathing 5.4 breaths a minute: 5.6 s in, 5.6 s out"))
        #expect(controller.status().tempo == "5.6-5.6")
    }

    @Test func tempoProblemsAreSaidNotCarriedOut() {
        player.caughtUp(at: timeline.holds[0].startFrame)
        let bad = controller.handle(.tempo("4-"))
        #expect(bad.problem == .input && bad.error?.contains("invalid breathing pattern '4-'") == true)
        player.acceptsRetimes = false
        let full = controller.handle(.tempo("box"))
        #expect(full.problem == .refused && full.error == "too many tempo changes in one session")
        #expect(player.commands.isEmpty)
    }

    @Test func breathingCannotGoFasterThanOneSecondAPhase() {
        player.caughtUp(at: timeline.holds[0].startFrame)
        _ = controller.handle(.tempo("1-1"))
        let reply = controller.handle(.faster)
        #expect(reply.problem == .refused)
        #expect(reply.error == "the breath cannot go faster: 1-1 is at the limit")
    }

    // MARK: Stopping and the end

    @Test func stopSavesThePlaceFadesOnceAndRefusesWhatFollows() {
        player.caughtUp(at: start(2) + Sample.seconds(4))
        #expect(controller.handle(.stop).ok)
        #expect(controller.handle(.stop).problem == .refused)
        #expect(controller.handle(.next).problem == .refused)
        #expect(player.commands == [.stop])
        #expect(store.saved?.exercise == 2 && store.saved?.exerciseName == "E3")
        player.caughtUp()
        player.position.finished = true
        controller.update()
        #expect(controller.outcome == .stopped(exercise: "E3"))
        #expect(events.last?.text.hasPrefix("stopped in E3 (3 of ") == true && events.last?.exercise == "E3")
        #expect(store.saved != nil, "the place stays for --resume")
    }

    /// Skipped to the third exercise and stopped in it: the line says where, which stays true
    /// whatever was skipped, and for how long the session was heard.
    @Test func aStopAfterSkippingAheadSaysWhereItStopped() {
        player.caughtUp(at: Sample.seconds(1))
        controller.update()
        #expect(controller.handle(.next).ok)
        #expect(controller.handle(.next).ok)
        player.caughtUp(at: start(2))
        controller.update()
        player.caughtUp(at: start(2) + Sample.seconds(3))
        controller.update()
        #expect(controller.handle(.stop).ok)
        player.caughtUp()
        player.position.finished = true
        controller.update()
        let count = timeline.routine.exercises.count
        #expect(events.last?.text == "stopped in E3 (3 of \(count)) after 4 s")
        #expect(events.last?.summary?.done == 0, "the history still counts what was done")
    }

    @Test func aSessionThatRanToItsEndLeavesNothingToResume() {
        player.caughtUp(at: start(1))
        controller.update()
        #expect(store.saved?.exercise == 1, "saved at each exercise's chime")
        player.position.frame = timeline.durationFrames
        player.position.finished = true
        controller.update()
        #expect(controller.outcome == .completed)
        #expect(store.saved == nil)
        #expect(events.last?.kind == .end && events.last?.completed == true)
    }

    @Test func theEndSaysWhatWasDoneCountingNeitherSkippedExercisesNorPauses() throws {
        let rate = Double(timeline.sampleRate)
        // Exercise 1 heard whole, with updates along the way.
        for frame in stride(from: 0, through: start(1), by: Sample.seconds(1)) {
            player.caughtUp(at: frame)
            controller.update()
        }
        player.caughtUp(at: start(1))
        controller.update()
        // Exercise 2 begun, paused for a while, then skipped: begun, not done.
        player.caughtUp(at: start(1) + Sample.seconds(2))
        controller.update()
        #expect(controller.handle(.pause).ok)
        player.caughtUp(paused: true)
        controller.update()
        #expect(controller.handle(.resume).ok)
        player.caughtUp(paused: false)
        #expect(controller.handle(.next).ok)
        player.caughtUp(at: start(2))
        controller.update()
        // The rest heard to the end.
        for frame in stride(from: start(2), through: timeline.durationFrames, by: Sample.seconds(1)) {
            player.caughtUp(at: frame)
            controller.update()
        }
        player.caughtUp(at: timeline.durationFrames)
        player.position.finished = true
        controller.update()
        let summary = try #require(events.last?.summary)
        let count = timeline.routine.exercises.count
        #expect(summary.done == count - 1 && summary.of == count)
        let heard = Double(timeline.durationFrames - start(2) + start(1) + Sample.seconds(2)) / rate
        #expect(abs(summary.seconds - heard) < 0.001, "\(summary.seconds) s, not \(heard) s")
        #expect(events.last?.text == "session complete: \(summary.text)")
    }

    @Test(arguments: [(13, 13, 965.0, "13 exercises in 16 min"), (1, 1, 40, "1 exercise in 40 s"),
                      (2, 13, 190, "2 of 13 exercises in 3 min"), (0, 1, 2, "0 of 1 exercise in 2 s")])
    func aSummaryInWords(done: Int, of: Int, seconds: Double, words: String) {
        #expect(SessionEvent.Summary(done: done, of: of, seconds: seconds).text == words)
    }

    @Test func aDeviceThatFailedEndsTheSessionWithItsErrorNotAStop() {
        player.failure = "snd_pcm_writei(test): Input/output error"
        player.position.finished = true
        controller.update()
        #expect(controller.outcome == .failed("sound device 'test' failed: snd_pcm_writei(test): Input/output error"))
        #expect(events.last?.kind == .end && events.last?.failed == true && events.last?.exercise == nil)
    }

    @Test func startWhilePlayingIsRefused() {
        let reply = controller.handle(.start(StartOptions(routine: "morning")))
        #expect(reply == .failure("a session is already playing: stop it first (stretchcue ctl stop)", .refused))
    }

    // MARK: What goes wrong

    @Test func aPlaceThatCannotBeSavedIsSaidOnceAtTheStart() {
        store.failure = .system("/nowhere/stretchcue: Permission denied")
        controller.begin()
        player.caughtUp(at: start(1))
        controller.update()
        _ = controller.handle(.pause)
        let warnings = events.filter { $0.kind == .warning }
        #expect(warnings.map(\.text) == ["cannot save the session's place (/nowhere/stretchcue: Permission denied); --resume will not find it"])
        #expect(events.first?.kind == .warning, "before anything is heard")
    }

    @Test func theDeviceGoingAndComingBackIsSaidOnceEachWay() {
        player.caughtUp(at: start(0) + Sample.seconds(3))
        player.position.waiting = true
        controller.update()
        controller.update()
        #expect(controller.status().state == .waitingForDevice)
        #expect(controller.timeout() == nil, "nothing is due until the device is back")
        player.position.waiting = false
        controller.update()
        player.underruns = 2
        controller.update()
        controller.update()
        let warnings = events.filter { $0.kind == .warning }.map(\.text)
        #expect(warnings.count == 3, "\(warnings)")
        #expect(warnings[0].hasPrefix("the sound device is gone"))
        #expect(warnings[1].hasPrefix("the sound device is back"))
        #expect(warnings[2].hasPrefix("the sound device ran dry"))
    }

    @Test func aPlayerThatCannotTakeACommandSaysSo() {
        player.accepts = false
        #expect(controller.handle(.pause).problem == .system)
        #expect(controller.status().state == .playing)
    }
}
