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
}
