import Foundation
import History
import Testing

@Suite("the minutes this week and the streak of days, on a fake clock in chosen time zones")
struct PracticeTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// A moment on the clock of `zone`.
    func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 8, _ minute: Int = 0, in zone: TimeZone? = nil) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? berlin
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    func session(_ began: Date, seconds: Double = 600) -> SessionRecord {
        SessionRecord(routine: "Lower back", path: "/r/lower-back.yaml", began: began, ended: began + seconds,
                      seconds: seconds, done: 3, of: 13, completed: false)
    }

    // Wednesday 5 March 2025, in the evening.
    var now: Date { at(2025, 3, 5, 20) }

    @Test func noSessionsIsNoStreakAndNothingThisWeek() {
        let practice = Practice([], now: now, zone: berlin)
        #expect(practice.streak == 0 && !practice.playedToday)
        #expect(practice.weekSeconds == 0 && practice.weekSessions == 0)
        #expect(practice.weekStart == Day(year: 2025, month: 3, day: 3))
        #expect(practice.text == "this week: nothing yet; streak: none; a session today starts one")
    }

    @Test func todayNotYetPlayedDoesNotBreakTheStreakUntilTheDayIsOver() {
        let records = [session(at(2025, 3, 3)), session(at(2025, 3, 4))]
        let evening = Practice(records, now: now, zone: berlin)
        #expect(evening.streak == 2 && !evening.playedToday)
        #expect(evening.text.hasSuffix("streak: 2 days; a session today makes it 3"))
        let justBeforeMidnight = Practice(records, now: at(2025, 3, 5, 23, 59), zone: berlin)
        #expect(justBeforeMidnight.streak == 2)
        let nextMorning = Practice(records, now: at(2025, 3, 6, 0, 1), zone: berlin)
        #expect(nextMorning.streak == 0, "Wednesday went by without a session")
    }

    @Test func aSessionTodayExtendsTheStreakAndSaysSo() {
        let records = [session(at(2025, 3, 4)), session(at(2025, 3, 5, 7)), session(at(2025, 3, 5, 19))]
        let practice = Practice(records, now: now, zone: berlin)
        #expect(practice.streak == 2 && practice.playedToday, "two sessions in a day count as one day")
        #expect(practice.text == "this week: 30 min in 3 sessions; streak: 2 days, today included")
    }

    @Test func aMissedDayEndsTheStreakBeforeIt() {
        let records = [session(at(2025, 2, 28)), session(at(2025, 3, 1)), session(at(2025, 3, 3)), session(at(2025, 3, 4))]
        #expect(Practice(records, now: now, zone: berlin).streak == 2)
        #expect(Practice(Array(records.prefix(2)), now: now, zone: berlin).streak == 0, "the last was three days ago")
    }

    @Test func aSessionCountsOnTheDayItBeganOnThePersonsClock() {
        // 23:30 on Tuesday in Berlin is 22:30 UTC: Tuesday both ways; 00:30 on Wednesday in
        // Berlin is still Tuesday in UTC.
        let late = at(2025, 3, 4, 23, 30)
        let early = at(2025, 3, 5, 0, 30)
        let utc = TimeZone(identifier: "UTC")!
        #expect(Practice([session(late)], now: now, zone: berlin).streak == 1)
        #expect(Practice([session(early)], now: now, zone: berlin).playedToday)
        #expect(!Practice([session(early)], now: now, zone: utc).playedToday)
        #expect(Practice([session(early)], now: now, zone: utc).streak == 1, "yesterday, in UTC")
    }

    @Test func daysShortenedOrLengthenedByDaylightSavingAreWholeDays() {
        // Berlin springs forward on 30 March 2025 and falls back on 26 October 2025.
        let spring = [session(at(2025, 3, 29, 0, 30)), session(at(2025, 3, 30, 3, 30)), session(at(2025, 3, 31, 0, 10))]
        #expect(Practice(spring, now: at(2025, 3, 31, 23, 50), zone: berlin).streak == 3)
        let autumn = [session(at(2025, 10, 25, 23, 50)), session(at(2025, 10, 26, 23, 50)), session(at(2025, 10, 27, 0, 10))]
        #expect(Practice(autumn, now: at(2025, 10, 27, 12), zone: berlin).streak == 3)
    }

    @Test func theWeekRunsMondayToSunday() {
        let records = [session(at(2025, 3, 2, 23, 59), seconds: 60),   // Sunday: last week
                       session(at(2025, 3, 3, 0, 0), seconds: 90),     // Monday
                       session(at(2025, 3, 9, 23, 59), seconds: 30),   // Sunday
                       session(at(2025, 3, 10, 0, 0), seconds: 1)]     // next Monday
        let wednesday = Practice(records, now: now, zone: berlin)
        #expect(wednesday.weekSessions == 2 && wednesday.weekSeconds == 120, "a session dated later this week still counts")
        #expect(wednesday.weekMinutes == 2)
        let sunday = Practice(records, now: at(2025, 3, 9, 23, 59), zone: berlin)
        #expect(sunday.weekStart == Day(year: 2025, month: 3, day: 3) && sunday.weekSeconds == 120)
        let monday = Practice(records, now: at(2025, 3, 10, 0, 0), zone: berlin)
        #expect(monday.weekStart == Day(year: 2025, month: 3, day: 10) && monday.weekSessions == 1)
    }

    @Test func aSessionStoppedBeforeAnythingWasHeardDoesNotCountAsADay() {
        let records = [session(at(2025, 3, 4)), session(at(2025, 3, 5), seconds: 0)]
        let practice = Practice(records, now: now, zone: berlin)
        #expect(!practice.playedToday && practice.streak == 1)
        #expect(practice.weekSessions == 2, "it is still listed and counted among the sessions")
    }

    @Test func aSessionDatedInTheFutureNeitherMakesNorBreaksTheStreak() {
        let records = [session(at(2025, 3, 4)), session(at(2025, 3, 7))]
        let practice = Practice(records, now: now, zone: berlin)
        #expect(practice.streak == 1 && !practice.playedToday)
    }

    /// Every pattern of practised days over the last twelve, against a plain count backwards
    /// with Foundation's calendar.
    @Test func everyPatternOfTheLastTwelveDaysGivesTheStreakCountedByHand() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let today = at(2025, 3, 30, 21) // the day Berlin's clocks spring forward
        for pattern in 0..<(1 << 12) {
            let days = (0..<12).filter { pattern & (1 << $0) != 0 }
            let records = days.map { session(calendar.date(byAdding: .day, value: -$0, to: at(2025, 3, 30, 7))!) }
            var expected = 0
            var back = pattern & 1 != 0 ? 0 : 1
            while back < 12, pattern & (1 << back) != 0 {
                expected += 1
                back += 1
            }
            let practice = Practice(records.shuffled(), now: today, zone: berlin)
            #expect(practice.streak == expected, "pattern \(String(pattern, radix: 2))")
            #expect(practice.playedToday == (pattern & 1 != 0))
            // This week began on Monday 24 March: today and the six days before it.
            #expect(practice.weekSessions == days.filter { $0 <= 6 }.count)
        }
    }

    @Test func oneSessionIsWordedInTheSingular() {
        let practice = Practice([session(at(2025, 3, 5, 7), seconds: 95)], now: now, zone: berlin)
        #expect(practice.text == "this week: 2 min in 1 session; streak: 1 day, today included")
    }
}
