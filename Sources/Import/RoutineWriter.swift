import Foundation
import Routine
import StrictYAML

/// An imported routine as a routine file: a comment that says where it came from and what did
/// not come with it, then plain YAML that `stretchcue check` accepts. Text is written plain
/// where YAML reads it back as the same text, else in double quotes with escapes.
public enum RoutineWriter {
    /// Comment lines are wrapped to this width.
    static let width = 96

    /// `file` is the name of the file it was read from, for the comment.
    public static func yaml(_ routine: ImportedRoutine, from file: String) -> String {
        var lines = header(routine, from: file)
        lines.append("name: \(scalar(routine.name))")
        if let language = routine.language { lines.append("lang: \(language)          # the voice's own words and voice follow it") }
        let pauses = Exercise(name: "")
        lines += [
            "defaults:",
            "  transition: \(pauses.transition)   # from the exercise chime to its hold: time to get into position",
            "  switch: \(pauses.switchTime)        # between the sides",
            "  rest: \(pauses.rest)          # between repetitions",
            "  gap: \(pauses.gap)           # after an exercise, before the next one's chime",
            "exercises:",
        ]
        for exercise in routine.exercises {
            lines.append("  - name: \(scalar(exercise.name))")
            if let instruction = exercise.instruction { lines.append("    instruction: \(scalar(instruction))") }
            if exercise.sides == ["right", "left"] {
                lines.append("    sides: both")
            } else if !exercise.sides.isEmpty {
                lines.append("    sides: [" + exercise.sides.map(scalar).joined(separator: ", ") + "]")
            }
            if exercise.positions.isEmpty {
                lines.append("    hold: \(exercise.hold)")
            }
            if exercise.repetitions > 1 { lines.append("    repetitions: \(exercise.repetitions)") }
            if !exercise.positions.isEmpty {
                lines.append("    positions:")
                for position in exercise.positions {
                    lines.append("      - name: \(scalar(position.name))")
                    lines.append("        hold: \(position.hold)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func header(_ routine: ImportedRoutine, from file: String) -> [String] {
        let file = ImportedText.line(file)
        var text: [String]
        switch routine.source {
        case .jawt:
            text = ["Imported by stretchcue import from \(file), a Just Another Workout Timer export.",
                    "Each exercise's time is its hold. That app goes straight on from one exercise to the next; "
                        + "StretchCue gives time to get into position and a pause after: the defaults below."]
        case .workrave:
            text = ["Imported by stretchcue import from \(file), Workrave's exercises.",
                    "Each step is a hold (a position, where a round has several); a mirrored step is the other side. "
                        + "Workrave goes straight on from step to step; StretchCue gives time to get into position, "
                        + "to change sides and between rounds: the defaults below."]
        }
        var lines = text.flatMap { wrap($0, first: "# ", rest: "# ") }
        if routine.notes.isEmpty {
            lines.append("# Everything in the file was carried over.")
        } else {
            lines.append("# Not carried over:")
            for note in routine.notes { lines += wrap(ImportedText.line(note), first: "# - ", rest: "#   ") }
        }
        lines.append("# stretchcue check this file after editing it; docs/routine-format.md describes every key.")
        return lines
    }

    /// Words to lines of at most `width` characters, where words allow.
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var empty = true
        for word in text.split(separator: " ") {
            if !empty, line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(line)
        return lines
    }

    /// Words YAML would read as something other than text.
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// Text as a YAML scalar that reads back as exactly that text.
    public static func scalar(_ text: String) -> String {
        plain(text) ? text : text.yamlQuoted
    }

    private static func plain(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter, let last = text.last, last.isLetter || last.isNumber || ".)!?".contains(last),
              !reserved.contains(text.lowercased()), Double(text) == nil else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || ".,;'()/-!?".contains($0) }
            && !text.contains("  ")
    }
}
