import Foundation
import Routine

/// Workrave's exercises file (`exercises.xml`, and the files people add beside it): under
/// `<exercises>`, each `<exercise>` has a `<title>` and a `<description>` (each possibly in
/// several languages, `xml:lang`) and a `<sequence duration="S">` of timed pictures,
/// `<image src="..." duration="D" [mirrorx="yes"]/>`, which Workrave shows in turn, round after
/// round, until the exercise's S seconds are up. A mirrored picture is the other side.
///
/// In a routine each step is a hold (a position, when a round has several); steps followed by
/// the same steps mirrored are the two sides; the rounds that fit in S are repetitions.
public enum WorkraveExercises {
    /// Workrave's own defaults: an exercise without a sequence lasts 15 s, a step 1 s.
    static let defaultDuration = 15
    static let defaultStep = 1

    /// `name` is the routine's name; `language` the one to take titles and descriptions in
    /// when the file has it (English otherwise, as Workrave does).
    public static func read(_ bytes: [UInt8], name: String, language: String? = nil) throws(ImportError) -> ImportedRoutine {
        let root = try XMLReader.read(bytes)
        guard root.name == "exercises" else {
            throw ImportError("not a Workrave exercises file: its first element is <\(root.name)>, not <exercises>", at: root.place)
        }
        var reader = Reader(language: language)
        var exercises: [ImportedExercise] = []
        for child in root.children {
            guard child.name == "exercise" else {
                reader.note("<\(child.name)> elements, which Workrave does not read either")
                continue
            }
            exercises.append(try reader.exercise(child))
        }
        guard !exercises.isEmpty else { throw ImportError("the file has no <exercise>", at: root.place) }
        let limit = RoutineDecoder.limits.exercises
        guard exercises.count <= limit else {
            throw ImportError("the file has \(exercises.count) exercises; a routine holds at most \(limit)", at: root.place)
        }
        return ImportedRoutine(name: name, source: .workrave, language: reader.spokenLanguage(), exercises: exercises,
                               notes: reader.finalNotes())
    }

    struct Reader {
        let language: String?
        var notes: [String] = []
        private var noted = Set<String>()
        private var pictures: [String] = []
        private var otherLanguages: [String] = []
        /// Whether a title or description was taken in the language asked for.
        private var tookAskedLanguage = false

        init(language: String?) {
            self.language = language
        }

        mutating func note(_ text: String) {
            if noted.insert(text).inserted { notes.append(text) }
        }

        /// The routine's `lang:`: the language asked for, when texts were taken in it and the
        /// voice has phrases for it; English needs none.
        func spokenLanguage() -> String? {
            guard tookAskedLanguage, let language, let phrases = Phrases.named(language), phrases.language != "en" else { return nil }
            return phrases.language
        }

        func finalNotes() -> [String] {
            var first: [String] = []
            if tookAskedLanguage, let language, Phrases.named(language) == nil {
                first.append("the voice's own words (\"Next\", \"Left side\") in \(language): it has phrases in "
                             + Phrases.all.map(\.language).joined(separator: ", ") + " only, so they stay English")
            }
            if !pictures.isEmpty { first.append("the pictures of the steps (\(WorkraveExercises.list(pictures)))") }
            if !otherLanguages.isEmpty {
                first.append("the titles and descriptions in other languages (\(WorkraveExercises.list(otherLanguages)))")
            }
            return first + notes
        }

        mutating func exercise(_ element: XMLReader.Element) throws(ImportError) -> ImportedExercise {
            let title = ImportedText.line(pick(element.children.filter { $0.name == "title" }) ?? "")
            guard !title.isEmpty else { throw ImportError("an <exercise> without a <title>", at: element.place) }
            let limit = RoutineDecoder.limits.textLength
            guard title.count <= limit else {
                throw ImportError("a <title> of \(title.count) characters; a routine takes at most \(limit)", at: element.place)
            }
            var instruction = pick(element.children.filter { $0.name == "description" }).map(ImportedText.line)
            if instruction?.isEmpty == true { instruction = nil }
            if let text = instruction, let short = ImportedText.shortened(text) {
                instruction = short
                note("the end of the description of \"\(title)\", past the \(limit) characters an instruction holds")
            }
            var duration = WorkraveExercises.defaultDuration
            var durationPlace = element.place
            var steps: [Step] = []
            for child in element.children {
                switch child.name {
                case "title", "description": break
                case "sequence":
                    // As Workrave reads it: the last sequence's duration, every sequence's pictures.
                    if child.attributes["duration"] != nil {
                        duration = try seconds(child, "duration")
                        durationPlace = child.place(of: "duration")
                    }
                    for image in child.children {
                        guard image.name == "image" else {
                            note("<\(image.name)> in a <sequence>, which Workrave does not read either")
                            continue
                        }
                        let length = image.attributes["duration"] == nil ? WorkraveExercises.defaultStep : try seconds(image, "duration")
                        _ = try hold(length, at: image.place(of: "duration"))
                        steps.append(Step(seconds: length, mirrored: image.attributes["mirrorx"] == "yes"))
                        if let source = image.attributes["src"], source != "none", !pictures.contains(source) { pictures.append(source) }
                    }
                default:
                    note("<\(child.name)> in an <exercise>, which Workrave does not read either")
                }
            }
            var exercise = ImportedExercise(name: title, instruction: instruction, hold: Seconds(Int64(duration)))
            try shape(&exercise, steps: steps, duration: duration, at: durationPlace)
            return exercise
        }

        struct Step {
            let seconds: Int
            let mirrored: Bool
        }

        /// The holds, sides and repetitions that play the steps as Workrave shows them.
        /// `place` is where the exercise's duration is written, for a hold too long.
        private mutating func shape(_ exercise: inout ImportedExercise, steps: [Step], duration: Int,
                                    at place: Place) throws(ImportError) {
            let title = exercise.name
            guard !steps.isEmpty else {
                exercise.hold = try hold(duration, at: place)
                return
            }
            let round = steps.reduce(0) { $0 + $1.seconds }
            var rounds = duration / round
            if rounds == 0 {
                rounds = 1
                note("\"\(title)\" stops after \(duration) s in Workrave, part of the way through its steps; here they play once whole (\(round) s)")
            } else if duration % round != 0 {
                note("\"\(title)\" lasts \(duration) s in Workrave, part of a round more than \(rounds); here \(rounds) whole round\(rounds == 1 ? "" : "s") (\(rounds * round) s)")
            }
            let most = RoutineDecoder.limits.repetitions.upperBound
            if rounds > most {
                note("\"\(title)\" has \(rounds) rounds in Workrave; here \(most), the most a routine repeats")
                rounds = most
            }
            exercise.repetitions = rounds

            // The same steps on one side and then mirrored on the other (either first) are two sides.
            let half = steps.count / 2
            let first = steps.prefix(half), second = steps.suffix(half)
            let sided = steps.count % 2 == 0 && half > 0 && Set(first.map(\.mirrored)).count == 1
                && Set(second.map(\.mirrored)).count == 1 && first.first?.mirrored != second.first?.mirrored
                && first.map(\.seconds) == second.map(\.seconds)
            var perSide = steps
            if sided {
                exercise.sides = ["right", "left"]
                perSide = Array(first)
                if rounds > 1 {
                    note("\"\(title)\": Workrave changes sides every round; here \(rounds == 2 ? "both" : "all \(rounds)") rounds are on one side, then on the other")
                }
            } else if steps.contains(where: \.mirrored) {
                note("\"\(title)\": its mirrored steps are not the same steps as on the first side, so they are positions named \"other side\", not sides")
            }
            if perSide.count == 1 {
                exercise.hold = try hold(perSide[0].seconds, at: place)
                return
            }
            guard perSide.count <= RoutineDecoder.limits.positions else {
                let total = perSide.reduce(0) { $0 + $1.seconds }
                note("\"\(title)\": its \(perSide.count) steps are one hold of \(total) s (a routine holds at most \(RoutineDecoder.limits.positions) positions)")
                exercise.hold = try hold(total, at: place)
                return
            }
            var positions: [ImportedPosition] = []
            for (index, step) in perSide.enumerated() {
                let name = "Step \(index + 1)" + (!sided && step.mirrored ? ", other side" : "")
                positions.append(ImportedPosition(name: name, hold: try hold(step.seconds, at: place)))
            }
            exercise.positions = positions
        }

        private func hold(_ seconds: Int, at place: Place) throws(ImportError) -> Seconds {
            let hold = Seconds(Int64(seconds))
            guard RoutineDecoder.limits.hold.contains(hold) else {
                throw ImportError("a hold of \(DurationText.format(hold)); a hold lasts at most "
                                  + DurationText.format(RoutineDecoder.limits.hold.upperBound), at: place)
            }
            return hold
        }

        /// A whole number of seconds over 0, as Workrave reads it.
        private func seconds(_ element: XMLReader.Element, _ attribute: String) throws(ImportError) -> Int {
            let text = (element.attributes[attribute] ?? "").trimmingCharacters(in: .whitespaces)
            guard let value = Int(text), value >= 1, value <= 86_400 else {
                throw ImportError("'\(attribute)' of <\(element.name)> must be a whole number of seconds from 1, not \"\(text.prefix(40))\"",
                                  at: element.place(of: attribute))
            }
            return value
        }

        /// The text in the language asked for, else English (or no language named), else the
        /// first; the languages left aside are remembered for the notes.
        private mutating func pick(_ elements: [XMLReader.Element]) -> String? {
            guard !elements.isEmpty else { return nil }
            let languages = elements.map { ($0.attributes["xml:lang"] ?? "").lowercased() }
            func base(_ code: String) -> String { String(code.prefix { $0 != "_" && $0 != "-" }) }
            func rank(_ code: String) -> Int {
                if let language = language?.lowercased() {
                    if code == language { return 0 }
                    if base(code) == base(language) { return 1 }
                }
                return code.isEmpty || base(code) == "en" ? 2 : 3
            }
            let chosen = languages.indices.min { rank(languages[$0]) < rank(languages[$1]) } ?? 0
            if rank(languages[chosen]) < 2 { tookAskedLanguage = true }
            // No language named is English, as Workrave reads it.
            let named = languages.map { $0.isEmpty ? "en" : $0 }
            for code in named where code != named[chosen] && !otherLanguages.contains(code) {
                otherLanguages.append(code)
            }
            return elements[chosen].text
        }
    }

    /// "a, b, c and 4 more".
    static func list(_ items: [String], shown: Int = 4) -> String {
        let head = items.prefix(shown).joined(separator: ", ")
        return items.count > shown ? "\(head) and \(items.count - shown) more" : head
    }
}
