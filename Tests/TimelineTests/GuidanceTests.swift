import Routine
import Testing
import Timeline

@Suite("how much the voice says, in which language, and the countdown")
struct GuidanceTests {
    static let routine = Routine(name: "r", exercises: [
        Exercise(name: "Child's pose", instruction: "Sit back", hold: .time(Seconds(20)), transition: Seconds(10), breath: .off),
        Exercise(name: "Knee hugs", instruction: "Hug a knee", hold: .time(Seconds(10)), transition: Seconds(10),
                 breath: .off, sides: ["right", "left"], repetitions: 3),
        Exercise(name: "Reach", instruction: "Reach up", hold: .time(Seconds(10)), transition: Seconds(10), breath: .off,
                 sides: ["front", "side", "back"]),
    ])

    func lines(_ level: Guidance.Level, _ phrases: Phrases = .english) throws -> [String] {
        try Timeline.lines(of: Self.routine, settings: Settings(guidance: Guidance(level: level, phrases: phrases)))
    }

    @Test func eachLevelSaysWhatItPromises() throws {
        #expect(try lines(.full) == [
            "Next: Child's pose. Sit back.",
            "Next: Knee hugs. Hug a knee. Right side first.", "2 of 3.", "Last one.", "Left side.",
            "Next: Reach. Reach up. Front side first.", "Side side.", "Last side: back side.",
            "Session complete.",
        ])
        #expect(try lines(.brief) == [
            "Next: Child's pose.", "Next: Knee hugs. Right side first.", "2 of 3.", "Last one.", "Left side.",
            "Next: Reach. Front side first.", "Side side.", "Last side: back side.", "Session complete.",
        ])
        #expect(try lines(.names) == ["Child's pose.", "Knee hugs. Right side.", "Left side.", "Reach. Front side.",
                                      "Side side.", "Back side."])
        #expect(try lines(.off).isEmpty)
    }

    /// With lines that take no time, every level leaves every chime where it was: only the
    /// speech cues differ.
    @Test(arguments: Guidance.Level.allCases)
    func levelsChangeOnlyTheSpeech(level: Guidance.Level) throws {
        func chimes(_ level: Guidance.Level) throws -> [Cue] {
            let settings = Settings(voice: Voice(lengths: [:]), guidance: Guidance(level: level))
            return try Timeline(routine: Self.routine, settings: settings).cues.filter { $0.kind != .speech }
        }
        #expect(try chimes(level) == chimes(.full))
    }

    @Test func germanFrenchAndSpanishSayTheirOwnWords() throws {
        #expect(try lines(.full, .german).prefix(5) == [
            "Als Nächstes: Child's pose. Sit back.",
            "Als Nächstes: Knee hugs. Hug a knee. Zuerst: rechte Seite.", "2 von 3.", "Letzte Wiederholung.", "Linke Seite.",
        ])
        #expect(try lines(.full, .french).prefix(4) == [
            "Exercice suivant : Child's pose. Sit back.",
            "Exercice suivant : Knee hugs. Hug a knee. D'abord : côté droit.", "2 sur 3.", "Dernière répétition.",
        ])
        #expect(try lines(.full, .french).last == "Séance terminée.")
        #expect(Phrases.german.halfway == "Hälfte geschafft." && Phrases.german.complete == "Training beendet.")
        #expect(Phrases.spanish.halfway == "Vamos por la mitad.")
        #expect(try lines(.full, .spanish)[4] == "Lado izquierdo.")
    }

    @Test(arguments: Phrases.all)
    func everyLanguageHasEveryPhraseInItsOwnWords(phrases: Phrases) {
        let english = Phrases.english
        for (own, base) in zip(phrases.every.prefix(8), english.every.prefix(8)) {
            #expect(!own.isEmpty)
            #expect(own.components(separatedBy: "{}").count == base.components(separatedBy: "{}").count,
                    "'\(own)' fills as many values as '\(base)'")
        }
        if phrases != english {
            #expect(Set(phrases.every).isDisjoint(with: [english.next, english.halfway, english.complete, english.lastOne]))
            #expect(phrases.sides["right"] != nil && phrases.sides["left"] != nil, "both sides of `sides: both`")
        }
        #expect(Phrases.named(phrases.language) == phrases)
        #expect(Phrases.named(phrases.language.uppercased() + "-XX") == phrases)
    }

    @Test func aCountdownSaysTheLastSecondsOfEachHoldAtTheirFrames() throws {
        var routine = Routine(name: "r", exercises: [
            Exercise(name: "A", hold: .time(Seconds(10)), transition: Seconds(5), breath: .off),
            Exercise(name: "B", hold: .time(Seconds(2)), transition: Seconds(5), breath: .off),
        ])
        routine.exercises[0].countdown = 3
        routine.exercises[1].countdown = 3
        let voice = Voice(lengths: ["1.": Seconds(4, over: 10), "2.": Seconds(4, over: 10), "3.": Seconds(4, over: 10)])
        let timeline = try Timeline(routine: routine, settings: Settings(voice: voice))
        let counted = timeline.cues.filter { $0.kind == .speech && timeline.lines[$0.line!].first!.isNumber }
        let holds = timeline.holds
        // A: 3, 2, 1 before its end; B (2 s): only what comes a second or more into the hold.
        #expect(counted.map { timeline.lines[$0.line!] } == ["3.", "2.", "1.", "1."])
        #expect(counted.map(\.frame) == [holds[0].endFrame - 3 * 48_000, holds[0].endFrame - 2 * 48_000,
                                         holds[0].endFrame - 48_000, holds[1].endFrame - 48_000])
        // Over the routine's own: --countdown 0 says none.
        let none = try Timeline(routine: routine, settings: Settings(voice: voice, countdown: 0))
        #expect(!none.lines.contains("1."))
    }

    /// A hold that is not whole breaths (13.71 s, as a fitted one): its inhale at 10 s still
    /// rings when "3" would start, 0.71 s later; "3" is left out, as any line waits 0.8 s.
    @Test func aCountdownWaitsForABreathChimeAsEveryLineDoes() throws {
        var exercise = Exercise(name: "A", hold: .time(Seconds(1371, over: 100)), transition: Seconds(10), breath: .standard)
        exercise.countdown = 3
        let routine = Routine(name: "r", exercises: [exercise])
        let voice = Voice(lengths: Dictionary(uniqueKeysWithValues: (1...3).map { ("\($0).", Seconds(4, over: 10)) }))
        let timeline = try Timeline(routine: routine, settings: Settings(voice: voice))
        let counted = timeline.cues.filter { $0.kind == .speech && timeline.lines[$0.line!].first!.isNumber }
        #expect(counted.map { timeline.lines[$0.line!] } == ["2.", "1."])
        let chimes = timeline.cues.filter { $0.kind != .speech }.map(\.frame)
        for cue in counted {
            let ends = cue.frame + (Seconds(4, over: 10) + Seconds(2, over: 10)).frames(at: 48_000)
            #expect(!chimes.contains { $0 > cue.frame - Voice.afterChime.frames(at: 48_000) && $0 <= ends },
                    "no chime rings under the number at \(cue.frame)")
        }
        // With the inhale 0.8 s or more before it, "3" is said.
        exercise.positions[0].hold = .time(Seconds(138, over: 10))
        let later = try Timeline(routine: Routine(name: "r", exercises: [exercise]), settings: Settings(voice: voice))
        let said = later.cues.filter { $0.kind == .speech }.map { later.lines[$0.line!] }.filter { $0.first!.isNumber }
        #expect(said == ["3.", "2.", "1."])
    }

    @Test func aCountdownNeverSoundsOverABreathCue() throws {
        // 6/min: breath cues every 5 s from the hold's start at 12 s; the hold ends at 32 s, so
        // 27 s has an inhale: "5" (at 27) is left out, "4", "3", "2", "1" are said.
        var exercise = Exercise(name: "A", hold: .time(Seconds(20)), transition: Seconds(10), breath: .standard)
        exercise.countdown = 5
        let routine = Routine(name: "r", exercises: [exercise])
        let voice = Voice(lengths: Dictionary(uniqueKeysWithValues: (1...5).map { ("\($0).", Seconds(4, over: 10)) }))
        let timeline = try Timeline(routine: routine, settings: Settings(voice: voice))
        let said = timeline.cues.filter { $0.kind == .speech }.compactMap { timeline.lines[$0.line!] }.filter { $0.first!.isNumber }
        #expect(said == ["4.", "3.", "2.", "1."])
        let breaths = timeline.cues.filter(\.kind.isBreath).map(\.frame)
        for cue in timeline.cues where cue.kind == .speech && timeline.lines[cue.line!].first!.isNumber {
            #expect(!breaths.contains { abs($0 - cue.frame) < 48_000 / 5 }, "no breath cue under a counted second")
        }
    }
}
