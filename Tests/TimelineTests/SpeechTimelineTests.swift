import Routine
import Testing
import Timeline

@Suite("spoken guidance in the timeline")
struct SpeechTimelineTests {
    static let rate = 48_000

    func exercise(_ name: String = "Reach", hold: Int64 = 10, transition: Int64 = 10, sides: [String?] = [nil],
                  repetitions: Int = 1, rest: Int64 = 3, switchTime: Int64 = 5, say: String? = nil) -> Exercise {
        Exercise(name: name, instruction: "Reach up", hold: .time(Seconds(hold)), transition: Seconds(transition),
                 switchTime: Seconds(switchTime), rest: Seconds(rest), breath: .off, sides: sides,
                 repetitions: repetitions, say: say)
    }

    func routine(_ exercises: [Exercise]) -> Routine {
        Routine(name: "r", exercises: exercises)
    }

    /// A voice in which every line of `routine` lasts `seconds`.
    func voice(for routine: Routine, seconds: Seconds) throws -> Voice {
        Voice(lengths: Dictionary(uniqueKeysWithValues: try Timeline.lines(of: routine).map { ($0, seconds) }))
    }

    func timeline(_ routine: Routine, voice: Voice?) throws -> Timeline {
        try Timeline(routine: routine, settings: Settings(sampleRate: Self.rate, voice: voice))
    }

    /// "kind@seconds" for every cue but breath cues, and the spoken words for speech.
    func outline(_ timeline: Timeline) -> [String] {
        timeline.cues.filter { !$0.kind.isBreath }.map { cue in
            let at = Double(cue.frame) / Double(timeline.sampleRate)
            return cue.line.map { "\"\(timeline.lines[$0])\"@\(at)" } ?? "\(cue.kind.rawValue)@\(at)"
        }
    }

    /// Every spoken line ends, and the settling pause passes, before the next chime.
    func expectSpeechEndsBeforeTheNextChime(_ timeline: Timeline, voice: Voice) {
        for (index, cue) in timeline.cues.enumerated() where cue.kind == .speech {
            let line = timeline.lines[cue.line!]
            let quietFrom = (Seconds(Int64(cue.frame), over: Int64(timeline.sampleRate)) + voice.lengths[line]! + Voice.settle)
                .frames(at: timeline.sampleRate)
            let nextChime = timeline.cues[(index + 1)...].first { $0.kind != .speech }
            #expect(nextChime.map { $0.frame >= quietFrom - 1 } ?? (timeline.durationFrames >= quietFrom - 1),
                    "'\(line)' at \(cue.frame) runs into \(nextChime?.kind.rawValue ?? "the end")")
        }
    }

    @Test func whatIsSaid() throws {
        let plain = routine([
            exercise("Child's pose"),
            exercise("Knee hugs", sides: ["right knee", "other knee"], repetitions: 2),
            exercise("Twist", sides: ["right", "left"], say: "Lie back and twist."),
        ])
        #expect(try Timeline.lines(of: plain) == [
            "Next: Child's pose. Reach up.",
            "Next: Knee hugs. Reach up. Right knee first.",
            "Last one.",
            "Other knee.",
            "Lie back and twist.",
            "Left side.",
            "Session complete.",
        ])
        #expect(try outline(timeline(plain, voice: voice(for: plain, seconds: .zero))) == [
            "exercise@2.0", "\"Next: Child's pose. Reach up.\"@2.8", "hold-start@12.0", "hold-end@22.0",
            "exercise@25.0", "\"Next: Knee hugs. Reach up. Right knee first.\"@25.8", "hold-start@35.0",
            "hold-end@45.0", "\"Last one.\"@45.8", "repetition@48.0",
            "switch-side@58.0", "\"Other knee.\"@58.8", "hold-start@63.0",
            "hold-end@73.0", "\"Last one.\"@73.8", "repetition@76.0", "hold-end@86.0",
            "exercise@89.0", "\"Lie back and twist.\"@89.8", "hold-start@99.0",
            "switch-side@109.0", "\"Left side.\"@109.8", "hold-start@114.0", "hold-end@124.0",
            "end@127.0", "\"Session complete.\"@127.8",
        ])
    }

    @Test func backToBackHoldsAreNotTalkedOver() throws {
        let flow = routine([exercise(sides: ["right", "left"], repetitions: 2, rest: 0, switchTime: 0)])
        #expect(try Timeline.lines(of: flow) == ["Next: Reach. Reach up. Right side first.", "Session complete."])
    }

    @Test(arguments: [(5, false), (6, true)])
    func halfwayInALongRoutine(exercises: Int, said: Bool) throws {
        let list = (1...exercises).map { exercise("E\($0)", hold: Int64(10 * $0)) }
        let lines = try Timeline.lines(of: routine(list))
        #expect(lines.contains("Halfway.") == said)
        guard said else { return }
        // Chime-only exercise starts: 2, 25, 58, 101, 154, 217 s; the session ends at 293 s, so
        // the middle (146.5 s) is nearest the fifth exercise's chime: said after the fourth.
        let timeline = try timeline(routine(list), voice: voice(for: routine(list), seconds: Seconds(1)))
        let halfway = timeline.cues.first { $0.line.map { timeline.lines[$0] } == "Halfway." }!
        #expect(halfway.exercise == 3)
        #expect(halfway.frame == timeline.exercises[3].endFrame + Voice.afterChime.frames(at: Self.rate))
    }

    @Test func halfwayInTwoLongExercises() throws {
        let long = routine([exercise("A", hold: 300), exercise("B", hold: 300)])
        #expect(try Timeline.lines(of: long).contains("Halfway."))
        let short = routine([exercise("A", hold: 200), exercise("B", hold: 200)])
        #expect(try !Timeline.lines(of: short).contains("Halfway."))
        #expect(try !Timeline.lines(of: routine([exercise(hold: 1200)])).contains("Halfway."))
    }

    @Test func transitionGrowsForALongAnnouncement() throws {
        let plain = routine([exercise(say: "A long text.")])
        var voice = try voice(for: plain, seconds: Seconds(1))
        voice.lengths["A long text."] = Seconds(25, over: 2)
        let timeline = try timeline(plain, voice: voice)
        // 0.8 s after the chime, 12.5 s of speech, 1 s of quiet: the hold starts 14.3 s after 2 s.
        #expect(timeline.holds[0].startFrame == (Seconds(163, over: 10)).frames(at: Self.rate))
        #expect(timeline.durationFrames == (Seconds(163, over: 10) + Seconds(16)).frames(at: Self.rate))
        expectSpeechEndsBeforeTheNextChime(timeline, voice: voice)
    }

    @Test func pausesStretchOnlyWhereSpeechNeedsIt() throws {
        let plain = routine([exercise(sides: ["right", "left"], repetitions: 2, rest: 3, switchTime: 5)])
        var voice = try voice(for: plain, seconds: Seconds(2))
        voice.lengths["Left side."] = Seconds(4)
        let timeline = try timeline(plain, voice: voice)
        // The announcement (2.8 s + 1 s) fits the 10 s transition; "2 of 2." (3.8 s) fits
        // the 3 s rest only stretched to 3.8 s; "Left side." needs 5.8 s of the 5 s switch.
        #expect(outline(timeline).filter { !$0.hasPrefix("\"") } == [
            "exercise@2.0", "hold-start@12.0", "hold-end@22.0", "repetition@25.8", "switch-side@35.8",
            "hold-start@41.6", "hold-end@51.6", "repetition@55.4", "hold-end@65.4", "end@68.4",
        ])
        expectSpeechEndsBeforeTheNextChime(timeline, voice: voice)
    }

    @Test func withoutAVoiceNothingIsSaidAndNothingMoves() throws {
        let plain = routine([exercise(sides: ["right", "left"], repetitions: 3), exercise(), exercise()])
        let silent = try timeline(plain, voice: nil)
        #expect(silent.lines.isEmpty)
        #expect(!silent.cues.contains { $0.kind == .speech })
        // Lines short enough to fit every pause leave each chime where it was.
        let spoken = try timeline(plain, voice: voice(for: plain, seconds: Seconds(1)))
        #expect(spoken.cues.filter { $0.kind != .speech } == silent.cues)
        #expect(spoken.holds == silent.holds && spoken.exercises == silent.exercises)
        #expect(spoken.durationFrames == silent.durationFrames)
    }

    @Test func tempoChangeKeepsTheSpeech() throws {
        let plain = routine([
            Exercise(name: "A", instruction: "i", hold: .breaths(6), sides: ["right", "left"]),
            Exercise(name: "B", instruction: "i", hold: .breaths(4), repetitions: 2),
        ])
        let voice = try voice(for: plain, seconds: Seconds(4))
        let old = try Timeline(routine: plain, settings: Settings(sampleRate: Self.rate, voice: voice))
        let from = old.holds[0].startFrame + 7 * Self.rate
        let new = try old.retimed(breath: try BreathPattern(parsing: "4-7-8"), from: from)
        let fresh = try Timeline(routine: plain, settings: Settings(sampleRate: Self.rate, breath: try BreathPattern(parsing: "4-7-8"), voice: voice))
        #expect(new.lines == old.lines)
        #expect(new.cues.filter { $0.frame < from } == old.cues.filter { $0.frame < from })
        // After the change, every line is said as often as before, each after its own chime.
        #expect(new.cues.filter { $0.kind == .speech }.map(\.line) == fresh.cues.filter { $0.kind == .speech }.map(\.line))
        expectSpeechEndsBeforeTheNextChime(new, voice: voice)
    }
}
