/// An exact span of time in seconds, kept as a reduced fraction.
///
/// Cue frames are `round(seconds × rate)` of exact times; keeping time as a fraction means a
/// tempo such as 5.5 breaths a minute (a 120/11 s cycle) never drifts, however long the session.
public struct Seconds: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    public static let zero = Seconds(0)

    public init(_ whole: Int64) {
        numerator = whole
        denominator = 1
    }

    /// `numerator / denominator`; the denominator must be positive.
    public init(_ numerator: Int64, over denominator: Int64) {
        precondition(denominator > 0, "a time's denominator must be positive")
        let divisor = Seconds.gcd(Swift.abs(numerator), denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// The frame this time falls on at `rate` frames per second, rounded half up.
    public func frames(at rate: Int) -> Int {
        let scaled = Int128(numerator) * Int128(rate)
        let twice = 2 * scaled + Int128(denominator)
        let divisor = 2 * Int128(denominator)
        // Floor division, so that negative times round the same way as positive ones.
        var quotient = twice / divisor
        if twice % divisor != 0 && twice < 0 { quotient -= 1 }
        return Int(quotient)
    }

    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var description: String {
        if denominator == 1 { return "\(numerator)s" }
        let value = doubleValue
        let rounded = (value * 1000).rounded() / 1000
        return "\(rounded)s"
    }

    public static func + (lhs: Seconds, rhs: Seconds) -> Seconds {
        combine(lhs, rhs) { $0 + $1 }
    }

    public static func - (lhs: Seconds, rhs: Seconds) -> Seconds {
        combine(lhs, rhs) { $0 - $1 }
    }

    public static func += (lhs: inout Seconds, rhs: Seconds) { lhs = lhs + rhs }

    public static func * (lhs: Seconds, rhs: Int) -> Seconds {
        reduced(Int128(lhs.numerator) * Int128(rhs), Int128(lhs.denominator))
    }

    public static func / (lhs: Seconds, rhs: Int) -> Seconds {
        precondition(rhs > 0, "division of a time by a non-positive count")
        return reduced(Int128(lhs.numerator), Int128(lhs.denominator) * Int128(rhs))
    }

    public static func < (lhs: Seconds, rhs: Seconds) -> Bool {
        Int128(lhs.numerator) * Int128(rhs.denominator) < Int128(rhs.numerator) * Int128(lhs.denominator)
    }

    private static func combine(_ lhs: Seconds, _ rhs: Seconds, _ op: (Int128, Int128) -> Int128) -> Seconds {
        let denominator = Int128(lhs.denominator) * Int128(rhs.denominator)
        let numerator = op(Int128(lhs.numerator) * Int128(rhs.denominator), Int128(rhs.numerator) * Int128(lhs.denominator))
        return reduced(numerator, denominator)
    }

    /// Reduces a wide fraction; if it still does not fit, snaps it to the nearest nanosecond,
    /// which is far below one frame at any audio rate (only a routine that mixes many unusual
    /// tempos can get there).
    private static func reduced(_ numerator: Int128, _ denominator: Int128) -> Seconds {
        let divisor = gcd128(numerator < 0 ? -numerator : numerator, denominator)
        var n = numerator / divisor
        var d = denominator / divisor
        if d > Int128(Int64.max) || n > Int128(Int64.max) || n < Int128(Int64.min) {
            let nano = Int128(1_000_000_000)
            n = (n * nano + d / 2) / d
            d = nano
            let g = gcd128(n < 0 ? -n : n, d)
            n /= g
            d /= g
        }
        return Seconds(Int64(clamping: n), over: Int64(d))
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    private static func gcd128(_ a: Int128, _ b: Int128) -> Int128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
