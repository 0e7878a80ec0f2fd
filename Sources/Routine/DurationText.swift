/// Reads the duration forms a routine accepts: `10s`, `1.5s`, `2m`, `1m30s`, `90` (seconds).
public enum DurationText {
    public static let forms = "a duration such as 10s, 1.5s, 2m or 1m30s"

    public static func parse(_ raw: String) -> Seconds? {
        let text = raw.lowercased().filter { $0 != " " }
        guard !text.isEmpty else { return nil }
        if let bare = DecimalText.parse(Substring(text)) { return bare }
        var total = Seconds.zero
        var rest = Substring(text)
        var sawMinutes = false
        var sawSeconds = false
        while !rest.isEmpty {
            guard let unitIndex = rest.firstIndex(where: { $0 == "m" || $0 == "s" }) else { return nil }
            guard let value = DecimalText.parse(rest[..<unitIndex]) else { return nil }
            let unit = rest[unitIndex]
            rest = rest[rest.index(after: unitIndex)...]
            if rest.hasPrefix("in") && unit == "m" { rest = rest.dropFirst(2) } // "2min"
            if unit == "m" {
                guard !sawMinutes, !sawSeconds else { return nil }
                sawMinutes = true
                total += value * 60
            } else {
                guard !sawSeconds else { return nil }
                sawSeconds = true
                total += value
            }
        }
        return total
    }

    /// How a person reads a duration: "10 s", "1 min 30 s", "2.5 s".
    public static func format(_ seconds: Seconds) -> String {
        let value = seconds.doubleValue
        if value >= 60, seconds.denominator == 1 {
            let minutes = seconds.numerator / 60
            let rest = seconds.numerator % 60
            return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
        }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return "\(Int(rounded)) s" }
        return "\(rounded) s"
    }
}
