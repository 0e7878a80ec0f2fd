import Foundation

/// A calendar day, as a count of days from 1970-01-01 (a Thursday), so that "the day before"
/// and "the same week" are arithmetic: no hours, so no daylight-saving shifts. Which day a
/// moment falls on depends on the time zone; that is the one place a zone enters.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) {
        self.number = number
    }

    /// The proleptic Gregorian date; month 1 to 12, day 1 to 31.
    public init(year: Int, month: Int, day: Int) {
        // Counted from March, so that the leap day ends a year (H. Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// The day `date` falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        self.init(date, on: Day.calendar(in: zone))
    }

    /// The day `date` falls on in a Gregorian calendar made once for many dates.
    public init(_ date: Date, on calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    public static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 for Monday to 6 for Sunday (ISO 8601's order).
    public var weekday: Int {
        ((number + 3) % 7 + 7) % 7
    }

    /// The Monday of this day's week.
    public var weekStart: Day { Day(number: number - weekday) }

    public static func + (day: Day, days: Int) -> Day { Day(number: day.number + days) }
    public static func - (day: Day, days: Int) -> Day { Day(number: day.number - days) }
    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "2025-03-03".
    public var description: String {
        let (year, month, day) = civil
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
