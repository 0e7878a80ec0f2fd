import Routine
import Testing

@Suite("breathing patterns, as typed on the command line or in a routine")
struct BreathPatternTests {
    func steps(_ text: String) throws -> [(BreathPattern.Phase, Double)] {
        try BreathPattern(parsing: text).steps.map { ($0.phase, $0.length.doubleValue) }
    }

    @Test func perMinute() throws {
        let six = try BreathPattern(parsing: "6/min")
        #expect(six.steps.map(\.phase) == [.inhale, .exhale])
        #expect(six.steps.map(\.length) == [Seconds(5), Seconds(5)])
        let coherent = try BreathPattern(parsing: "5.5/min")
        #expect(coherent.steps.map(\.length) == [Seconds(60, over: 11), Seconds(60, over: 11)])
        #expect(coherent.cycleLength == Seconds(120, over: 11))
        #expect(coherent.description == "5.5/min")
    }

    @Test func phaseForms() throws {
        #expect(try steps("4-6").map(\.0) == [.inhale, .exhale])
        #expect(try steps("4-6").map(\.1) == [4, 6])
        #expect(try steps("4-7-8").map(\.0) == [.inhale, .holdIn, .exhale])
        #expect(try steps("4-7-8").map(\.1) == [4, 7, 8])
        #expect(try steps("4-4-4-4").map(\.0) == [.inhale, .holdIn, .exhale, .holdOut])
        #expect(try steps("2.5-3.25").map(\.1) == [2.5, 3.25])
        #expect(try BreathPattern(parsing: "4-7-8").description == "4-7-8")
        #expect(try BreathPattern(parsing: " OFF ").isOff)
    }

    @Test(arguments: [("box", "4-4-4-4"), ("478", "4-7-8"), ("coherent", "5.5/min"), ("relaxed", "4-6")])
    func presets(name: String, meaning: String) throws {
        let preset = try BreathPattern(parsing: name)
        #expect(preset.steps == (try BreathPattern(parsing: meaning)).steps)
        #expect(preset.description == name)
    }

    @Test(arguments: ["0/min", "4-", "abc", "4-4-4-4-4", "0.5-4", "31-4", "61/min", "0.9/min", "-4-4", "", "4--4", "1.2345-4"])
    func badPatternsQuoteTheInputAndListTheForms(text: String) {
        #expect(throws: BreathPatternError.self) { try BreathPattern(parsing: text) }
        do {
            _ = try BreathPattern(parsing: text)
        } catch {
            #expect(error.description.hasPrefix("invalid breathing pattern '\(text)'"))
            #expect(error.description.contains("N/min"))
            #expect(error.description.contains("4-7-8"))
        }
    }

    @Test func phaseLimitsAreNamed() {
        do {
            _ = try BreathPattern(parsing: "0.5-4")
            Issue.record("accepted a half-second phase")
        } catch {
            #expect(error.reason == "a phase of 0.5 s is under 1 s")
        }
        do {
            _ = try BreathPattern(parsing: "1/min")
        } catch {
            Issue.record("1/min is 30 s each way, the longest allowed: \(error)")
        }
    }

    @Test func spans() throws {
        let pattern = try BreathPattern(parsing: "4-7-8")
        #expect(pattern.span(from: .inhale) == Seconds(11))
        #expect(pattern.span(from: .exhale) == Seconds(8))
        let box = try BreathPattern(parsing: "box")
        #expect(box.span(from: .inhale) == Seconds(8))
        #expect(box.span(from: .exhale) == Seconds(8))
    }

    @Test func scaling() throws {
        let faster = try BreathPattern(parsing: "5-5").scaled(by: Seconds(9, over: 10))
        #expect(faster.steps.map(\.length) == [Seconds(9, over: 2), Seconds(9, over: 2)])
        #expect(faster.description == "4.5-4.5")
        #expect(throws: BreathPatternError.self) { try BreathPattern(parsing: "1-1").scaled(by: Seconds(9, over: 10)) }
    }
}

@Suite("exact time")
struct SecondsTests {
    @Test func framesRoundHalfUp() {
        #expect(Seconds(1, over: 96_000).frames(at: 48_000) == 1)
        #expect(Seconds(120, over: 11).frames(at: 48_000) == 523_636)
        #expect(Seconds(3, over: 2).frames(at: 44_100) == 66_150)
        #expect(Seconds(1, over: 3).frames(at: 44_100) == 14_700)
    }

    @Test func sumsAreExact() {
        var total = Seconds.zero
        for _ in 0..<11 { total += Seconds(60, over: 11) }
        #expect(total == Seconds(60))
        #expect(Seconds(1, over: 3) * 3 == Seconds(1))
        #expect(Seconds(5) / 2 == Seconds(5, over: 2))
        #expect(Seconds(1, over: 3) < Seconds(1, over: 2))
    }

    @Test(arguments: [("10s", 10.0), ("1.5s", 1.5), ("2m", 120), ("1m30s", 90), ("90", 90), ("2min", 120), ("0.25 s", 0.25),
                      ("30 sec", 30), ("30 secs", 30), ("30 seconds", 30), ("1 second", 1), ("2 minutes", 120), ("2 mins", 120),
                      ("1 minute", 60), ("1 min 30 s", 90), ("1 minute 30 seconds", 90), ("1:30", 90), ("0:30", 30),
                      ("10:00", 600), ("0:07.5", 7.5), ("1.5 min", 90), ("  45s ", 45), ("30 Seconds", 30),
                      ("1h", 3600), ("1 hour 20 min", 4800), ("2 hours", 7200), ("1:20:00", 4800), ("0:01:30", 90)])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.parse(text)?.doubleValue == seconds)
    }

    @Test(arguments: ["abc", "1.2345s", "s", "5x", "1s2m", "", "1m1m", "-3s", "1:5", "1:60", ":30", "30 secondz",
                      "2 m 30", "1..5s", "5 s s", "1:3a", "1:60:00", "1m1h", "1:2:03", "::"])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test(arguments: [("1.2345s", DurationText.Problem.tooPrecise), ("0:30.1234", .tooPrecise), ("1234567890s", .tooLarge),
                      ("soon", .unreadable)])
    func aRefusedDurationSaysWhy(text: String, problem: DurationText.Problem) {
        #expect(DurationText.read(text) == .failure(problem))
    }

    @Test(arguments: [("6/min", "6 breaths a minute: 5 s in, 5 s out"),
                      ("4-7-8", "3.2 breaths a minute: 4 s in, 7 s hold, 8 s out"),
                      ("box", "3.8 breaths a minute: 4 s in, 4 s hold, 4 s out, 4 s hold"),
                      ("off", "no breath cues"),
                      ("5.556-5.556", "5.4 breaths a minute: 5.6 s in, 5.6 s out"),
                      ("4.24-6.08", "5.8 breaths a minute: 4.2 s in, 6.1 s out")])
    func aPatternInWords(text: String, words: String) throws {
        #expect(try BreathPattern(parsing: text).explained == words)
    }

    /// What the status line, `ctl status` and the phone say: a name as typed, else seconds with
    /// at most one decimal, as the words say them.
    @Test(arguments: [("4-7-8", "4-7-8"), ("box", "box"), ("6/min", "6/min"), ("5.5/min", "5.5/min"), ("off", "off"),
                      ("4.5-4.5", "4.5-4.5"), ("5.556-5.556", "5.6-5.6"), ("4.04-7-8.125", "4-7-8.1")])
    func aPatternAsShown(text: String, shown: String) throws {
        #expect(try BreathPattern(parsing: text).shown == shown)
    }

    @Test func slowerTwiceIsSaidInTenthsOfASecond() throws {
        let slower = try BreathPattern(parsing: "4.5-4.5").scaled(by: Seconds(10, over: 9)).scaled(by: Seconds(10, over: 9))
        #expect(slower.explained == "5.4 breaths a minute: 5.6 s in, 5.6 s out")
        #expect(slower.shown == "5.6-5.6")
        #expect(slower.description == "5.556-5.556", "the saved place keeps the pattern itself")
    }
}
