/// The words the program itself says, in one language: framing around the routine's own
/// names and instructions ("Next: ...", "Left side", "2 of 3", "Halfway", "Session complete").
///
/// A template's `{}` stands for a value, filled in order. To add a language, add a table here
/// with every phrase (a test checks that none is missing or left in English), and the espeak-ng
/// voice that speaks it; docs/languages.md says how.
public struct Phrases: Sendable, Hashable {
    /// ISO 639-1, as `lang:` and `--language` take it.
    public let language: String
    /// The espeak-ng voice that speaks it unless another is chosen.
    public let voice: String
    /// "Next: {}." before an exercise's name.
    public let next: String
    /// "{} first." before the first side.
    public let first: String
    /// "{} side" for a side named by one word not in `sides`.
    public let oneWordSide: String
    /// Sides a routine names in English (`both` gives right and left), as said in this language.
    public let sides: [String: String]
    /// "{} of {}." before each repetition after the first.
    public let repetition: String
    /// Said before the last repetition instead of its count.
    public let lastOne: String
    /// "Last side: {}." at the switch to the last of three or more sides.
    public let lastSide: String
    public let halfway: String
    public let complete: String

    public static let english = Phrases(
        language: "en", voice: "en-us", next: "Next: {}.", first: "{} first.", oneWordSide: "{} side", sides: [:],
        repetition: "{} of {}.", lastOne: "Last one.", lastSide: "Last side: {}.", halfway: "Halfway.",
        complete: "Session complete.")

    public static let german = Phrases(
        language: "de", voice: "de", next: "Als Nächstes: {}.", first: "Zuerst: {}.", oneWordSide: "{}",
        sides: ["right": "rechte Seite", "left": "linke Seite"],
        repetition: "{} von {}.", lastOne: "Letzte Wiederholung.", lastSide: "Letzte Seite: {}.", halfway: "Hälfte geschafft.",
        complete: "Training beendet.")

    public static let french = Phrases(
        language: "fr", voice: "fr", next: "Exercice suivant : {}.", first: "D'abord : {}.", oneWordSide: "{}",
        sides: ["right": "côté droit", "left": "côté gauche"],
        repetition: "{} sur {}.", lastOne: "Dernière répétition.", lastSide: "Dernier côté : {}.", halfway: "À mi-parcours.",
        complete: "Séance terminée.")

    public static let spanish = Phrases(
        language: "es", voice: "es", next: "Siguiente: {}.", first: "Primero: {}.", oneWordSide: "{}",
        sides: ["right": "lado derecho", "left": "lado izquierdo"],
        repetition: "{} de {}.", lastOne: "La última.", lastSide: "Último lado: {}.", halfway: "Vamos por la mitad.",
        complete: "Sesión terminada.")

    public static let all = [english, german, french, spanish]

    /// The table for a language code ("de", "de-AT", "fr_FR" all find German or French); nil
    /// for a language there is none for.
    public static func named(_ code: String) -> Phrases? {
        let base = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return all.first { $0.language == base }
    }

    /// Every phrase, for checks that a table is whole.
    public var every: [String] {
        [next, first, oneWordSide, repetition, lastOne, lastSide, halfway, complete] + sides.values.sorted()
    }

    /// How a side is said: a known side in this language, "left side" for another one-word
    /// side, else its own name. A line that starts with it gets its capital from the guidance.
    public func side(_ name: String) -> String {
        sides[name.lowercased()] ?? (name.split(separator: " ").count == 1 ? fill(oneWordSide, name) : name)
    }

    /// `template` with each `{}` replaced by the next of `values`.
    public func fill(_ template: String, _ values: String...) -> String {
        var result = ""
        var rest = Substring(template)
        var remaining = values[...]
        while let range = rest.firstRange(of: "{}"), let value = remaining.popFirst() {
            result += rest[..<range.lowerBound] + value
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
