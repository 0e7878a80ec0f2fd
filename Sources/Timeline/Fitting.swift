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
    /// A scale of one, as scales are counted: in billionths. One step of a billionth moves a
    /// session by a billionth of what it scales, under a frame at 48 kHz for any routine whose
    /// holds and pauses add up to less than five hours as written: fine enough to land on the
    /// frame asked for.
    public static let unit = 1_000_000_000
    /// Scales tried: from a thousandth to a hundred times as long (where the longest hold,
    /// 30 min, stops most routines first).
    public static let scales = unit / 1000...100 * unit
    /// Breath counts are chosen on a coarser grid, in thousandths: they go in whole breaths anyway.
    static let breathStep = unit / 1000

    /// What kept a session from the length asked.
    public enum Limit: Sendable, Hashable {
        /// At its shortest: every hold at `holdFloor` (or shorter as written), every transition
        /// at `transitionFloor`, the other pauses at almost nothing; of that length, `speech`
        /// is room the spoken lines need and `chimes` is room kept for the chimes to ring out.
        case shortest(speech: Seconds, chimes: Seconds)
        /// At its longest: every part that scales is as long as a routine may write it (a hold
        /// 30 min or 100 breaths, a pause 10 min).
        case longestParts
        /// Scaled as far as fitting goes, `scales.upperBound`: a hundred times as written.
        case largestScale
        /// Between two counts of whole breaths, with nothing timed left to close the rest.
        case wholeBreaths
    }

    /// What fitting did, for the person to read.
    public struct Report: Sendable, Hashable {
        /// The length asked for.
        public let asked: Seconds
        /// The routine's own length with the same settings.
        public let own: Seconds
        /// The length reached: the nearest the limits allow.
        public let length: Seconds
        /// The factor every timed duration was scaled by, in `unit`s.
        public let scale: Int
        /// The factor breath-counted holds were scaled by (then rounded to whole breaths), in `unit`s.
        public let breathScale: Int
        /// What kept it from the length asked, when it is more than a frame away; nil when it is not.
        public let limit: Limit?

        /// Within a second of what was asked: near enough not to tell the person.
        public var reached: Bool { abs((length - asked).doubleValue) <= 1 }
    }

    /// `routine` with its durations scaled by `scale` `unit`s (breath counts by `breathScale`,
    /// the same unless given), within the limits; each pause keeps the time the chime that
    /// begins it rings, as `chimes` says.
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
                    fitted.hold = .breaths(min(most, max(1, (count * breathScale + unit / 2) / unit)))
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
        seconds * scale / unit
    }

    /// A pause scaled, never past the longest a routine may write (or its own length, if
    /// longer), nor under `floor` (or its own length, if shorter: a pause written shorter than
    /// its chime, or none, stays as written).
    private static func pause(_ seconds: Seconds, _ scale: Int, keeping floor: Seconds) -> Seconds {
        max(min(seconds, floor), min(max(seconds, RoutineDecoder.limits.pause.upperBound), times(seconds, scale)))
    }

    /// The scale whose session length comes nearest `length`, and the routine scaled by it.
    /// Scaled lengths only grow with the scale, so a binary search finds it: first on a grid of
    /// thousandths, which fixes the breath counts (whole breaths make steps of a breath); then,
    /// with those kept, the timed parts alone are scaled in billionths to land on the frame.
    public static func fit(_ routine: Routine, to length: Seconds, settings: Settings) throws(TimelineError)
        -> (routine: Routine, report: Report) {
        var plain = settings
        plain.length = nil
        let rate = settings.sampleRate
        let target = length.frames(at: rate)
        // A trial past the longest a session may last is longer than any length asked.
        func frames(_ scale: Int, _ breathScale: Int?, _ settings: Settings = plain) -> Int {
            let routine = scaled(routine, by: scale, breathsBy: breathScale, keeping: settings.chimes)
            return (try? Timeline(routine: routine, settings: settings).durationFrames) ?? Int.max
        }
        let grid = scales.lowerBound / breathStep...scales.upperBound / breathStep
        let breathScale = nearest(target, in: grid) { frames($0 * breathStep, nil) } * breathStep
        // The timed parts are searched within a thousandth either side when the length asked
        // lies there (it does unless the breaths' rounding jumped past it), else everywhere.
        let near = max(scales.lowerBound, breathScale - breathStep)...min(scales.upperBound, breathScale + breathStep)
        let within = frames(near.lowerBound, breathScale) <= target && target <= frames(near.upperBound, breathScale)
        let scale = nearest(target, in: within ? near : scales) { frames($0, breathScale) }
        let own = Seconds(Int64(try Timeline(routine: routine, settings: plain).durationFrames), over: Int64(rate))
        let reached = frames(scale, breathScale)
        var limit: Limit?
        if abs(reached - target) > 1 {
            if reached > target {
                if reached == frames(scales.lowerBound, scales.lowerBound) {
                    // What each kind of room adds to the shortest session: the voice's lines, then the chimes'.
                    var unvoiced = plain, bare = plain
                    unvoiced.voice = nil
                    bare.voice = nil
                    bare.chimes = Chimes()
                    let silent = frames(scale, breathScale, unvoiced)
                    limit = .shortest(speech: Seconds(Int64(reached - silent), over: Int64(rate)),
                                      chimes: Seconds(Int64(silent - frames(scale, breathScale, bare)), over: Int64(rate)))
                } else {
                    limit = .wholeBreaths
                }
            } else if reached == frames(scales.upperBound, scales.upperBound) {
                // Scaled further, would it still grow? Then the scale stopped it, not the parts.
                limit = frames(2 * scales.upperBound, 2 * scales.upperBound) > reached ? .largestScale : .longestParts
            } else {
                limit = .wholeBreaths
            }
        }
        return (scaled(routine, by: scale, breathsBy: breathScale, keeping: settings.chimes),
                Report(asked: length, own: own, length: Seconds(Int64(reached), over: Int64(rate)), scale: scale,
                       breathScale: breathScale, limit: limit))
    }

    /// The scale in `range` whose length (a function that only grows with it) comes nearest
    /// `target`; of two equally near, the longer.
    private static func nearest(_ target: Int, in range: ClosedRange<Int>, _ frames: (Int) -> Int) -> Int {
        var low = range.lowerBound, high = range.upperBound
        guard frames(low) <= target else { return low }
        while low < high {
            let middle = low + (high - low + 1) / 2
            if frames(middle) <= target { low = middle } else { high = middle - 1 }
        }
        guard low < range.upperBound else { return low }
        return frames(low + 1) - target <= target - frames(low) ? low + 1 : low
    }
}
