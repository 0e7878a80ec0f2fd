import Foundation

/// Tells the formats apart by their first character and reads the file with the right one:
/// `{` is Just Another Workout Timer's JSON, `<` Workrave's XML.
public enum Importer {
    public enum Format: Sendable, Equatable {
        case jawt
        case workrave
    }

    /// The routines in a file's bytes (several for a backup of many workouts); `file` is its
    /// name, which names a routine that has no title of its own.
    public static func read(_ bytes: [UInt8], file: String, language: String? = nil) throws(ImportError) -> [ImportedRoutine] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // XML may declare another encoding; its reader says where the bytes go wrong if not.
            if firstCharacter(of: String(decoding: bytes, as: UTF8.self)) == "<" {
                return [try WorkraveExercises.read(bytes, name: routineName(file: file), language: language)]
            }
            throw ImportError("the file is not UTF-8 text", at: .start)
        }
        switch firstCharacter(of: text) {
        case "{", "[":
            return try JAWTWorkouts.read(try JSONReader.read(text))
        case "<":
            return [try WorkraveExercises.read(bytes, name: routineName(file: file), language: language)]
        case nil:
            throw ImportError("the file is empty", at: .start)
        default:
            throw ImportError("neither a Just Another Workout Timer export (JSON) nor a Workrave exercises file (XML)",
                              at: place(ofFirstCharacterIn: text))
        }
    }

    /// A routine's name made from a file's: `exercises.xml`, Workrave's own, is "Workrave exercises".
    static func routineName(file: String) -> String {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let words = ImportedText.line(stem.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " "))
        if words.lowercased() == "exercises" || words.isEmpty { return "Workrave exercises" }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    private static func firstCharacter(of text: String) -> Character? {
        text.first { !$0.isWhitespace && $0 != "\u{FEFF}" }
    }

    private static func place(ofFirstCharacterIn text: String) -> Place {
        var line = 1, column = 1
        for character in text {
            if !character.isWhitespace && character != "\u{FEFF}" { break }
            if character.isNewline { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return Place(line: line, column: column)
    }
}
