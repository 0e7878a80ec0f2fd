import Routine
import Testing
import Timeline

/// Exact frame of `seconds` (a fraction) at `rate`, computed independently: round half up.
func frame(_ numerator: Int, over denominator: Int = 1, rate: Int = 48_000) -> Int {
    (2 * numerator * rate + denominator) / (2 * denominator)
}

struct Expected: Equatable, CustomStringConvertible {
    let kind: CueKind
    let seconds: Double
    var description: String { "\(kind.rawValue)@\(seconds)" }
}

@Suite("compiling routines into cues at frames")
struct TimelineTests {
    func exercise(_ name: String = "e", hold: HoldLength = .time(Seconds(10)), transition: Int = 10,
                  sides: [String?] = [nil], repetitions: Int = 1, rest: Seconds = Seconds(3),
                  switchTime: Seconds = Seconds(5), breath: BreathPattern? = .off, positions: [Position]? = nil) -> Exercise {
        Exercise(name: name, instruction: "i", hold: hold, transition: Seconds(Int64(transition)), switchTime: switchTime,
                 rest: rest, breath: breath, sides: sides, repetitions: repetitions, positions: positions)
    }

    func cues(_ exercises: [Exercise], settings: Settings = Settings(), leadIn: Int64 = 2) throws -> [Expected] {
        let routine = Routine(name: "r", leadIn: Seconds(leadIn), exercises: exercises)
        let timeline = try Timeline(routine: routine, settings: settings)
        return timeline.cues.map { Expected(kind: $0.kind, seconds: Double($0.frame) / Double(settings.sampleRate)) }
    }

    @Test func singleHold() throws {
        #expect(try cues([exercise()]) == [
            Expected(kind: .exercise, seconds: 2), Expected(kind: .holdStart, seconds: 12),
            Expected(kind: .holdEnd, seconds: 22), Expected(kind: .end, seconds: 25),
        ])
        let timeline = try Timeline(routine: Routine(name: "r", exercises: [exercise()]), settings: Settings())
        #expect(timeline.durationFrames == 28 * 48_000)
        #expect(timeline.holds.map(\.startFrame) == [12 * 48_000])
        #expect(timeline.exercises[0].startFrame == 2 * 48_000 && timeline.exercises[0].endFrame == 22 * 48_000)
    }

    @Test func sidesWithSwitch() throws {
        #expect(try cues([exercise(sides: ["right", "left"])]).map(\.description) == [
            "exercise@2.0", "hold-start@12.0", "switch-side@22.0", "hold-start@27.0", "hold-end@37.0", "end@40.0",
        ])
    }

    @Test func repetitionsWithRestAndWithout() throws {
        #expect(try cues([exercise(hold: .time(Seconds(5)), repetitions: 3, rest: Seconds(2))]).map(\.description) == [
            "exercise@2.0", "hold-start@12.0", "hold-end@17.0", "repetition@19.0", "hold-end@24.0", "repetition@26.0",
            "hold-end@31.0", "end@34.0",
        ])
        #expect(try cues([exercise(hold: .time(Seconds(5)), repetitions: 3, rest: .zero)]).map(\.description) == [
            "exercise@2.0", "hold-start@12.0", "repetition@17.0", "repetition@22.0", "hold-end@27.0", "end@30.0",
        ])
    }

    @Test func backToBackSidesGetOneChime() throws {
        #expect(try cues([exercise(hold: .time(Seconds(4)), sides: ["a", "b"], switchTime: .zero)]).map(\.description) == [
            "exercise@2.0", "hold-start@12.0", "switch-side@16.0", "hold-end@20.0", "end@23.0",
        ])
    }

    @Test func zeroTransitionStartsTheHoldWithTheExerciseChime() throws {
        let list = try cues([exercise(transition: 0)], leadIn: 0)
        #expect(list.prefix(2).map(\.description) == ["exercise@0.0", "hold-start@0.0"])
    }

    @Test func positionsOnTheBreath() throws {
        let positions = [Position(name: "Cat", hold: .phase(.exhale)), Position(name: "Cow", hold: .phase(.inhale))]
        let list = try cues([exercise(repetitions: 2, rest: .zero, breath: try BreathPattern(parsing: "4-7-8"), positions: positions)])
        // Cat lasts the exhale (8 s); Cow the inhale and the hold after it (11 s).
        #expect(list.map(\.description) == [
            "exercise@2.0", "hold-start@12.0", "exhale@12.0", "hold-start@20.0", "inhale@20.0", "breath-hold@24.0",
            "repetition@31.0", "exhale@31.0", "hold-start@39.0", "inhale@39.0", "breath-hold@43.0", "hold-end@50.0", "end@53.0",
        ])
    }

    @Test(arguments: [48_000, 44_100])
    func breathCuesInsideAHold(rate: Int) throws {
        let settings = Settings(sampleRate: rate)
        func breath(_ pattern: String) throws -> [Cue] {
            let routine = Routine(name: "r", exercises: [exercise(hold: .time(Seconds(60)), breath: try BreathPattern(parsing: pattern))])
            return try Timeline(routine: routine, settings: settings).cues.filter(\.kind.isBreath)
        }
        let start = 12 // lead-in 2 s + transition 10 s
        let six = try breath("6/min")
        #expect(six.map(\.frame) == (0..<12).map { frame(start + 5 * $0, rate: rate) })
        #expect(six.map(\.kind) == (0..<12).map { $0 % 2 == 0 ? .inhale : .exhale })
        let fourSevenEight = try breath("4-7-8")
        var boundaries: [Int] = []
        var kinds: [CueKind] = []
        var t = start
        while t < start + 60 {
            for (length, kind) in [(4, CueKind.inhale), (7, .breathHold), (8, .exhale)] where t < start + 60 {
                boundaries.append(frame(t, rate: rate)); kinds.append(kind); t += length
            }
        }
        #expect(fourSevenEight.map(\.frame) == boundaries)
        #expect(fourSevenEight.map(\.kind) == kinds)
        let box = try breath("box")
        #expect(box.map(\.frame) == stride(from: start, to: start + 60, by: 4).map { frame($0, rate: rate) })
        #expect(box.map(\.kind) == (0..<15).map { [CueKind.inhale, .breathHold, .exhale, .breathHold][$0 % 4] })
    }

    /// A hold that is not whole breaths ends just after a breath boundary: that breath is not
    /// asked for, and its chime does not ring into the hold's end chime.
    @Test func aBreathCueTooNearTheHoldsEndIsLeftOut() throws {
        func breaths(_ hold: Seconds, chimes: Chimes = Chimes()) throws -> [String] {
            let routine = Routine(name: "r", exercises: [exercise(hold: .time(hold), breath: try BreathPattern(parsing: "6/min"))])
            return try Timeline(routine: routine, settings: Settings(chimes: chimes)).cues.filter(\.kind.isBreath)
                .map { "\($0.kind.rawValue)@\(Double($0.frame) / 48_000)" }
        }
        // In at 12 s, out at 17 s, in at 22 s.
        #expect(try breaths(Seconds(102, over: 10)) == ["inhale@12.0", "exhale@17.0"], "0.2 s before the end: left out")
        #expect(try breaths(Seconds(10_999, over: 1000)) == ["inhale@12.0", "exhale@17.0"])
        #expect(try breaths(Seconds(11)) == ["inhale@12.0", "exhale@17.0", "inhale@22.0"], "a second before: sounded")
        // A breath chime that rings longer than a second keeps that much room.
        let long = Chimes(lengths: [.inhale: Seconds(15, over: 10), .exhale: Seconds(8, over: 10)])
        #expect(try breaths(Seconds(114, over: 10), chimes: long) == ["inhale@12.0", "exhale@17.0"])
        #expect(try breaths(Seconds(115, over: 10), chimes: long) == ["inhale@12.0", "exhale@17.0", "inhale@22.0"])
        // The breath that begins a hold sounds with the hold's chime, however short the hold.
        #expect(try breaths(Seconds(1, over: 2)) == ["inhale@12.0"])
        let phase = Routine(name: "r", exercises: [exercise(breath: try BreathPattern(parsing: "1-1"),
                                                            positions: [Position(name: "In", hold: .phase(.inhale))])])
        let kept = try Timeline(routine: phase, settings: Settings(chimes: long)).cues.filter(\.kind.isBreath)
        #expect(kept.map(\.kind) == [.inhale], "a position held for one breath phase keeps its breath cue")
    }

    @Test func longHoldDoesNotDrift() throws {
        let routine = Routine(name: "r", exercises: [exercise(hold: .time(Seconds(1800)), breath: try BreathPattern(parsing: "5.5/min"))])
        let breaths = try Timeline(routine: routine, settings: Settings(sampleRate: 44_100)).cues.filter(\.kind.isBreath)
        #expect(breaths.count == 330)
        // Boundary k sits at 12 + 60k/11 s, exactly.
        for (k, cue) in breaths.enumerated() {
            #expect(cue.frame == frame(12 * 11 + 60 * k, over: 11, rate: 44_100))
        }
    }

    @Test func breathCountedHoldsFollowTheTempo() throws {
        let routine = Routine(name: "r", exercises: [exercise(hold: .breaths(5), breath: nil)])
        let standard = try Timeline(routine: routine, settings: Settings())
        #expect(standard.holds[0].endFrame - standard.holds[0].startFrame == 50 * 48_000)
        let slow = try Timeline(routine: routine, settings: Settings(breath: try BreathPattern(parsing: "4-7-8")))
        #expect(slow.holds[0].endFrame - slow.holds[0].startFrame == 5 * 19 * 48_000)
        let off = try Timeline(routine: routine, settings: Settings(breath: .off))
        #expect(off.holds[0].endFrame - off.holds[0].startFrame == 50 * 48_000, "off still times breaths at 6/min")
        #expect(off.cues.filter(\.kind.isBreath).isEmpty)
    }

    @Test func precedenceCommandLineThenRoutineThenDefault() throws {
        let fromRoutine = exercise(breath: try BreathPattern(parsing: "4-6"))
        let unset = exercise(breath: nil)
        #expect(Settings().breath(for: fromRoutine).description == "4-6")
        #expect(Settings().breath(for: unset).description == "6/min")
        let override = Settings(breath: try BreathPattern(parsing: "box"))
        #expect(override.breath(for: fromRoutine).description == "box")
        #expect(override.breath(for: unset).description == "box")
    }

    @Test func structuralCueSortsBeforeBreathCueOnOneFrame() throws {
        let routine = Routine(name: "r", exercises: [exercise(breath: nil)])
        let timeline = try Timeline(routine: routine, settings: Settings())
        let atHold = timeline.cues.filter { $0.frame == 12 * 48_000 }
        #expect(atHold.map(\.kind) == [.holdStart, .inhale])
        #expect(timeline.cues.map(\.frame) == timeline.cues.map(\.frame).sorted())
    }

    @Test func lookups() throws {
        let routine = Routine(name: "r", exercises: [exercise("a"), exercise("b"), exercise("c")])
        let timeline = try Timeline(routine: routine, settings: Settings())
        let starts = timeline.exercises.map(\.startFrame)
        #expect(starts == [2, 25, 48].map { $0 * 48_000 })
        #expect(timeline.exercise(at: 0) == 0)
        #expect(timeline.exercise(at: starts[1]) == 1)
        #expect(timeline.exercise(at: starts[2] - 1) == 1)
        #expect(timeline.firstCue(from: starts[1]) == 3)
        #expect(timeline.nextExerciseFrame(after: starts[0]) == starts[1])
        #expect(timeline.nextExerciseFrame(after: starts[2]) == timeline.endCueFrame)
        #expect(timeline.previousExerciseFrame(before: starts[1] + 48_000, grace: 3 * 48_000) == starts[0])
        #expect(timeline.previousExerciseFrame(before: starts[1] + 5 * 48_000, grace: 3 * 48_000) == starts[1])
    }

    @Test func progressNamesThePhase() throws {
        let routine = Routine(name: "r", exercises: [exercise(hold: .time(Seconds(10)), sides: ["right", "left"], breath: nil)])
        let timeline = try Timeline(routine: routine, settings: Settings())
        #expect(timeline.progress(at: 0).phase == .leadIn)
        let ready = timeline.progress(at: 5 * 48_000)
        #expect(ready.phase == .transition && ready.exercise == 0 && ready.side == "right" && ready.framesLeft == 7 * 48_000)
        let holding = timeline.progress(at: 18 * 48_000)
        #expect(holding.phase == .hold && holding.breath == .exhale && holding.framesLeft == 4 * 48_000)
        #expect(timeline.progress(at: 24 * 48_000).phase == .switching)
        #expect(timeline.progress(at: 40 * 48_000).phase == .finished)
    }

    @Test func sessionsOverADayAreRefused() {
        let long = exercise(hold: .time(Seconds(1800)), sides: Array(repeating: nil, count: 1).map { $0 }, repetitions: 100)
        let routine = Routine(name: "r", exercises: Array(repeating: long, count: 10))
        #expect(throws: TimelineError.self) { try Timeline(routine: routine, settings: Settings()) }
    }
}

@Suite("changing the tempo mid-session")
struct RetimeTests {
    @Test func changeLandsOnTheNextBreathBoundary() throws {
        let routine = Routine(name: "r", exercises: [
            Exercise(name: "a", instruction: "i", hold: .time(Seconds(30)), breath: nil),
            Exercise(name: "b", instruction: "i", hold: .breaths(2), breath: nil),
        ])
        let old = try Timeline(routine: routine, settings: Settings())
        // At 14 s the hold (12 s to 42 s) is in its first inhale; the next boundary is 17 s.
        let new = try old.retimed(breath: try BreathPattern(parsing: "3-2-4"), from: 14 * 48_000)
        let cut = 17 * 48_000
        #expect(new.cues.filter { $0.frame < cut } == old.cues.filter { $0.frame < cut }, "nothing before the boundary changes")
        let breaths = new.cues.filter { $0.kind.isBreath && $0.frame >= cut && $0.exercise == 0 }
        // The old exhale at 17 s goes on in the new pattern: exhale 4, inhale 3, hold 2, ...
        #expect(breaths.prefix(4).map(\.kind) == [.exhale, .inhale, .breathHold, .exhale])
        #expect(breaths.prefix(4).map(\.frame) == [17, 21, 24, 26].map { $0 * 48_000 })
        #expect(new.holds[0].endFrame == 42 * 48_000, "a timed hold keeps its length")
        // The breath-counted hold after it lasts two cycles of the new tempo.
        let second = new.holds[1]
        #expect(second.endFrame - second.startFrame == 2 * 9 * 48_000)
        #expect(new.cues.last?.kind == .end)
    }

    @Test func changeDuringATransitionStartsWithTheNextHold() throws {
        let routine = Routine(name: "r", exercises: [Exercise(name: "a", instruction: "i", hold: .time(Seconds(20)), breath: nil)])
        let old = try Timeline(routine: routine, settings: Settings())
        let new = try old.retimed(breath: try BreathPattern(parsing: "box"), from: 5 * 48_000)
        #expect(new.cues.filter { $0.frame <= 12 * 48_000 && !$0.kind.isBreath } == old.cues.filter { $0.frame <= 12 * 48_000 && !$0.kind.isBreath })
        let breaths = new.cues.filter(\.kind.isBreath)
        #expect(breaths.map(\.frame) == stride(from: 12, to: 32, by: 4).map { $0 * 48_000 })
        #expect(new.exercises[0].breath.description == "box")
    }
}
