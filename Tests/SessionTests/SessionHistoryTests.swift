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

    func recordOnce(_ session: SessionRecord) throws(Failure) -> Bool {
        guard !records.contains(where: { $0.isSameSession(as: session) }) else { return false }
        try record(session)
        return true
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
    let store = MemoryStore()
    static let owner = PlayerProcess(pid: 4321, started: 99, boot: "boot")
    let controller: SessionController

    init() {
        player = FakePlayback(timeline)
        let (sink, clock) = (sink, clock)
        controller = SessionController(player: player, place: Sample.place(), device: "test", store: store,
                                       history: history, owner: Self.owner, now: { clock.now }) { sink.events.append($0) }
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

    // MARK: A session killed before it could record itself

    /// Plays into the third exercise: its chime saved the place, with two exercises done.
    func playIntoTheThirdExercise() -> (began: Date, heard: Double) {
        controller.begin()
        let began = clock.now
        clock.now = began + 30
        let start2 = timeline.exercises[2].startFrame
        play(from: 0, to: start2 + Sample.seconds(3))
        return (began, Double(start2) / Double(Sample.rate))
    }

    @Test func eachSaveOfThePlaceSaysTheSessionIsUnrecordedUntilItsRecordIsAppended() throws {
        let (began, heard) = playIntoTheThirdExercise()
        let mark = try #require(store.saved?.unrecorded)
        #expect(mark.routine == "Sample" && mark.began == began && mark.done == 2 && mark.of == 4 && mark.player == Self.owner)
        #expect(abs(mark.seconds - heard) < 0.03, "heard up to the place's save: \(mark.seconds)")
        #expect(controller.handle(.stop).ok)
        player.caughtUp()
        player.position.finished = true
        controller.update()
        #expect(history.records.count == 1)
        #expect(store.saved != nil && store.saved?.unrecorded == nil, "the place stays for --resume, unmarked")
    }

    @Test func aCompletedSessionIsRecordedBeforeItsPlaceGoes() throws {
        controller.begin()
        var recordedFirst: Bool?
        store.cleared = { [history] _ in recordedFirst = history.records.count == 1 }
        play(from: 0, to: timeline.durationFrames)
        player.position.finished = true
        controller.update()
        #expect(recordedFirst == true, "a kill between the two leaves a mark the history has, never a session lost")
        #expect(store.saved == nil)
    }

    @Test func aSessionWhoseDeviceFailedLeavesNoMark() throws {
        _ = playIntoTheThirdExercise()
        player.failure = "snd_pcm_writei(test): Input/output error"
        player.position.finished = true
        controller.update()
        #expect(history.records.isEmpty)
        #expect(store.saved?.unrecorded == nil)
    }

    @Test func aKilledSessionIsRecordedAsStoppedByTheNextOnce() throws {
        let (began, _) = playIntoTheThirdExercise()
        let mark = try #require(store.saved?.unrecorded)
        // Killed here: nothing more happens to it. The next session starts.
        let recorded = try UnrecordedSessions.record(places: store, history: history) { _ in false }
        #expect(recorded == [SessionRecord(routine: "Sample", path: "/routines/sample.yaml", began: began, ended: began + 30,
                                           seconds: mark.seconds, done: 2, of: 4, completed: false)])
        #expect(history.records == recorded)
        #expect(store.saved?.unrecorded == nil && store.saved?.exercise == 2, "its place stays for --resume")
        #expect(try UnrecordedSessions.record(places: store, history: history) { _ in false }.isEmpty)
        #expect(history.records.count == 1)
    }

    @Test func aSessionStillPlayingIsLeftAlone() throws {
        _ = playIntoTheThirdExercise()
        var asked: [PlayerProcess] = []
        #expect(try UnrecordedSessions.record(places: store, history: history) { asked.append($0); return true }.isEmpty)
        #expect(asked == [Self.owner])
        #expect(history.records.isEmpty && store.saved?.unrecorded != nil)
    }

    /// Killed after its record was appended, before the mark was cleared: the history has it.
    @Test func aSessionTheHistoryHasIsNotRecordedAgain() throws {
        let (began, _) = playIntoTheThirdExercise()
        let mark = try #require(store.saved?.unrecorded)
        try history.record(mark.record(path: "/routines/sample.yaml", ended: began + 31))
        #expect(try UnrecordedSessions.record(places: store, history: history) { _ in false }.isEmpty)
        #expect(history.records.count == 1 && store.saved?.unrecorded == nil)
    }

    @Test func clearingAMarkKeepsWhichPlaceIsLatest() throws {
        _ = playIntoTheThirdExercise()
        var other = Sample.place()
        other.routine = "/routines/other.yaml"
        try store.save(other)
        _ = try UnrecordedSessions.record(places: store, history: history) { _ in false }
        #expect(store.places.latest == other, "--resume still goes on with the routine saved last")
    }
}
