import Foundation

/// Times as a person reads them, "mm:ss" (or "h:mm:ss" past an hour), by two rules: a place
/// in a session (a cue, the time elapsed) is the second it falls in, as a clock shows it; a
/// length (a session's, a recording's, the time heard) is the nearest whole second, so that a
/// session fitted to 10 min reads 10:00 wherever it is shown, even a frame short of it.
public enum Clock {
    /// The place `frames` into a session: the second it falls in.
    public static func format(frames: Int, rate: Int) -> String {
        text(wholeSeconds: frames / rate)
    }

    /// The place `seconds` into a session: the second it falls in.
    public static func format(seconds: Double) -> String {
        text(wholeSeconds: Int(seconds))
    }

    /// A length of `frames`: to the nearest second (half a second up).
    public static func length(frames: Int, rate: Int) -> String {
        text(wholeSeconds: (frames + rate / 2) / rate)
    }

    /// A length of `seconds`: to the nearest second (half a second up).
    public static func length(seconds: Double) -> String {
        text(wholeSeconds: Int(seconds.rounded(.toNearestOrAwayFromZero)))
    }

    private static func text(wholeSeconds total: Int) -> String {
        let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60)
        let mmss = String(format: "%02d:%02d", minutes, seconds)
        return hours > 0 ? "\(hours):\(mmss)" : mmss
    }
}
