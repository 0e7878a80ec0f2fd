import Foundation

/// What the history says of keeping at it, on a given day: the time practised this week and
/// the streak of days in a row with a session. Days are calendar days in the person's time
/// zone; a session counts on the day it began.
public struct Practice: Sendable, Equatable {
    /// Today, in the zone the figures were worked out in.
    public let today: Day
    /// The Monday this week began on (weeks run Monday to Sunday).
    public let weekStart: Day
    /// Seconds heard in sessions this week, and how many sessions.
    public let weekSeconds: Double
    public let weekSessions: Int
    /// Days in a row, up to today, each with a session that played. A day not yet practised
    /// does not break it until it is over: then the streak runs up to yesterday.
    public let streak: Int
    public let playedToday: Bool

    public init(_ records: [SessionRecord], now: Date, zone: TimeZone) {
        let calendar = Day.calendar(in: zone)
        let today = Day(now, on: calendar)
        let monday = today.weekStart
        let dated = records.map { (day: Day($0.began, on: calendar), record: $0) }
        let thisWeek = dated.filter { $0.day >= monday && $0.day < monday + 7 }
        self.today = today
        weekStart = monday
        weekSeconds = thisWeek.reduce(0) { $0 + $1.record.seconds }
        weekSessions = thisWeek.count
        let practised = Set(dated.filter { $0.record.seconds > 0 }.map(\.day))
        playedToday = practised.contains(today)
        var day = playedToday ? today : today - 1
        var streak = 0
        while practised.contains(day) {
            streak += 1
            day = day - 1
        }
        self.streak = streak
    }

    /// Whole minutes this week, as a person reads them.
    public var weekMinutes: Int { Int((weekSeconds / 60).rounded()) }

    /// "this week: 32 min in 3 sessions; streak: 4 days, today included".
    public var text: String {
        let sessions = weekSessions == 1 ? "1 session" : "\(weekSessions) sessions"
        let week = weekSessions == 0 ? "this week: nothing yet" : "this week: \(weekMinutes) min in \(sessions)"
        let days = streak == 1 ? "1 day" : "\(streak) days"
        let run: String
        switch (streak, playedToday) {
        case (0, _): run = "streak: none; a session today starts one"
        case (_, true): run = "streak: \(days), today included"
        case (_, false): run = "streak: \(days); a session today makes it \(streak + 1)"
        }
        return "\(week); \(run)"
    }
}
