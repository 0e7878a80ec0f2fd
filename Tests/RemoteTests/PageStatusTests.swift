import Control
import Foundation
import Remote
import Testing
import Timeline

@Suite("the status as the page shows it")
struct PageStatusTests {
    func playing() -> SessionStatus {
        var status = SessionStatus(state: .playing)
        status.routine = "Lower back release"
        status.exercise = 3
        status.exercises = 13
        status.name = "Cat and cow"
        status.side = "left leg"
        status.phase = "hold"
        status.breath = "inhale"
        status.secondsLeft = 12.3
        status.elapsed = 96.5
        status.total = 965
        status.tempo = "6/min"
        status.device = "pulse"
        return status
    }

    func json(_ status: PageStatus) throws -> [String: Any] {
        let data = try JSONEncoder().encode(status)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aPlayingSessionInWords() throws {
        let page = PageStatus(playing())
        #expect(page.state == "playing" && page.active && page.counting)
        #expect(page.headline == "Playing")
        #expect(page.counter == "3 of 13")
        #expect(page.name == "Cat and cow" && page.side == "left leg")
        #expect(page.doing == "Hold, breathe in")
        #expect(page.progress == 0.1)
        #expect(page.spoken == "Playing. Exercise 3 of 13: Cat and cow, left leg. Hold.", "no breath: it changes every few seconds")
        let object = try json(page)
        #expect(object["seconds_left"] as? Double == 12.3)
        #expect(object["elapsed"] as? Double == 96.5 && object["total"] as? Double == 965)
        #expect(object["device"] == nil, "the device is none of the page's business")
    }

    @Test func pausedTheClockStops() {
        var status = playing()
        status.state = .paused
        let page = PageStatus(status)
        #expect(page.active && !page.counting)
        #expect(page.headline == "Paused")
        #expect(page.spoken.hasPrefix("Paused."))
    }

    @Test(arguments: [("lead-in", nil, nil, "Starting"), ("get-ready", nil, nil, "Get into position"),
                      ("hold", "Cat", "exhale", "Hold: Cat, breathe out"), ("hold", nil, "breath-hold", "Hold, hold the breath"),
                      ("switch", nil, nil, "Switch sides"), ("rest", nil, nil, "Rest"), ("gap", nil, nil, "Next exercise coming"),
                      ("finished", nil, nil, "Done")] as [(String, String?, String?, String)])
    func eachPhaseInWords(phase: String, position: String?, breath: String?, words: String) {
        var status = playing()
        status.phase = phase
        status.position = position
        status.breath = breath
        #expect(PageStatus(status).doing == words)
    }

    /// The breath phases as the player sends them (a status's `breath` is its breath cue's
    /// kind), each in the page's words.
    @Test func everyBreathPhaseThePlayerSendsIsSaid() {
        let sent = CueKind.allCases.filter(\.isBreath).map(\.rawValue)
        #expect(sent == ["inhale", "breath-hold", "exhale"], "docs/control-protocol.md lists these")
        var status = playing()
        for (breath, words) in zip(sent, ["Hold, breathe in", "Hold, hold the breath", "Hold, breathe out"]) {
            status.breath = breath
            #expect(PageStatus(status).doing == words, "\(breath)")
        }
    }

    @Test func aWaitingPlayerOffersToStart() throws {
        let page = PageStatus(.idle)
        #expect(page.state == "idle" && !page.active && !page.counting)
        #expect(page.headline == "Ready for a session")
        #expect(page.counter == nil && page.name == nil && page.progress == nil)
        let object = try json(page)
        #expect(Set(object.keys) == ["state", "active", "counting", "headline", "spoken"], "nothing empty is sent")
    }

    @Test func preparingAndWaitingForTheSpeakerAreUnderWay() {
        var status = SessionStatus(state: .preparing)
        status.routine = "Morning"
        #expect(PageStatus(status).active && !PageStatus(status).counting)
        #expect(PageStatus(status).headline == "Getting ready")
        status.state = .waitingForDevice
        #expect(PageStatus(status).headline == "Waiting for the speaker")
        #expect(PageStatus(status).active)
    }

    @Test func aFinishedSessionTellsItsLastWord() {
        let page = PageStatus(SessionStatus(state: .finished), message: "session complete")
        #expect(!page.active && page.headline == "Finished" && page.message == "session complete")
    }

    @Test func noPlayerIsSaid() {
        let page = PageStatus(nil)
        #expect(page.state == "unreachable" && !page.active)
        #expect(page.spoken.contains("No player"))
    }

    @Test func progressStaysWithinTheBar() {
        var status = playing()
        status.elapsed = 2000
        #expect(PageStatus(status).progress == 1)
        status.total = 0
        #expect(PageStatus(status).progress == nil)
    }
}
