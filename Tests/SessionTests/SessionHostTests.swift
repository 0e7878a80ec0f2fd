import Control
import Foundation
import Session
import Testing

@Suite("the one player: requests with and without a session")
struct SessionHostTests {
    @Test func withoutASessionOnlyStartStatusAndWatchMeanSomething() {
        let host = SessionHost()
        #expect(host.handle(.status) == .reply(.status(.idle)))
        #expect(host.handle(.watch) == .reply(.done))
        #expect(host.handle(.start(StartOptions(routine: "morning"))) == .start(StartOptions(routine: "morning")))
        for request in [ControlRequest.pause, .resume, .toggle, .next, .previous, .faster, .slower, .tempo("box"), .stop] {
            #expect(host.handle(request) == .reply(.failure("no session is playing: start one with stretchcue ctl start", .refused)),
                    "\(request)")
        }
    }

    @Test func withASessionEveryRequestGoesToIt() {
        let host = SessionHost()
        let player = FakePlayback(Sample.timeline())
        host.began(SessionController(player: player, place: Sample.place(), device: "test", store: MemoryStore()) { _ in })
        #expect(host.handle(.pause) == .reply(.done))
        #expect(player.commands == [.pause])
        guard case .reply(let reply) = host.handle(.start(StartOptions())) else {
            Issue.record("a second start must be answered, not started")
            return
        }
        #expect(reply.problem == .refused)
        host.ended()
        #expect(host.handle(.status) == .reply(.status(.idle)))
    }

    @Test func whilePreparingStatusAnswersAndStopGivesItUp() {
        let host = SessionHost()
        _ = host.preparing("Lower back", exercises: 13)
        guard case .reply(let reply) = host.handle(.status) else {
            Issue.record("status must be answered")
            return
        }
        #expect(reply.status?.state == .preparing && reply.status?.routine == "Lower back" && reply.status?.exercises == 13)
        #expect(host.handle(.pause) == .reply(.failure("the session is still being prepared; try again in a moment", .refused)))
        #expect(host.handle(.start(StartOptions())) == .reply(.failure("a session is being prepared: stop it first (stretchcue ctl stop)", .refused)))
        #expect(host.handle(.stop) == .reply(.done))
        #expect(host.handle(.status) == .reply(.status(.idle)), "given up: no session, while its thread winds down")
        #expect(host.handle(.start(StartOptions())) == .reply(.failure("the last session is still being given up; try again in a moment", .refused)))
        #expect(host.prepared() == false, "given up: it must not begin")
        #expect(host.handle(.status) == .reply(.status(.idle)))
    }

    @Test func aPreparedSessionBegins() {
        let host = SessionHost()
        _ = host.preparing("Lower back", exercises: 13)
        #expect(host.prepared())
        host.began(SessionController(player: FakePlayback(Sample.timeline()), place: Sample.place(), device: "test",
                                     store: MemoryStore()) { _ in })
        #expect(host.session != nil)
    }
}
