import Routine
import Session
import Testing
import Timeline

@Suite("times as a person reads them: a place in a session, a length")
struct ClockTests {
    @Test func aPlaceIsTheSecondItFallsIn() {
        #expect(Clock.format(frames: 47_999, rate: 48_000) == "00:00")
        #expect(Clock.format(frames: 48_000, rate: 48_000) == "00:01")
        #expect(Clock.format(seconds: 446.98) == "07:26")
        #expect(Clock.format(seconds: 3 * 3600 + 59.9) == "3:00:59")
    }

    @Test func aLengthIsTheNearestSecond() {
        #expect(Clock.length(frames: 446 * 48_000 + 23_999, rate: 48_000) == "07:26")
        #expect(Clock.length(frames: 446 * 48_000 + 24_000, rate: 48_000) == "07:27", "half a second up")
        #expect(Clock.length(frames: 3 * 3600 * 48_000 - 1, rate: 48_000) == "3:00:00", "a frame short of 3 h")
        #expect(Clock.length(seconds: 446.98) == "07:27")
        #expect(Clock.length(seconds: 190.5) == "03:11")
        #expect(Clock.length(seconds: 190.4) == "03:10")
    }

    /// `show`'s heading and its last line give the same length, whatever fraction of a second it has.
    @Test(arguments: [Seconds(44698, over: 100), Seconds(44602, over: 100), Seconds(10799, over: 1)])
    func theHeadingAndTheTotalAgree(outro: Seconds) throws {
        let routine = Routine(name: "R", leadIn: .zero, outro: outro,
                              exercises: [Exercise(name: "A", hold: .time(Seconds(1)), transition: .zero, gap: .zero)])
        let report = TimelineReport(try Timeline(routine: routine, settings: Settings()))
        let heading = report.heading(), total = try #require(report.text().split(separator: "\n").last)
        let length = try #require(heading.split(separator: " ").last)
        #expect(total.hasPrefix("total \(length) "), "\(heading) / \(total)")
    }
}
