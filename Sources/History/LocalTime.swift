import Foundation

/// When something happened, on the person's clock: "Mon 2025-03-03 07:12". The same form in
/// every locale, so that it lines up in a table and sorts as text.
public enum LocalTime {
    public static func text(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let day = Day(date, in: zone)
        return Day.weekdayNames[day.weekday] + " \(day) " + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
