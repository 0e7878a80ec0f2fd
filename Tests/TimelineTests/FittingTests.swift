import Routine
import Testing
import Timeline

@Suite("fitting a routine to the length a person has")
struct FittingTests {
    /// Timed holds, breath-counted holds, a position on the breath, sides and repetitions.
    static let routine = Routine(name: "Mixed", leadIn: Seconds(2), outro: Seconds(3), exercises: [
        Exercise(name: "Timed", instruction: "a", hold: .time(Seconds(30)), transition: Seconds(10), gap: Seconds(3)),
        Exercise(name: "Sided", instruction: "b", hold: .time(Seconds(20)), transition: Seconds(8), switchTime: Seconds(5),
                 sides: ["right", "left"], repetitions: 2),
        Exercise(name: "Breaths", instruction: "c", hold: .breaths(6), transition: Seconds(10)),
        Exercise(name: "Short", instruction: "d", hold: .time(Seconds(3)), transition: Seconds(1)),
        Exercise(name: "Flow", instruction: "e", transition: Seconds(5), rest: .zero, repetitions: 3,
                 positions: [Position(name: "In", hold: .phase(.inhale)), Position(name: "Out", hold: .phase(.exhale))]),
    ])

    /// How long the bundled chimes sound.
    static let chimes = Chimes(lengths: [
        .exercise: Seconds(16, over: 10), .holdStart: Seconds(1), .holdEnd: Seconds(12, over: 10),
        .switchSide: Seconds(9, over: 10), .repetition: Seconds(4, over: 10), .inhale: Seconds(8, over: 10),
        .exhale: Seconds(8, over: 10), .breathHold: Seconds(5, over: 10), .end: Seconds(28, over: 10),
    ])

    func length(_ routine: Routine, _ settings: Settings = Settings()) throws -> Int {
        try Timeline(routine: routine, settings: settings).durationFrames
    }

    @Test(arguments: [3 * 60, 4 * 60, 6 * 60, 10 * 60])
    func theLengthIsTheNearestTheRulesAllow(seconds: Int) throws {
        let settings = Settings(length: Seconds(Int64(seconds)))
        let timeline = try Timeline(routine: Self.routine, settings: settings)
        let report = try #require(timeline.fit)
        #expect(timeline.settings.length == nil, "a tempo change later does not fit it again")
        // Exactly what the rules give at the chosen scale...
        let fitted = Fitting.scaled(Self.routine, by: report.scale, breathsBy: report.breathScale)
        #expect(timeline.durationFrames == (try length(fitted)))
        #expect(timeline.routine == fitted)
        // ...and no other scale of the timed parts comes nearer.
        let target = seconds * 48_000
        let miss = abs(timeline.durationFrames - target)
        for scale in [report.scale - 1, report.scale + 1] where Fitting.scales.contains(scale) {
            #expect(abs(try length(Fitting.scaled(Self.routine, by: scale, breathsBy: report.breathScale)) - target) >= miss)
        }
        #expect(report.reached, "\(seconds) s is within reach: \(report.length)")
        #expect(abs(timeline.durationFrames - target) <= 1, "on the frame asked for: \(timeline.durationFrames - target) off")
        #expect(report.limit == nil)
        #expect(report.own == Seconds(Int64(try length(Self.routine)), over: 48_000))
    }

    @Test func holdsKeepTheirFloorsAndBreathsStayWhole() throws {
        let timeline = try Timeline(routine: Self.routine, settings: Settings(length: Seconds(30)))
        let report = try #require(timeline.fit)
        #expect(!report.reached, "half a minute is below what the floors allow")
        #expect(report.scale == Fitting.scales.lowerBound)
        #expect(timeline.durationFrames == (try length(Fitting.scaled(Self.routine, by: Fitting.scales.lowerBound))), "the shortest it goes")
        let fitted = timeline.routine.exercises
        #expect(fitted[0].positions[0].hold == .time(Fitting.holdFloor))
        #expect(fitted[2].positions[0].hold == .breaths(1))
        #expect(fitted[3].positions[0].hold == .time(Seconds(3)), "a hold already short stays as it was")
        #expect(fitted[4].positions.map(\.hold) == [.phase(.inhale), .phase(.exhale)])
        for (fit, own) in zip(fitted, Self.routine.exercises) { #expect(fit.transition >= min(Fitting.transitionFloor, own.transition)) }
        #expect(fitted[3].transition == Seconds(1))
        #expect(fitted[1].switchTime == Seconds(5, over: 1000) && fitted[1].gap == Seconds(3, over: 1000))
    }

    @Test func pausesKeepTheTimeTheirChimesRing() throws {
        let settings = Settings(length: Seconds(30), chimes: Self.chimes)
        let timeline = try Timeline(routine: Self.routine, settings: settings)
        let report = try #require(timeline.fit)
        #expect(report.scale == Fitting.scales.lowerBound, "the shortest it goes")
        #expect(timeline.routine == Fitting.scaled(Self.routine, by: report.scale, breathsBy: report.breathScale,
                                                   keeping: Self.chimes))
        let fitted = timeline.routine.exercises
        #expect(fitted[1].switchTime == Self.chimes[.switchSide], "the side's chime rings out before the next hold")
        #expect(fitted[1].rest == Self.chimes[.holdEnd] && fitted[0].gap == Self.chimes[.holdEnd],
                "a release rings out before the next chime")
        #expect(fitted[0].transition == Fitting.transitionFloor, "the 2 s to get into position outlast the chime")
        #expect(fitted[3].transition == Seconds(1), "a pause written shorter than its chime stays as written")
        #expect(fitted[4].rest == .zero, "no pause stays none: one chime marks both")
        var long = Self.chimes
        long.lengths[.exercise] = Seconds(3)
        let slow = Fitting.scaled(Self.routine, by: Fitting.scales.lowerBound, keeping: long).exercises
        #expect(slow[0].transition == Seconds(3), "an exercise chime longer than the time to get into position")
        // Longer sessions scale them as before: the floor only keeps them from running together.
        let longer = try Timeline(routine: Self.routine, settings: Settings(length: Seconds(10 * 60), chimes: Self.chimes))
        #expect(longer.routine.exercises[1].switchTime == Seconds(5) * longer.fit!.scale / Fitting.unit)
    }

    @Test(arguments: [30, 2 * 60, 4 * 60])
    func noChimeRunsIntoTheNextInAShortSession(seconds: Int) throws {
        var routine = Self.routine
        routine.exercises[3].transition = Seconds(2) // as written, every pause outlasts its chime
        let timeline = try Timeline(routine: routine, settings: Settings(length: Seconds(Int64(seconds)), chimes: Self.chimes))
        let chimes = timeline.cues.filter { $0.kind != .speech && !$0.kind.isBreath }
        for (cue, next) in zip(chimes, chimes.dropFirst()) where next.frame != cue.frame {
            #expect(next.frame - cue.frame >= Self.chimes[cue.kind].frames(at: 48_000),
                    "\(cue.kind) at \(cue.frame), then \(next.kind) at \(next.frame)")
        }
    }

    /// Fitted timed holds are seldom whole breaths: none asks for a breath in its last second.
    @Test(arguments: [2 * 60, 3 * 60, 4 * 60, 6 * 60, 10 * 60])
    func noBreathIsAskedForJustBeforeAHoldEnds(seconds: Int) throws {
        let timeline = try Timeline(routine: Self.routine, settings: Settings(length: Seconds(Int64(seconds)), chimes: Self.chimes))
        for hold in timeline.holds {
            let breaths = timeline.cues.filter { $0.kind.isBreath && $0.frame > hold.startFrame && $0.frame < hold.endFrame }
            for cue in breaths { #expect(hold.endFrame - cue.frame >= 48_000, "\(cue.kind) at \(cue.frame), the hold ends at \(hold.endFrame)") }
        }
    }

    @Test func theChimesChangeNothingAsWritten() throws {
        let plain = try Timeline(routine: Self.routine, settings: Settings())
        let chimed = try Timeline(routine: Self.routine, settings: Settings(chimes: Self.chimes))
        #expect(chimed.cues == plain.cues && chimed.durationFrames == plain.durationFrames)
    }

    @Test func longerScalesEveryPartAndKeepsSidesEqual() throws {
        let own = Double(try length(Self.routine)) / 48_000
        let timeline = try Timeline(routine: Self.routine, settings: Settings(length: Seconds(Int64(own * 2))))
        let report = try #require(timeline.fit)
        #expect(report.reached)
        #expect((2 * Fitting.unit...24 * Fitting.unit / 10).contains(report.scale), "positions on the breath do not grow: \(report.scale)")
        // Every hold of every side alike: exactly as long (each side holds the same positions),
        // so within the frame where each starts decides the rounding.
        let sided = timeline.holds.filter { $0.exercise == 1 }
        let lengths = sided.map { $0.endFrame - $0.startFrame }
        #expect(lengths.max()! - lengths.min()! <= 1, "every hold of every side alike: \(lengths)")
        #expect(timeline.routine.exercises[2].positions[0].hold == .breaths((6 * report.breathScale + Fitting.unit / 2) / Fitting.unit))
        #expect(timeline.routine.exercises[0].positions[0].hold == .time(Seconds(30) * report.scale / Fitting.unit))
    }

    @Test func spokenLinesKeepTheRoomTheyNeed() throws {
        let lines = try Timeline.lines(of: Self.routine)
        let voice = Voice(lengths: Dictionary(uniqueKeysWithValues: lines.map { ($0, Seconds(4)) }))
        let timeline = try Timeline(routine: Self.routine, settings: Settings(voice: voice, length: Seconds(2 * 60)))
        // Each exercise chime to its first hold: at least the chime's pause, the line and the settling time.
        let room = (Voice.afterChime + Seconds(4) + Voice.settle).frames(at: 48_000)
        for span in timeline.exercises { #expect(span.firstHoldFrame - span.startFrame >= room) }
    }

    @Test(arguments: [4 * 60, 6 * 60, 10 * 60, 3 * 3600])
    func withAVoiceAndChimesTheLengthIsStillOnTheFrame(seconds: Int) throws {
        let lines = try Timeline.lines(of: Self.routine)
        let voice = Voice(lengths: Dictionary(uniqueKeysWithValues: lines.map { ($0, Seconds(4)) }))
        let settings = Settings(voice: voice, length: Seconds(Int64(seconds)), chimes: Self.chimes)
        let timeline = try Timeline(routine: Self.routine, settings: settings)
        #expect(abs(timeline.durationFrames - seconds * 48_000) <= 1, "\(timeline.durationFrames - seconds * 48_000) frames off")
        #expect(timeline.fit?.limit == nil)
    }

    /// A session too short or too long says what stopped it.
    @Test func theShortestSaysWhatRoomItKeeps() throws {
        let lines = try Timeline.lines(of: Self.routine)
        let voice = Voice(lengths: Dictionary(uniqueKeysWithValues: lines.map { ($0, Seconds(4)) }))
        let timeline = try Timeline(routine: Self.routine, settings: Settings(voice: voice, length: Seconds(60), chimes: Self.chimes))
        let report = try #require(timeline.fit)
        // Each kind of room, as what it adds to the shortest session: the lines', then the chimes'.
        let shortest = Fitting.scaled(Self.routine, by: Fitting.scales.lowerBound, breathsBy: report.breathScale, keeping: Self.chimes)
        let bare = Fitting.scaled(Self.routine, by: Fitting.scales.lowerBound, breathsBy: report.breathScale)
        let silent = try length(shortest, Settings(chimes: Self.chimes))
        let speech = Seconds(Int64(timeline.durationFrames - silent), over: 48_000)
        let chimes = Seconds(Int64(silent - (try length(bare))), over: 48_000)
        #expect(speech > Seconds(10) && chimes > .zero)
        #expect(report.limit == .shortest(speech: speech, chimes: chimes))
        let plain = try #require(try Timeline(routine: Self.routine, settings: Settings(length: Seconds(60))).fit)
        #expect(plain.limit == .shortest(speech: .zero, chimes: .zero), "holds and transitions alone")
    }

    @Test func theLongestSaysWhetherTheScaleOrThePartsStoppedIt() throws {
        // A hold of 10 s grows to 1000 s at a hundred times, short of 30 min: the scale stops it.
        let tiny = Routine(name: "Tiny", exercises: [Exercise(name: "A", hold: .time(Seconds(10)))])
        let scaled = try #require(try Timeline(routine: tiny, settings: Settings(length: Seconds(12 * 3600))).fit)
        #expect(scaled.scale == Fitting.scales.upperBound && scaled.limit == .largestScale)
        // Every part already at the longest a routine may write long before: the parts stop it.
        let long = Routine(name: "Long", leadIn: .zero, outro: .zero, exercises: [
            Exercise(name: "A", hold: .time(Seconds(20 * 60)), transition: Seconds(6), gap: Seconds(6)),
        ])
        let capped = try #require(try Timeline(routine: long, settings: Settings(length: Seconds(12 * 3600))).fit)
        #expect(capped.limit == .longestParts)
        #expect(capped.length == Seconds(30 * 60 + 2 * 10 * 60))
    }

    @Test func holdsOfWholeBreathsAloneGoInSteps() throws {
        let breaths = Routine(name: "Breaths", leadIn: .zero, outro: .zero, exercises: [
            Exercise(name: "A", hold: .breaths(3), transition: .zero, gap: .zero),
        ])
        let fit = try #require(try Timeline(routine: breaths, settings: Settings(length: Seconds(125))).fit)
        #expect(fit.limit == .wholeBreaths && fit.length == Seconds(130))
    }

    /// Trying a scale that would last past a day is no reason to give up: a routine of many
    /// exercises still fits 12 h.
    @Test func aTrialPastADayIsOnlyTooLong() throws {
        let many = Routine(name: "Many", exercises: (1...60).map { Exercise(name: "E\($0)", hold: .time(Seconds(60))) })
        let timeline = try Timeline(routine: many, settings: Settings(length: Seconds(12 * 3600)))
        #expect(abs(timeline.durationFrames - 12 * 3600 * 48_000) <= 1)
    }
}
