import StrictYAML

/// Reads the durations people write: `10s`, `1.5s`, `90` (seconds), `2m`, `1m30s`, `30 sec`,
/// `30 seconds`, `2 minutes`, `2 mins`, `1 min 30 s`, `1h`, `1 hour 20 min`, and the clock's
/// `1:30`, `0:30` or `1:20:00`.
public enum DurationText {
    public static let forms = "a duration such as 30s, 30 seconds, 2 min, 1m30s or 1:30"
    /// The forms a whole session's length is written in.
    public static let lengthForms = "a length such as 10m, 20 minutes, 1h or 1:15:00"

    /// Why a text is not a duration, in words a person can act on.
    public enum Problem: Error, Equatable, Sendable {
        /// Not any of the forms.
        case unreadable
        /// More than three decimal places: finer than anyone can hold a stretch.
        case tooPrecise
        /// More digits than any duration a routine takes.
        case tooLarge

        public var reason: String {
            switch self {
            case .unreadable: "must be \(DurationText.forms)"
            case .tooPrecise: "has more than three decimal places; a thousandth of a second is the finest step"
            case .tooLarge: "is too large a number"
            }
        }
    }

    public static func parse(_ raw: String) -> Seconds? {
        try? read(raw).get()
    }

    /// The duration, or why it is not one.
    public static func read(_ raw: String) -> Result<Seconds, Problem> {
        let text = raw.lowercased().trimmingSpaces
        guard !text.isEmpty else { return .failure(.unreadable) }
        if text.contains(":") { return clock(text) }
        // Numbers and unit words in turn: minutes first, then seconds, each at most once.
        var total = Seconds.zero
        var rest = Substring(text)
        var units: [Unit] = []
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " })
            let number = rest.prefix(while: { $0.isASCIIDigit || $0 == "." })
            rest = rest.dropFirst(number.count).drop(while: { $0 == " " })
            let word = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(word.count)
            guard !number.isEmpty else { return .failure(.unreadable) }
            let value: Seconds
            switch DecimalText.read(number) {
            case .success(let read): value = read
            case .failure(let problem): return .failure(problem)
            }
            if word.isEmpty, units.isEmpty, rest.isEmpty { return .success(value) } // a bare number: seconds
            guard let unit = Unit(word: String(word)), units.last.map({ $0 < unit }) ?? true else {
                return .failure(.unreadable)
            }
            units.append(unit)
            total += value * unit.seconds
        }
        return .success(total)
    }

    private enum Unit: Int, Comparable {
        case hour
        case minute
        case second

        init?(word: String) {
            switch word {
            case "h", "hr", "hrs", "hour", "hours": self = .hour
            case "m", "min", "mins", "minute", "minutes": self = .minute
            case "s", "sec", "secs", "second", "seconds": self = .second
            default: return nil
            }
        }

        var seconds: Int {
            switch self {
            case .hour: 3600
            case .minute: 60
            case .second: 1
            }
        }

        static func < (a: Unit, b: Unit) -> Bool { a.rawValue < b.rawValue }
    }

    /// `M:SS` or `H:MM:SS` as a clock shows it: `1:30`, `0:30`, `10:00`, `0:07.5`, `1:20:00`.
    private static func clock(_ text: String) -> Result<Seconds, Problem> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), !parts[0].isEmpty, parts.dropLast().allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.dropFirst().allSatisfy({ $0.prefix(while: \.isASCIIDigit).count == 2 }) else { return .failure(.unreadable) }
        guard parts[0].count <= 6 else { return .failure(.tooLarge) }
        var whole = Seconds.zero
        for part in parts.dropLast() {
            let value = Int64(part)!
            guard whole == .zero || value < 60 else { return .failure(.unreadable) }
            whole = (whole + Seconds(value)) * 60
        }
        switch DecimalText.read(parts.last!) {
        case .success(let seconds) where seconds < Seconds(60): return .success(whole + seconds)
        case .success: return .failure(.unreadable)
        case .failure(let problem): return .failure(problem)
        }
    }

    /// How a person reads a duration: "10 s", "1 min 30 s", "2.5 s".
    public static func format(_ seconds: Seconds) -> String {
        let value = seconds.doubleValue
        if value >= 3600, seconds.denominator == 1, seconds.numerator % 60 == 0 {
            let (hours, minutes) = (seconds.numerator / 3600, seconds.numerator / 60 % 60)
            return minutes == 0 ? "\(hours) h" : "\(hours) h \(minutes) min"
        }
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
