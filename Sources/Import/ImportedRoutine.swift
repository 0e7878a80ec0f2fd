import Routine

/// A routine read from another app's file, in the terms of a StretchCue routine, with what
/// could not be carried over said in words. `RoutineWriter` makes it a routine file.
public struct ImportedRoutine: Sendable, Equatable {
    /// The app it came from, as its makers name it.
    public enum Source: String, Sendable {
        case jawt = "Just Another Workout Timer"
        case workrave = "Workrave"
    }

    public var name: String
    public var source: Source
    /// The language its words are in, when not English and the voice has phrases for it (`lang:`).
    public var language: String?
    public var exercises: [ImportedExercise]
    /// What the file held that the routine does not: each a line for the comment at its top.
    public var notes: [String]

    public init(name: String, source: Source, language: String? = nil, exercises: [ImportedExercise], notes: [String] = []) {
        self.name = name
        self.source = source
        self.language = language
        self.exercises = exercises
        self.notes = notes
    }
}

public struct ImportedExercise: Sendable, Equatable {
    public var name: String
    public var instruction: String?
    /// One hold, or positions held back to back (then `hold` is unused).
    public var hold: Seconds
    public var positions: [ImportedPosition]
    /// Empty for an exercise without sides; `["right", "left"]` is written as `both`.
    public var sides: [String]
    public var repetitions: Int

    public init(name: String, instruction: String? = nil, hold: Seconds, positions: [ImportedPosition] = [],
                sides: [String] = [], repetitions: Int = 1) {
        self.name = name
        self.instruction = instruction
        self.hold = hold
        self.positions = positions
        self.sides = sides
        self.repetitions = repetitions
    }
}

public struct ImportedPosition: Sendable, Equatable {
    public var name: String
    public var hold: Seconds

    public init(name: String, hold: Seconds) {
        self.name = name
        self.hold = hold
    }
}

extension ImportedRoutine {
    /// A routine file's name made from a title or a file's name, as `stretchcue play NAME`
    /// takes it: "Morning stretch (2)" is `morning-stretch-2`.
    public static func fileName(from text: String) -> String {
        var name = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        name = String(name.prefix(64))
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? "imported" : name
    }
}

/// Text from another app made fit for a routine: one line, spaces collapsed.
enum ImportedText {
    static func line(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline || $0 == "\u{FEFF}" }).joined(separator: " ")
    }

    /// A one-line text cut to what a routine takes, at the end of a sentence where there is
    /// one: nil when it fits.
    static func shortened(_ text: String, to limit: Int = RoutineDecoder.limits.textLength) -> String? {
        guard text.count > limit else { return nil }
        let head = String(text.prefix(limit))
        if let stop = head.range(of: ". ", options: .backwards), head.distance(from: head.startIndex, to: stop.lowerBound) >= limit / 3 {
            return String(head[..<stop.lowerBound]) + "."
        }
        let words = head.split(separator: " ").dropLast().joined(separator: " ")
        return (words.isEmpty ? String(head.prefix(limit - 3)) : String(words.prefix(limit - 3))) + "..."
    }
}
