import Routine

/// What the voice says at each point of a routine, at the chosen level of detail and in the
/// chosen language; nil where it says nothing.
public struct Guidance: Sendable, Hashable {
    /// How much the voice says.
    public enum Level: String, Sendable, Hashable, CaseIterable {
        /// Each exercise's name and instruction, sides, repetition counts, last ones, halfway, the end.
        case full
        /// As full, without the instructions: for a routine one knows.
        case brief
        /// The exercise's name and the side alone.
        case names
        /// Nothing: the chimes alone.
        case off
    }

    public var level: Level
    public var phrases: Phrases

    public init(level: Level = .full, phrases: Phrases = .english) {
        self.level = level
        self.phrases = phrases
    }

    /// At each exercise's chime: the routine's own `say`, or its name (and instruction, at
    /// full) and, for an exercise with sides, which one comes first.
    func announcement(of exercise: Exercise) -> String? {
        capitalized(spokenAnnouncement(of: exercise))
    }

    private func spokenAnnouncement(of exercise: Exercise) -> String? {
        let first = exercise.sides.first.flatMap { $0 }.map(phrases.side)
        switch level {
        case .off:
            return nil
        case .names:
            return [sentence(exercise.name), capitalized(first.map(sentence))].compactMap { $0 }.joined(separator: " ")
        case .full, .brief:
            if level == .full, let say = exercise.say { return say }
            var parts = [named(phrases.next, exercise.name)]
            if level == .full, let instruction = exercise.instruction { parts.append(sentence(instruction)) }
            if let first { parts.append(named(phrases.first, first)) }
            return parts.joined(separator: " ")
        }
    }

    /// At a change of side: "Left side" for a side named by one word, else its own name, such
    /// as "Other knee"; the last of three or more sides says so.
    func side(_ name: String, last: Bool) -> String? {
        capitalized(spokenSide(name, last: last))
    }

    private func spokenSide(_ name: String, last: Bool) -> String? {
        switch level {
        case .off: nil
        case .names: sentence(phrases.side(name))
        case .full, .brief: last ? named(phrases.lastSide, phrases.side(name)) : sentence(phrases.side(name))
        }
    }

    /// Before each repetition after the first: "2 of 3" (spoken "two of three"), and the last
    /// of them "Last one".
    func repetition(_ number: Int, of count: Int) -> String? {
        guard level == .full || level == .brief else { return nil }
        return number == count ? phrases.lastOne : phrases.fill(phrases.repetition, "\(number)", "\(count)")
    }

    var halfway: String? { level == .full || level == .brief ? phrases.halfway : nil }
    var complete: String? { level == .full || level == .brief ? phrases.complete : nil }

    /// A second of the countdown before a hold ends, said as the number.
    func countdown(_ second: Int) -> String? {
        level == .off ? nil : "\(second)."
    }

    /// A line starts with a capital, whatever side name it starts with ("Left side.").
    private func capitalized(_ line: String?) -> String? {
        line.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }

    /// Ends the text with a full stop unless it already ends a sentence, so that the voice
    /// falls and pauses as at the end of one.
    private func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?".contains(last) else { return text }
        return text + "."
    }

    /// A name set in a template: where it ends the sentence, its own ".", "!" or "?" ends it
    /// instead; where it starts one ("{} first."), it takes a capital.
    private func named(_ template: String, _ name: String) -> String {
        let filled = template.hasPrefix("{}") ? capitalized(phrases.fill(template, name))! : phrases.fill(template, name)
        guard let last = name.last, ".!?".contains(last), template.hasSuffix("{}.") else { return filled }
        return String(filled.dropLast())
    }
}
