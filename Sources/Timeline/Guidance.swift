import Routine

/// The words of spoken guidance: what the voice says at each point of a routine.
enum Guidance {
    static let halfway = "Halfway."
    static let complete = "Session complete."

    /// At each exercise's chime: the routine's own `say`, or its name and instruction (if it
    /// has one) and,
    /// for an exercise with sides, which one comes first.
    static func announcement(of exercise: Exercise) -> String {
        if let say = exercise.say { return say }
        var parts = ["Next: " + sentence(exercise.name)]
        if let instruction = exercise.instruction { parts.append(sentence(instruction)) }
        if let first = exercise.sides.first ?? nil { parts.append(sideName(first) + " first.") }
        return parts.joined(separator: " ")
    }

    /// At a change of side: "Left side" for a side named by one word, else its own name,
    /// such as "Other knee".
    static func side(_ name: String) -> String {
        sentence(sideName(name))
    }

    /// Before each repetition after the first, such as "2 of 3" (spoken "two of three").
    static func repetition(_ number: Int, of count: Int) -> String {
        "\(number) of \(count)."
    }

    private static func sideName(_ name: String) -> String {
        let words = name.split(separator: " ")
        let phrase = words.count == 1 ? "\(name) side" : name
        return phrase.prefix(1).uppercased() + phrase.dropFirst()
    }

    /// Ends the text with a full stop unless it already ends a sentence, so that the voice
    /// falls and pauses as at the end of one.
    private static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?".contains(last) else { return text }
        return text + "."
    }
}
