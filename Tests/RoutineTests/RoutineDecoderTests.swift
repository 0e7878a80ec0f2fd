import Foundation
import Routine
import StrictYAML
import Testing

@Suite("loading routines strictly")
struct RoutineDecoderTests {
    func decode(_ yaml: String) throws(YAMLError) -> Routine {
        try RoutineDecoder(file: "r.yaml").decode(yaml)
    }

    func failure(_ yaml: String) -> YAMLError? {
        do {
            _ = try decode(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func fullRoutine() throws {
        let routine = try decode("""
            name: Test
            description: Two things.
            lead_in: 1s
            outro: 2s
            defaults:
              transition: 8s
              hold: 20s
              rest: 1s
              breath: 4-6
            exercises:
              - name: Plain
                instruction: Hold still.
                say: Stay where you are.
              - name: Sided
                instruction: Each side.
                sides: both
                hold: 5 breaths
                transition: 0s
              - name: Knees
                instruction: Each knee.
                sides: [right knee, left knee]
                repetitions: 3
                breath: off
              - name: Flow
                instruction: Move with the breath.
                rest: 0s
                repetitions: 4
                positions:
                  - {name: Cat, hold: exhale, instruction: Round up.}
                  - {name: Cow, hold: inhale}
            """)
        #expect(routine.name == "Test")
        #expect(routine.leadIn == Seconds(1) && routine.outro == Seconds(2))
        let plain = routine.exercises[0]
        #expect(plain.transition == Seconds(8) && plain.rest == Seconds(1) && plain.switchTime == Seconds(5) && plain.gap == Seconds(3))
        #expect(plain.positions == [Position(name: nil, hold: .time(Seconds(20)))])
        #expect(plain.sides == [nil])
        #expect(plain.say == "Stay where you are.")
        #expect(routine.exercises[1].say == nil)
        #expect(plain.breath?.description == "4-6")
        let sided = routine.exercises[1]
        #expect(sided.sides == ["right", "left"])
        #expect(sided.transition == .zero)
        #expect(sided.positions[0].hold == .breaths(5))
        let knees = routine.exercises[2]
        #expect(knees.sides == ["right knee", "left knee"])
        #expect(knees.repetitions == 3)
        #expect(knees.breath?.isOff == true)
        let flow = routine.exercises[3]
        #expect(flow.positions.map(\.name) == ["Cat", "Cow"])
        #expect(flow.positions.map(\.hold) == [.phase(.exhale), .phase(.inhale)])
        #expect(flow.positions[0].instruction == "Round up.")
        #expect(flow.rest == .zero)
    }

    @Test(arguments: [
        ("name: x\nexercises:\n  - name: a\n    instrction: b\n", 4, 5, "unknown key 'instrction' in exercise 1 (did you mean 'instruction'?)"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, trasition: 2s}\n", 3, 31, "unknown key 'trasition' in exercise 1 (did you mean 'transition'?)"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, repetitons: 2}\n", 3, 31, "unknown key 'repetitons' in exercise 1 (did you mean 'repetitions'?)"),
        ("name: x\ncolour: red\nexercises: []\n", 2, 1, "unknown key 'colour' in a routine; expected one of: name, description, lang, lead_in, outro, length, defaults, exercises"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, transition: -3s}\n", 3, 43, "'transition' cannot be negative; found '-3s'"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, hold: 45m}\n", 3, 37, "'hold' of 45 min is too long: at most 30 min"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, transition: 11m}\n", 3, 43, "'transition' of 11 min is too long: at most 10 min"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, hold: 0s}\n", 3, 37, "'hold' must be longer than 0 s"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, hold: soon}\n", 3, 37, "'hold' must be a duration such as 30s, 30 seconds, 2 min, 1m30s or 1:30, or N breaths; found 'soon'"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, hold: inhale}\n", 3, 37, "'hold' must be a duration such as 30s, 30 seconds, 2 min, 1m30s or 1:30, or N breaths; found 'inhale'"),
        ("name: x\nexercises:\n  - {name: a, hold: 1.2345s}\n", 3, 21, "'hold' of '1.2345s' has more than three decimal places; a thousandth of a second is the finest step"),
        ("name: x\nexercises:\n  - {name: a, rest: 12345678901 s}\n", 3, 21, "'rest' of '12345678901 s' is too large a number"),
        ("name: x\nexercises:\n  - {name: a, hold: 1:75}\n", 3, 21, "'hold' must be a duration"),
        ("\u{FEFF}name: x\nexercises:\n  - {name: a, hold: 1:75}\n", 3, 21, "'hold' must be a duration"),
        ("name: x\nexercises:\n\t- {name: a}\n", 3, 1, "a tab indents this line: YAML indents with spaces only"),
        ("name: x\nexercises:\n  - name: a\n  \thold: 3s\n", 4, 3, "a tab indents this line: YAML indents with spaces only"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, repetitions: 0}\n", 3, 44, "'repetitions' must be from 1 to 100; found 0"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, repetitions: 101}\n", 3, 44, "'repetitions' must be from 1 to 100; found 101"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, repetitions: 2.5}\n", 3, 44, "'repetitions' must be a whole number from 1 to 100; found '2.5'"),
        ("exercises:\n  - {name: a, instruction: b}\n", 1, 1, "the routine has no 'name'"),
        ("name: x\nexercises:\n  - {instruction: a}\n", 3, 5, "exercise 1 has no 'name'"),
        ("name: x\n", 1, 1, "the routine has no 'exercises'"),
        ("name: x\nexercises: []\n", 2, 12, "'exercises' is empty: add at least one exercise"),
        ("name: x\nexercises:\n  - name: a\n    instruction: b\n    hold: 5s\n    positions: [{name: c, hold: 2s}]\n", 5, 11, "exercise 1 has both 'hold' and 'positions': give each position its own 'hold'"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, sides: each knee}\n", 3, 38, "'sides' must be none, both (right then left), or a list of names such as [right knee, left knee]; found 'each knee'"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, sides: [l, l]}\n", 3, 42, "side 'l' is listed twice"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, breath: 4-}\n", 3, 39, "invalid breathing pattern '4-'"),
        ("name: [a, b]\nexercises: []\n", 1, 7, "'name' must be a single value, not a list"),
        ("name: x\nexercises:\n  - {name: {a: 1}, instruction: b}\n", 3, 12, "'name' must be a single value, not a mapping"),
        ("name: x\nexercises:\n  - name: a\n    instruction: |\n      two\n      lines\n", 4, 18, "'instruction' must be one line"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, sya: c}\n", 3, 31, "unknown key 'sya' in exercise 1 (did you mean 'say'?)"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, say: ''}\n", 3, 36, "'say' is empty"),
        ("name: x\nexercises:\n  - name: a\n    instruction: b\n    say: |\n      two\n      lines\n", 5, 10, "'say' must be one line"),
        ("name: x\nexercises:\n  - {name: a, instruction: b, say: \(String(repeating: "x", count: 501))}\n", 3, 36, "'say' is too long: at most 500 characters"),
        ("name: x\ndefaults: {say: hi}\nexercises: [{name: a}]\n", 2, 12, "unknown key 'say' in 'defaults'"),
        ("name: x\nname: y\nexercises: []\n", 1, 1, "'name' appears twice"),
        ("", 1, 1, "the file is empty"),
        ("name: x\nexercises: [\n", 3, 1, "YAML syntax error"),
    ])
    func errorsPointAtTheProblem(yaml: String, line: Int, column: Int, message: String) {
        let error = failure(yaml)
        #expect(error != nil, "accepted: \(yaml)")
        guard let error else { return }
        #expect(error.message.hasPrefix(message), "\(error)")
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.description.hasPrefix("r.yaml:\(error.line):\(error.column): "))
    }

    @Test func everyProblemInTheFileIsToldAtOnceInTheOrderOfTheFile() {
        let error = failure("""
            name: x
            colour: red
            defaults: {hold: 3 sec, rest: soon}
            exercises:
              - {name: a, hold: 0s, instrction: b}
              - {hold: 5s}
              - name: c
                sides: [l, l]
                positions: [{name: d, hold: never}, {hold: 2s}]
            """)
        #expect(error?.all.map { "\($0.line):\($0.column)" } == ["2:1", "3:31", "5:21", "5:25", "6:5", "8:16", "9:33", "9:41"],
                "\(String(describing: error))")
        #expect(error?.description.split(separator: "\n").count == 8)
        #expect(error?.description.split(separator: "\n").allSatisfy { $0.hasPrefix("r.yaml:") } == true)
    }

    @Test func pastTwentyProblemsTheRestAreCounted() {
        let list = (0..<30).map { "  - {name: e\($0), hold: never}" }.joined(separator: "\n")
        let error = failure("name: x\nexercises:\n\(list)\n")
        #expect(error?.all.count == 20)
        #expect(error?.description.hasSuffix("\nr.yaml: 10 more problems after these") == true)
    }

    @Test func aRoutineOfNamesAndHoldsIsEnoughAndDefaultsTakeSidesAndRepetitions() throws {
        let routine = try decode("""
            name: Three stretches
            defaults: {hold: 30 sec, sides: both, repetitions: 2, rest: 0:05}
            exercises:
              - name: Calf
              - name: Quad
                sides: none
              - name: Hamstring
                repetitions: 1
            """)
        #expect(routine.exercises.map(\.instruction) == [nil, nil, nil])
        #expect(routine.exercises.map(\.sides) == [["right", "left"], [nil], ["right", "left"]])
        #expect(routine.exercises.map(\.repetitions) == [2, 2, 1])
        #expect(routine.exercises.allSatisfy { $0.rest == Seconds(5) && $0.positions[0].hold == .time(Seconds(30)) })
    }

    @Test func aByteOrderMarkIsNotPartOfTheRoutine() throws {
        #expect(try decode("\u{FEFF}name: x\nexercises: [{name: a}]\n").name == "x")
    }

    @Test func aliasBombIsHandledQuickly() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        yaml += "name: bomb\nexercises: *a9\n"
        let start = ContinuousClock.now
        let error = failure(yaml)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error != nil)
    }

    @Test func tooManyExercises() {
        let list = (0..<201).map { "  - {name: e\($0), instruction: i}" }.joined(separator: "\n")
        #expect(failure("name: x\nexercises:\n\(list)\n")?.message == "too many exercises (201): at most 200")
    }

    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("routines/lower-back.yaml")

    @Test func bundledRoutineFollowsTheGuide() throws {
        let text = try String(contentsOf: RoutineDecoderTests.bundled, encoding: .utf8)
        let routine = try RoutineDecoder(file: "lower-back.yaml").decode(text)
        let names = routine.exercises.map { $0.name.lowercased() }
        let expected = ["child", "twist", "sitting", "hamstring", "knee", "cat", "trunk", "lunge", "piriformis",
                        "sphinx", "wall", "airplane", "massage"]
        #expect(names.count == 13)
        for (name, word) in zip(names, expected) { #expect(name.contains(word), "\(name) should be the \(word) exercise") }
        guard case .time(let child) = routine.exercises[0].positions[0].hold else { Issue.record("child's pose is timed"); return }
        #expect(Seconds(20) <= child && child <= Seconds(30))
        #expect(routine.exercises[1].positions[0].hold == .time(Seconds(10)))
        #expect(routine.exercises[1].sides.count == 2)
        #expect(routine.exercises[2].positions[0].hold == .time(Seconds(10)))
        #expect(routine.exercises[4].positions[0].hold == .time(Seconds(5)))
        #expect(routine.exercises[4].sides.count == 2)
        #expect(routine.exercises[5].positions.map(\.hold) == [.phase(.exhale), .phase(.inhale)])
        #expect(BreathPattern.standard.span(from: .exhale) == Seconds(5), "cat and cow last 5 s each at the default tempo")
        #expect(routine.exercises[6].positions[0].hold == .time(Seconds(10)))
        #expect(routine.exercises[7].positions[0].hold == .time(Seconds(10)))
        guard case .time(let piriformis) = routine.exercises[8].positions[0].hold else { Issue.record("piriformis is timed"); return }
        #expect(piriformis >= Seconds(10))
        if case .breaths = routine.exercises[9].positions[0].hold {} else { Issue.record("sphinx: stay and breathe") }
        if case .breaths = routine.exercises[10].positions[0].hold {} else { Issue.record("legs up the wall: breathe") }
        #expect(routine.exercises[11].sides.count == 2)
        #expect(routine.exercises[12].sides.count == 2)
        #expect(routine.exercises[12].positions[0].hold == .time(Seconds(30)))
        #expect(routine.exercises.allSatisfy { $0.instruction?.isEmpty == false })
    }
}
