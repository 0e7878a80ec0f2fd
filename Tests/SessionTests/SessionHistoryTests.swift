import Control
import Foundation
import History
import Session
import Testing
import Timeline

/// Sessions recorded in memory.
final class MemoryHistory: HistoryStore {
    let location = "/state/stretchcue/history.jsonl"
    var records: [SessionRecord] = []
    var failure: Failure?

    func record(_ session: SessionRecord) throws(Failure) {
        if let failure { throw failure }
        records.append(session)
    }
}

/// A clock the test moves.
final class FakeClock: @unchecked Sendable {
    var now = Date(timeIntervalSince1970: 1_741_000_000)
}

@Suite("the session controller records each session that played, once, as it ends")
struct SessionHistoryTests {
    let timeline = Sample.timeline()
    let player: FakePlayback
    let history = MemoryHistory()
    let clock = FakeClock()
    let sink = SessionControllerTests.EventSink()
    let controller: SessionController

    init() {
        player = FakePlayback(timeline)
        let (sink, clock) = (sink, clock)
        controller = SessionController(player: player, place: Sample.place(), device: "test", store: MemoryStore(),
                                       history: history, now: { clock.now }) { sink.events.append($0) }
    }

    /// Plays from `from` to `to`, a second at a time, as the loop would.
    func play(from: Int, to: Int) {
        for frame in stride(from: from, through: to, by: Sample.seconds(1)) {
            player.caughtUp(at: frame)
            controller.update()
        }
        player.caughtUp(at: to)
        controller.update()
    }

    @Test func aSessionThatRanToItsEndIsRecordedWithWhenHowLongAndHowFar() throws {
        controller.begin()
        let began = clock.now
        play(from: 0, to: timeline.durationFrames)
        clock.now = began + 70
        player.position.finished = true
        controller.update()
        controller.update()
        let record = try #require(history.records.first)
        #expect(history.records.count == 1, "once, however often the loop asks")
        #expect(record == SessionRecord(routine: "Sample", path: "/routines/sample.yaml", began: began, ended: began + 70,
                                        seconds: Double(timeline.durationFrames) / Double(Sample.rate), done: 4, of: 4,
                                        completed: true))
        #expect(events.last?.kind == .end, "recorded before the end is reported")
    }

    var events: [SessionEvent] { sink.events }

    @Test func aStoppedSessionIsRecordedAsStoppedWithTheExercisesDone() throws {
        controller.begin()
        let began = clock.now
        let start2 = timeline.exercises[2].startFrame
        play(from: 0, to: start2 + Sample.seconds(3))
        clock.now = began + 35
        #expect(controller.handle(.stop).ok)
        player.caughtUp()
        player.position.finished = true
        controller.update()
        let record = try #require(history.records.first)
        #expect(!record.completed && record.done == 2 && record.of == 4)
        #expect(record.ended == began + 35)
        #expect(abs(record.seconds - Double(start2 + Sample.seconds(3)) / Double(Sample.rate)) < 0.001)
    }

    @Test func aSessionWhoseDeviceFailedBeforeItPlayedIsNotRecorded() {
        controller.begin()
        player.failure = "snd_pcm_writei(test): Input/output error"
        player.position.finished = true
        controller.update()
        #expect(history.records.isEmpty)
    }

    @Test func aHistoryThatCannotBeWrittenIsSaidAndTheSessionStillEnds() {
        history.failure = .system("/state/stretchcue/history.jsonl: No space left on device (write)")
        controller.begin()
        player.position.frame = timeline.durationFrames
        player.position.finished = true
        controller.update()
        #expect(controller.outcome == .completed)
        let warnings = events.filter { $0.kind == .warning }.map(\.text)
        #expect(warnings == ["cannot record the session in the history (/state/stretchcue/history.jsonl: No space left on device (write))"])
        #expect(events.last?.kind == .end && events.last?.completed == true)
    }

    @Test func theClockGoingBackMeanwhileNeverMakesASessionEndBeforeItBegan() throws {
        controller.begin()
        clock.now = clock.now - 3600
        player.position.frame = timeline.durationFrames
        player.position.finished = true
        controller.update()
        let record = try #require(history.records.first)
        #expect(record.ended == record.began && record.isSound)
    }
}
