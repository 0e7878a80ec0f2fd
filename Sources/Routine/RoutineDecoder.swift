import StrictYAML
import Yams

/// Turns routine YAML into a `Routine`, strictly: every key known, every value in range, and
/// every problem reported at its line and column.
public struct RoutineDecoder: YAMLDecoding, Sendable {
    public static let limits = Limits()

    public struct Limits: Sendable {
        public let hold = Seconds(0)...Seconds(30 * 60)
        public let pause = Seconds(0)...Seconds(10 * 60)
        public let repetitions = 1...100
        public let breaths = 1...100
        public let countdown = 0...10
        public let sides = 8
        public let positions = 8
        public let exercises = 200
        public let textLength = 500
        /// What a session may be fitted to.
        public let length = Seconds(60)...Seconds(12 * 60 * 60)
    }

    public let file: String

    public init(file: String) {
        self.file = file
    }

    public func decode(_ yaml: String) throws(YAMLError) -> Routine {
        guard let root = try compose(yaml) else {
            throw error(at: nil, "the file is empty: a routine needs a 'name' and 'exercises'")
        }
        var problems = YAMLProblems()
        let routine = routine(root, problems: &problems)
        try problems.check()
        guard let routine else { throw error(at: root, "not a routine") } // a problem was recorded
        return routine
    }

    // MARK: Structure

    private static let topKeys = ["name", "description", "lang", "lead_in", "outro", "length", "defaults", "exercises"]
    private static let defaultKeys = ["transition", "hold", "switch", "rest", "gap", "breath", "sides", "repetitions",
                                      "countdown"]
    private static let exerciseKeys = ["name", "instruction", "say", "positions"] + defaultKeys
    private static let positionKeys = ["name", "instruction", "hold"]

    /// The routine, with every problem in it recorded; nil when any was found.
    private func routine(_ node: Node, problems: inout YAMLProblems) -> Routine? {
        guard let fields = mapping(node, RoutineDecoder.topKeys, what: "a routine",
                                   hint: "a mapping with 'name' and 'exercises'", problems: &problems) else { return nil }
        var routine = Routine(name: "", exercises: [])
        if let nameNode = fields["name"] {
            routine.name = problems.attempt { () throws(YAMLError) in try text(nameNode, "name") } ?? ""
        } else {
            problems.record(error(at: node, "the routine has no 'name'"))
        }
        if let node = fields["description"] {
            routine.description = problems.attempt { () throws(YAMLError) in try text(node, "description", multiline: true) }
        }
        if let node = fields["lead_in"] {
            routine.leadIn = problems.attempt { () throws(YAMLError) in try pause(node, "lead_in") } ?? routine.leadIn
        }
        if let node = fields["outro"] {
            routine.outro = problems.attempt { () throws(YAMLError) in try pause(node, "outro") } ?? routine.outro
        }
        if let node = fields["length"] {
            routine.length = problems.attempt { () throws(YAMLError) in try sessionLength(node, "length") }
        }
        if let node = fields["lang"] {
            routine.language = problems.attempt { () throws(YAMLError) in try language(node, "lang") }
        }

        var defaults = Exercise(name: "")
        if let node = fields["defaults"],
           let values = mapping(node, RoutineDecoder.defaultKeys, what: "'defaults'", hint: "a mapping", problems: &problems) {
            applyShared(values, to: &defaults, problems: &problems)
        }

        guard let listNode = fields["exercises"] else {
            problems.record(error(at: node, "the routine has no 'exercises'"))
            return nil
        }
        guard case .sequence(let list) = listNode else {
            problems.record(error(at: listNode, "'exercises' must be a list of exercises (each line starting with '- ')"))
            return nil
        }
        guard !list.isEmpty else {
            problems.record(error(at: listNode, "'exercises' is empty: add at least one exercise"))
            return nil
        }
        guard list.count <= RoutineDecoder.limits.exercises else {
            problems.record(error(at: listNode, "too many exercises (\(list.count)): at most \(RoutineDecoder.limits.exercises)"))
            return nil
        }
        for (index, item) in list.enumerated() {
            if let exercise = exercise(item, number: index + 1, defaults: defaults, problems: &problems) {
                routine.exercises.append(exercise)
            }
        }
        return problems.isEmpty ? routine : nil
    }

    private func exercise(_ node: Node, number: Int, defaults: Exercise, problems: inout YAMLProblems) -> Exercise? {
        guard let fields = mapping(node, RoutineDecoder.exerciseKeys, what: "exercise \(number)",
                                   hint: "a mapping with 'name' and 'hold'", problems: &problems) else { return nil }
        var exercise = defaults
        if let nameNode = fields["name"] {
            exercise.name = problems.attempt { () throws(YAMLError) in try text(nameNode, "name") } ?? ""
        } else {
            problems.record(error(at: node, "exercise \(number) has no 'name'"))
        }
        // Without an instruction the voice says the name: a routine of names and holds is enough.
        if let node = fields["instruction"] {
            exercise.instruction = problems.attempt { () throws(YAMLError) in try text(node, "instruction") }
        }
        if let node = fields["say"] { exercise.say = problems.attempt { () throws(YAMLError) in try text(node, "say") } }
        applyShared(fields, to: &exercise, problems: &problems)
        if let node = fields["positions"] {
            if let hold = fields["hold"] {
                problems.record(error(at: hold, "exercise \(number) has both 'hold' and 'positions': give each position its own 'hold'"))
            }
            exercise.positions = positions(node, inherited: defaults.positions[0].hold, problems: &problems) ?? exercise.positions
        }
        return exercise
    }

    /// The keys that `defaults` and an exercise share; an exercise's own value wins.
    private func applyShared(_ fields: YAMLFields, to exercise: inout Exercise, problems: inout YAMLProblems) {
        func read<Value>(_ key: String, _ body: (Node) throws(YAMLError) -> Value) -> Value? {
            guard let node = fields[key] else { return nil }
            return problems.attempt { () throws(YAMLError) in try body(node) }
        }
        if let value = read("transition", { node throws(YAMLError) in try pause(node, "transition") }) { exercise.transition = value }
        if let value = read("switch", { node throws(YAMLError) in try pause(node, "switch") }) { exercise.switchTime = value }
        if let value = read("rest", { node throws(YAMLError) in try pause(node, "rest") }) { exercise.rest = value }
        if let value = read("gap", { node throws(YAMLError) in try pause(node, "gap") }) { exercise.gap = value }
        if let value = read("hold", { node throws(YAMLError) in try hold(node, allowPhase: false) }) {
            exercise.positions = [Position(name: nil, hold: value)]
        }
        if let value = read("breath", { node throws(YAMLError) in try breath(node, "breath") }) { exercise.breath = value }
        if let value = read("sides", { node throws(YAMLError) in try sides(node) }) { exercise.sides = value }
        if let value = read("repetitions", { node throws(YAMLError) in
            try count(node, "repetitions", in: RoutineDecoder.limits.repetitions)
        }) { exercise.repetitions = value }
        if let value = read("countdown", { node throws(YAMLError) in
            try count(node, "countdown", in: RoutineDecoder.limits.countdown)
        }) { exercise.countdown = value }
    }

    private func positions(_ node: Node, inherited: HoldLength, problems: inout YAMLProblems) -> [Position]? {
        guard case .sequence(let list) = node, !list.isEmpty else {
            problems.record(error(at: node, "'positions' must be a list of positions, each with a 'name' and a 'hold'"))
            return nil
        }
        guard list.count <= RoutineDecoder.limits.positions else {
            problems.record(error(at: node, "too many positions (\(list.count)): at most \(RoutineDecoder.limits.positions)"))
            return nil
        }
        var result: [Position] = []
        for (index, item) in list.enumerated() {
            guard let fields = mapping(item, RoutineDecoder.positionKeys, what: "position \(index + 1)",
                                       hint: "a mapping with 'name' and 'hold'", problems: &problems) else { continue }
            var position = Position(name: nil, hold: inherited)
            if let nameNode = fields["name"] {
                position.name = problems.attempt { () throws(YAMLError) in try text(nameNode, "name") }
            } else {
                problems.record(error(at: item, "position \(index + 1) has no 'name'"))
            }
            if let node = fields["instruction"] {
                position.instruction = problems.attempt { () throws(YAMLError) in try text(node, "instruction") }
            }
            if let node = fields["hold"] {
                position.hold = problems.attempt { () throws(YAMLError) in try hold(node, allowPhase: true) } ?? inherited
            }
            result.append(position)
        }
        return result
    }

    private func sides(_ node: Node) throws(YAMLError) -> [String?] {
        let expected = "'sides' must be none, both (right then left), or a list of names such as [right knee, left knee]"
        switch node {
        case .scalar(let value):
            switch value.string.lowercased() {
            case "none", "": return [nil]
            case "both": return ["right", "left"]
            default: throw error(at: node, "\(expected); found '\(value.string)'")
            }
        case .sequence(let list):
            guard (2...RoutineDecoder.limits.sides).contains(list.count) else {
                throw error(at: node, "'sides' lists \(list.count) name(s): give 2 to \(RoutineDecoder.limits.sides)")
            }
            var names: [String?] = []
            for item in list {
                let name = try text(item, "sides")
                if names.contains(name) { throw error(at: item, "side '\(name)' is listed twice") }
                names.append(name)
            }
            return names
        default:
            throw error(at: node, expected)
        }
    }

    // MARK: Values

    private func hold(_ node: Node, allowPhase: Bool) throws(YAMLError) -> HoldLength {
        let raw = try scalar(node, "hold")
        let words = raw.lowercased().split(separator: " ")
        if allowPhase, words.count == 1, let phase = BreathPattern.Phase(rawValue: String(words[0])),
           phase == .inhale || phase == .exhale {
            return .phase(phase)
        }
        if words.count == 2, words[1] == "breaths" || words[1] == "breath" {
            guard let count = Int(words[0]), RoutineDecoder.limits.breaths.contains(count) else {
                throw error(at: node, "'hold' of '\(raw)': the number of breaths must be a whole number from 1 to \(RoutineDecoder.limits.breaths.upperBound)")
            }
            return .breaths(count)
        }
        let forms = allowPhase ? "\(DurationText.forms), N breaths, inhale or exhale"
                               : "\(DurationText.forms), or N breaths"
        let seconds = try duration(node, "hold", raw: raw, forms: forms)
        guard seconds > .zero else { throw error(at: node, "'hold' must be longer than 0 s") }
        guard seconds <= RoutineDecoder.limits.hold.upperBound else {
            throw error(at: node, "'hold' of \(DurationText.format(seconds)) is too long: at most 30 min")
        }
        return .time(seconds)
    }

    private func pause(_ node: Node, _ key: String) throws(YAMLError) -> Seconds {
        let raw = try scalar(node, key)
        let seconds = try duration(node, key, raw: raw, forms: DurationText.forms)
        guard RoutineDecoder.limits.pause.contains(seconds) else {
            throw error(at: node, "'\(key)' of \(DurationText.format(seconds)) is too long: at most 10 min")
        }
        return seconds
    }

    /// A language code the voice has phrases for.
    public func language(_ node: Node, _ key: String) throws(YAMLError) -> String {
        let raw = try scalar(node, key).trimmingSpaces
        if let problem = RoutineDecoder.problem(language: raw) { throw error(at: node, "'\(key)' \(problem)") }
        return raw
    }

    /// What is wrong with a language code; nil when there are phrases for it.
    public static func problem(language: String) -> String? {
        Phrases.named(language) != nil ? nil
            : "'\(language)' is not a language the voice has phrases for: \(Phrases.all.map(\.language).joined(separator: ", ")) (docs/languages.md tells how to add one)"
    }

    /// A session length, as `length:` in a routine or the config file takes it.
    public func sessionLength(_ node: Node, _ key: String) throws(YAMLError) -> Seconds {
        let raw = try scalar(node, key)
        let seconds = try duration(node, key, raw: raw, forms: DurationText.forms)
        if let problem = RoutineDecoder.problem(length: seconds) {
            throw error(at: node, "'\(key)' of \(DurationText.format(seconds)) is out of reach: \(problem)")
        }
        return seconds
    }

    /// What is wrong with a session length; nil when it is fine.
    public static func problem(length: Seconds) -> String? {
        limits.length.contains(length) ? nil : "a session can be fitted to 1 min up to 12 h"
    }

    private func duration(_ node: Node, _ key: String, raw: String, forms: String) throws(YAMLError) -> Seconds {
        if raw.trimmingSpaces.hasPrefix("-") {
            throw error(at: node, "'\(key)' cannot be negative; found '\(raw)'")
        }
        switch DurationText.read(raw) {
        case .success(let seconds): return seconds
        case .failure(.unreadable): throw error(at: node, "'\(key)' must be \(forms); found '\(raw)'")
        case .failure(let problem): throw error(at: node, "'\(key)' of '\(raw)' \(problem.reason)")
        }
    }

    /// Text in a routine: names, instructions and spoken lines share one length limit.
    func text(_ node: Node, _ key: String, multiline: Bool = false) throws(YAMLError) -> String {
        try text(node, key, multiline: multiline, limit: RoutineDecoder.limits.textLength)
    }
}
