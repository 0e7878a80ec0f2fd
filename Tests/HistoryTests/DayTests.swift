import Foundation
import History
import Testing

@Suite("calendar days as numbers: the arithmetic behind weeks and streaks")
struct DayTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func knownDaysHaveTheirNumbersAndWeekdays() {
        #expect(Day(year: 1970, month: 1, day: 1).number == 0)
        #expect(Day(year: 1970, month: 1, day: 1).weekday == 3, "a Thursday")
        #expect(Day(year: 2000, month: 3, day: 1).number == 11_017)
        #expect(Day(year: 1969, month: 12, day: 31).number == -1)
        #expect(Day(year: 2025, month: 3, day: 3).weekday == 0, "a Monday")
        #expect(Day(year: 2025, month: 3, day: 9).weekday == 6, "a Sunday")
        #expect(Day(year: 2025, month: 3, day: 9).weekStart == Day(year: 2025, month: 3, day: 3))
        #expect(Day(year: 2024, month: 2, day: 29).description == "2024-02-29")
        #expect(Day(year: 1600, month: 3, day: 1).description == "1600-03-01")
    }

    /// Every day from 1899 to 2101 against Foundation's own calendar: the number, the date back,
    /// the weekday, and the Monday of its week.
    @Test func everyDayOfTwoCenturiesAgreesWithTheCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        var date = try #require(calendar.date(from: DateComponents(year: 1899, month: 1, day: 1, hour: 12)))
        let end = try #require(calendar.date(from: DateComponents(year: 2101, month: 1, day: 1)))
        var expected = Day(year: 1899, month: 1, day: 1).number
        while date < end {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let day = Day(date, in: utc)
            #expect(day.number == expected)
            let civil = day.civil
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
            // Foundation counts Sunday as 1.
            #expect(day.weekday == (parts.weekday! + 5) % 7)
            #expect(day.weekStart.weekday == 0 && day.number - day.weekStart.number < 7)
            expected += 1
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
    }

    @Test func theDayOfAMomentDependsOnTheZone() throws {
        // 23:30 on Monday 3 March 2025 in London is Tuesday in Berlin and still Monday in New York.
        let moment = Date(timeIntervalSince1970: 1_741_044_600)
        #expect(Day(moment, in: utc) == Day(year: 2025, month: 3, day: 3))
        #expect(Day(moment, in: try #require(TimeZone(identifier: "Europe/Berlin"))) == Day(year: 2025, month: 3, day: 4))
        #expect(Day(moment, in: try #require(TimeZone(identifier: "America/New_York"))) == Day(year: 2025, month: 3, day: 3))
        #expect(Day(moment, in: try #require(TimeZone(secondsFromGMT: 14 * 3600))) == Day(year: 2025, month: 3, day: 4))
    }

    @Test func localTimeReadsTheSameInEveryLocale() throws {
        let moment = Date(timeIntervalSince1970: 1_741_044_600)
        #expect(LocalTime.text(moment, in: utc) == "Mon 2025-03-03 23:30")
        #expect(LocalTime.text(moment, in: try #require(TimeZone(identifier: "Asia/Kolkata"))) == "Tue 2025-03-04 05:00")
    }
}
