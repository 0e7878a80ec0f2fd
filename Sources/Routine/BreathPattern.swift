import StrictYAML

/// How a person breathes through a hold: a cycle of timed phases, or `off` for no breath cues.
///
/// One parser serves the command line (`--breath`) and routine files (`breath:`), so both
/// accept exactly the same text and give the same error.
public struct BreathPattern: Sendable, Hashable, CustomStringConvertible {
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        case inhale
        case holdIn = "hold-in"
        case exhale
        case holdOut = "hold-out"
    }

    public struct Step: Sendable, Hashable {
        public let phase: Phase
        public let length: Seconds
    }

    /// The steps of one cycle, in order, starting with the inhale; empty when off.
    public let steps: [Step]
    /// The text that names this pattern, as a person would type it again.
    public let description: String

    public var isOff: Bool { steps.isEmpty }

    public var cycleLength: Seconds { steps.reduce(.zero) { $0 + $1.length } }

    public static let off = BreathPattern(steps: [], description: "off")
    /// Used when neither the command line nor the routine names a pattern.
    public static let standard = try! BreathPattern(parsing: "6/min")

    public static let phaseRange = Seconds(1)...Seconds(30)

    public static let presets: [(name: String, meaning: String)] = [
        ("box", "4-4-4-4"), ("478", "4-7-8"), ("coherent", "5.5/min"), ("relaxed", "4-6"),
    ]

    public static let acceptedForms = """
        N/min (breaths a minute, inhale as long as exhale: 6/min, 5.5/min), \
        inhale-exhale (4-6), inhale-hold-exhale (4-7-8), inhale-hold-exhale-hold (4-4-4-4), \
        a preset (box, 478, coherent, relaxed) or off; each phase 1 to 30 s
        """

    init(steps: [Step], description: String) {
        self.steps = steps
        self.description = description
    }

    public init(parsing raw: String) throws(BreathPatternError) {
        let text = raw.trimmingSpaces.lowercased()
        if text == "off" || text == "none" {
            self = .off
            return
        }
        if let preset = BreathPattern.presets.first(where: { $0.name == text }) {
            let base = try BreathPattern(parsing: preset.meaning)
            self.init(steps: base.steps, description: preset.name)
            return
        }
        let fail = { (reason: String?) in BreathPatternError(input: raw, reason: reason) }
        if text.hasSuffix("/min") {
            guard let rate = DecimalText.parse(text.dropLast(4)), rate > .zero else { throw fail(nil) }
            // One cycle lasts 60 / rate seconds; inhale and exhale share it equally.
            let half = Seconds(30 * rate.denominator, over: rate.numerator)
            try BreathPattern.check(half, in: raw)
            self.init(steps: [Step(phase: .inhale, length: half), Step(phase: .exhale, length: half)],
                      description: "\(text.dropLast(4))/min")
            return
        }
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...4).contains(fields.count) else {
            throw fail(fields.count > 4 ? "at most four phases" : nil)
        }
        var lengths: [Seconds] = []
        for field in fields {
            guard let length = DecimalText.parse(field.hasSuffix("s") ? field.dropLast() : field) else {
                throw fail(nil)
            }
            try BreathPattern.check(length, in: raw)
            lengths.append(length)
        }
        let phases: [Phase] = switch fields.count {
        case 2: [.inhale, .exhale]
        case 3: [.inhale, .holdIn, .exhale]
        default: [.inhale, .holdIn, .exhale, .holdOut]
        }
        self.init(steps: zip(phases, lengths).map { Step(phase: $0, length: $1) },
                  description: lengths.map(\.plainText).joined(separator: "-"))
    }

    /// The pattern in words, as a person hears it: "6.7 breaths a minute: 4.5 s in, 4.5 s out".
    public var explained: String {
        guard !isOff else { return "no breath cues" }
        let phases = steps.map { step in
            let word = switch step.phase {
            case .inhale: "in"
            case .exhale: "out"
            case .holdIn, .holdOut: "hold"
            }
            return "\(BreathPattern.said(step.length.doubleValue)) s \(word)"
        }
        return "\(BreathPattern.said(60 / cycleLength.doubleValue)) breaths a minute: " + phases.joined(separator: ", ")
    }

    /// The pattern as a status shows it: by its name (box, off) as typed, else its phases in
    /// seconds said as `explained` says them: "5.6-5.6" after two presses of slower, where
    /// `description` keeps "5.556-5.556" for the saved place.
    public var shown: String {
        if isOff || BreathPattern.presets.contains(where: { $0.name == description }) { return description }
        if description.hasSuffix("/min") { return "\(BreathPattern.said(60 / cycleLength.doubleValue))/min" }
        return steps.map { BreathPattern.said($0.length.doubleValue) }.joined(separator: "-")
    }

    /// A number of the tempo as a person reads it, seconds or breaths a minute: at most one
    /// decimal ("5.6", "4", "6.7"); a thousandth of a second is nothing anyone can breathe.
    public static func said(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    /// The same pattern with every phase scaled by `factor`: how tempo keys speed up or slow down.
    public func scaled(by factor: Seconds) throws(BreathPatternError) -> BreathPattern {
        guard !isOff else { return self }
        let scaledSteps = steps.map { step in
            Step(phase: step.phase, length: Seconds(step.length.numerator * factor.numerator,
                                                   over: step.length.denominator * factor.denominator))
        }
        for step in scaledSteps { try BreathPattern.check(step.length, in: description) }
        let text = scaledSteps.map(\.length.plainText).joined(separator: "-")
        return BreathPattern(steps: scaledSteps, description: text)
    }

    /// How long a position lasts when it is held for one phase: the phase and the breath-hold
    /// right after it, so that two positions (one on the inhale, one on the exhale) make one cycle.
    public func span(from phase: Phase) -> Seconds {
        guard let start = steps.firstIndex(where: { $0.phase == phase }) else { return .zero }
        var length = steps[start].length
        var next = start + 1
        while next < steps.count, steps[next].phase == .holdIn || steps[next].phase == .holdOut {
            length += steps[next].length
            next += 1
        }
        return length
    }

    private static func check(_ length: Seconds, in raw: String) throws(BreathPatternError) {
        guard phaseRange.contains(length) else {
            let shown = DurationText.format(length)
            let reason = length < phaseRange.lowerBound
                ? "a phase of \(shown) is under 1 s" : "a phase of \(shown) is over 30 s"
            throw BreathPatternError(input: raw, reason: reason)
        }
    }
}

public struct BreathPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String
    public let reason: String?

    public var description: String {
        let why = reason.map { " (\($0))" } ?? ""
        return "invalid breathing pattern '\(input)'\(why): expected \(BreathPattern.acceptedForms)"
    }
}

extension Seconds {
    /// "4", "5.5", "0.25": the number alone, for patterns.
    var plainText: String {
        if denominator == 1 { return "\(numerator)" }
        let value = (doubleValue * 1000).rounded() / 1000
        return "\(value)"
    }
}
