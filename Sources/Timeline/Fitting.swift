import Routine

/// A routine made to last a chosen length: every hold, transition, rest, switch and gap scaled
/// by one factor, within limits that keep it a practice. Holds stay at least `holdFloor` (or
/// as long as they were, if shorter), breath-counted holds stay whole breaths, transitions keep
/// time to get into position, every pause keeps the time its chime rings (so no chime runs into
/// the next), nothing grows past what a routine may write, sides stay equal (each side has the
/// same holds), and spoken lines keep the room they need (the timeline gives it, as always). Pure.
public enum Fitting {
    /// No hold is scaled below this, nor a hold already shorter below its own length.
    public static let holdFloor = Seconds(5)
    /// Time to get into position after an exercise's chime, however short the session.
    public static let transitionFloor = Seconds(2)
    /// Scales tried, in thousandths: from almost nothing to a hundred times as long (where the
    /// longest hold, 30 min, stops most routines first).
    public static let scales = 1...100_000

    /// What fitting did, for the person to read.
    public struct Report: Sendable, Hashable {
        /// The length asked for.
        public let asked: Seconds
        /// The routine's own length with the same settings.
        public let own: Seconds
        /// The length reached: the nearest the limits allow.
        public let length: Seconds
        /// The factor every timed duration was scaled by, in thousandths.
        public let scale: Int
        /// The factor breath-counted holds were scaled by (then rounded to whole breaths).
        public let breathScale: Int

        /// Within a second of what was asked (the steps of whole breaths may keep it from exact).
        public var reached: Bool { abs((length - asked).doubleValue) <= 1 }
    }

    /// `routine` with its durations scaled by `scale` thousandths (breath counts by
    /// `breathScale`, the same unless given), within the limits; each pause keeps the time the
    /// chime that begins it rings, as `chimes` says.
    public static func scaled(_ routine: Routine, by scale: Int, breathsBy breathScale: Int? = nil,
                              keeping chimes: Chimes = Chimes()) -> Routine {
        let breathScale = breathScale ?? scale
        var result = routine
        result.exercises = routine.exercises.map { exercise in
            var fitted = exercise
            // Each pause begins with a chime: the exercise's before the transition, the side's
            // before a switch, a release before a rest and before the gap.
            fitted.transition = pause(exercise.transition, scale, keeping: max(transitionFloor, chimes[.exercise]))
            fitted.switchTime = pause(exercise.switchTime, scale, keeping: chimes[.switchSide])
            fitted.rest = pause(exercise.rest, scale, keeping: chimes[.holdEnd])
            fitted.gap = pause(exercise.gap, scale, keeping: chimes[.holdEnd])
            fitted.positions = exercise.positions.map { position in
                var fitted = position
                switch position.hold {
                case .time(let hold):
                    let longest = RoutineDecoder.limits.hold.upperBound
                    fitted.hold = .time(min(max(longest, hold), max(min(hold, holdFloor), times(hold, scale))))
                case .breaths(let count):
                    let most = max(count, RoutineDecoder.limits.breaths.upperBound)
                    fitted.hold = .breaths(min(most, max(1, (count * breathScale + 500) / 1000)))
                case .phase:
                    break // one breath phase: the breath keeps it
                }
                return fitted
            }
            return fitted
        }
        return result
    }

    private static func times(_ seconds: Seconds, _ scale: Int) -> Seconds {
        seconds * scale / 1000
    }

    /// A pause scaled, never past the longest a routine may write (or its own length, if
    /// longer), nor under `floor` (or its own length, if shorter: a pause written shorter than
    /// its chime, or none, stays as written).
    private static func pause(_ seconds: Seconds, _ scale: Int, keeping floor: Seconds) -> Seconds {
        max(min(seconds, floor), min(max(seconds, RoutineDecoder.limits.pause.upperBound), times(seconds, scale)))
    }

    /// The scale whose session length comes nearest `length`, and the routine scaled by it.
    /// Scaled lengths only grow with the scale, so a binary search finds it; then, with the
    /// breath counts that gives kept (whole breaths make steps of a breath), the timed parts
    /// alone are scaled again to close what is left.
    public static func fit(_ routine: Routine, to length: Seconds, settings: Settings) throws(TimelineError)
        -> (routine: Routine, report: Report) {
        var plain = settings
        plain.length = nil
        let rate = settings.sampleRate
        let target = length.frames(at: rate)
        func frames(_ scale: Int, _ breathScale: Int?) throws(TimelineError) -> Int {
            try Timeline(routine: scaled(routine, by: scale, breathsBy: breathScale, keeping: settings.chimes),
                         settings: plain).durationFrames
        }
        let breathScale = try nearest(target) { scale throws(TimelineError) in try frames(scale, nil) }
        let scale = try nearest(target) { scale throws(TimelineError) in try frames(scale, breathScale) }
        let own = Seconds(Int64(try Timeline(routine: routine, settings: plain).durationFrames), over: Int64(rate))
        let reached = Seconds(Int64(try frames(scale, breathScale)), over: Int64(rate))
        return (scaled(routine, by: scale, breathsBy: breathScale, keeping: settings.chimes),
                Report(asked: length, own: own, length: reached, scale: scale, breathScale: breathScale))
    }

    /// The scale whose length (a function that only grows with it) comes nearest `target`; of
    /// two equally near, the longer.
    private static func nearest(_ target: Int, _ frames: (Int) throws(TimelineError) -> Int) throws(TimelineError) -> Int {
        var low = scales.lowerBound, high = scales.upperBound
        guard try frames(low) <= target else { return low }
        while low < high {
            let middle = (low + high + 1) / 2
            if try frames(middle) <= target { low = middle } else { high = middle - 1 }
        }
        guard low < scales.upperBound else { return low }
        return try abs(frames(low + 1) - target) <= abs(frames(low) - target) ? low + 1 : low
    }
}
