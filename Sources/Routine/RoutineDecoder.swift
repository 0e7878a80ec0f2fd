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
        public let sides = 8
        public let positions = 8
        public let exercises = 200
        public let textLength = 500
    }

    public let file: String

    public init(file: String) {
        self.file = file
    }

    public func decode(_ yaml: String) throws(YAMLError) -> Routine {
        guard let root = try compose(yaml) else {
            throw error(at: nil, "the file is empty: a routine needs a 'name' and 'exercises'")
        }
        return try routine(root)
    }

    // MARK: Structure

    private static let topKeys = ["name", "description", "lead_in", "outro", "defaults", "exercises"]
    private static let defaultKeys = ["transition", "hold", "switch", "rest", "gap", "breath"]
    private static let exerciseKeys = ["name", "instruction", "say", "sides", "repetitions", "positions"] + defaultKeys
    private static let positionKeys = ["name", "instruction", "hold"]

    private func routine(_ node: Node) throws(YAMLError) -> Routine {
        let fields = try mapping(node, RoutineDecoder.topKeys, what: "a routine",
                                 hint: "a mapping with 'name' and 'exercises'")
        guard let nameNode = fields["name"] else {
            throw error(at: node, "the routine has no 'name'")
        }
        var routine = Routine(name: try text(nameNode, "name"), exercises: [])
        if let node = fields["description"] { routine.description = try text(node, "description", multiline: true) }
        if let node = fields["lead_in"] { routine.leadIn = try pause(node, "lead_in") }
        if let node = fields["outro"] { routine.outro = try pause(node, "outro") }

        var defaults = Exercise(name: "", instruction: "")
        if let node = fields["defaults"] {
            let values = try mapping(node, RoutineDecoder.defaultKeys, what: "'defaults'", hint: "a mapping")
            try applyShared(values, to: &defaults, context: "defaults")
        }

        guard let listNode = fields["exercises"] else {
            throw error(at: node, "the routine has no 'exercises'")
        }
        guard case .sequence(let list) = listNode else {
            throw error(at: listNode, "'exercises' must be a list of exercises (each line starting with '- ')")
        }
        guard !list.isEmpty else { throw error(at: listNode, "'exercises' is empty: add at least one exercise") }
        guard list.count <= RoutineDecoder.limits.exercises else {
            throw error(at: listNode, "too many exercises (\(list.count)): at most \(RoutineDecoder.limits.exercises)")
        }
        for (index, item) in list.enumerated() {
            routine.exercises.append(try exercise(item, number: index + 1, defaults: defaults))
        }
        return routine
    }

    private func exercise(_ node: Node, number: Int, defaults: Exercise) throws(YAMLError) -> Exercise {
        let fields = try mapping(node, RoutineDecoder.exerciseKeys, what: "exercise \(number)",
                                 hint: "a mapping with 'name', 'instruction' and 'hold'")
        guard let nameNode = fields["name"] else { throw error(at: node, "exercise \(number) has no 'name'") }
        guard let instructionNode = fields["instruction"] else {
            throw error(at: node, "exercise \(number) has no 'instruction': add one line telling the person what to do")
        }
        var exercise = defaults
        exercise.name = try text(nameNode, "name")
        exercise.instruction = try text(instructionNode, "instruction")
        if let node = fields["say"] { exercise.say = try text(node, "say") }
        try applyShared(fields, to: &exercise, context: "exercise")

        if let node = fields["sides"] { exercise.sides = try sides(node) }
        if let node = fields["repetitions"] {
            exercise.repetitions = try count(node, "repetitions", in: RoutineDecoder.limits.repetitions)
        }
        if let node = fields["positions"] {
            if let hold = fields["hold"] {
                throw error(at: hold, "exercise \(number) has both 'hold' and 'positions': give each position its own 'hold'")
            }
            exercise.positions = try positions(node, inherited: defaults.positions[0].hold)
        }
        return exercise
    }

    /// The keys that `defaults` and an exercise share; an exercise's own value wins.
    private func applyShared(_ fields: YAMLFields, to exercise: inout Exercise, context: String) throws(YAMLError) {
        if let node = fields["transition"] { exercise.transition = try pause(node, "transition") }
        if let node = fields["switch"] { exercise.switchTime = try pause(node, "switch") }
        if let node = fields["rest"] { exercise.rest = try pause(node, "rest") }
        if let node = fields["gap"] { exercise.gap = try pause(node, "gap") }
        if let node = fields["hold"] {
            exercise.positions = [Position(name: nil, hold: try hold(node, allowPhase: false))]
        }
        if let node = fields["breath"] { exercise.breath = try breath(node, "breath") }
    }

    private func positions(_ node: Node, inherited: HoldLength) throws(YAMLError) -> [Position] {
        guard case .sequence(let list) = node, !list.isEmpty else {
            throw error(at: node, "'positions' must be a list of positions, each with a 'name' and a 'hold'")
        }
        guard list.count <= RoutineDecoder.limits.positions else {
            throw error(at: node, "too many positions (\(list.count)): at most \(RoutineDecoder.limits.positions)")
        }
        var result: [Position] = []
        for (index, item) in list.enumerated() {
            let fields = try mapping(item, RoutineDecoder.positionKeys, what: "position \(index + 1)",
                                     hint: "a mapping with 'name' and 'hold'")
            guard let nameNode = fields["name"] else { throw error(at: item, "position \(index + 1) has no 'name'") }
            var position = Position(name: try text(nameNode, "name"), hold: inherited)
            if let node = fields["instruction"] { position.instruction = try text(node, "instruction") }
            if let node = fields["hold"] { position.hold = try hold(node, allowPhase: true) }
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

    private func duration(_ node: Node, _ key: String, raw: String, forms: String) throws(YAMLError) -> Seconds {
        if raw.trimmingSpaces.hasPrefix("-") {
            throw error(at: node, "'\(key)' cannot be negative; found '\(raw)'")
        }
        guard let seconds = DurationText.parse(raw) else {
            throw error(at: node, "'\(key)' must be \(forms); found '\(raw)'")
        }
        return seconds
    }

    /// Text in a routine: names, instructions and spoken lines share one length limit.
    func text(_ node: Node, _ key: String, multiline: Bool = false) throws(YAMLError) -> String {
        try text(node, key, multiline: multiline, limit: RoutineDecoder.limits.textLength)
    }
}
