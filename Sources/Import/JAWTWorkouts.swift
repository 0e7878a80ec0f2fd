import Routine

/// Just Another Workout Timer's exports, read from their JSON: one workout, as the app shares
/// it (`{"title": ..., "sets": [...], "version": 2, "position": 0}`), or a backup of them all
/// (`{"workouts": [...]}`). A workout is a list of sets; a set repeats its list of exercises
/// `repetitions` times over; an exercise has a name and a `duration` in whole seconds, and the
/// app goes straight on from one to the next.
///
/// In a routine each exercise's time is its hold. A set of one exercise becomes that exercise
/// with `repetitions`; a set of several is written out round after round, as the app plays it.
public enum JAWTWorkouts {
    public static func read(_ root: JSONNode) throws(ImportError) -> [ImportedRoutine] {
        guard case .object = root.value else {
            throw ImportError("not a \(ImportedRoutine.Source.jawt.rawValue) export: expected an object ({...}), not \(root.kind)",
                              at: root.place)
        }
        if let list = root["workouts"] {
            let workouts = try array(list, "'workouts'")
            guard !workouts.isEmpty else { throw ImportError("'workouts' is empty: the backup has no workout to import", at: list.place) }
            // What the backup itself holds goes in every routine's notes; a workout's, in its own.
            var backup = Reader()
            backup.unknown(in: root, known: ["workouts"], where: "the backup")
            var routines: [ImportedRoutine] = []
            var empty: [String] = []
            for node in workouts {
                var reader = Reader()
                if var routine = try reader.workout(node) {
                    routine.notes = reader.notes + routine.notes
                    routines.append(routine)
                } else {
                    empty.append(try title(of: node))
                }
            }
            guard !routines.isEmpty else { throw ImportError("no workout in the backup has an exercise", at: list.place) }
            if !empty.isEmpty { backup.note("workouts with no exercises: " + empty.map { "\"\($0)\"" }.joined(separator: ", ")) }
            return routines.map { routine in
                var routine = routine
                routine.notes = backup.notes + routine.notes
                return routine
            }
        }
        guard root["title"] != nil || root["sets"] != nil else {
            throw ImportError("not a \(ImportedRoutine.Source.jawt.rawValue) export: it has neither 'workouts' (a backup) "
                              + "nor 'title' and 'sets' (one workout)", at: root.place)
        }
        var reader = Reader()
        guard var routine = try reader.workout(root) else {
            throw ImportError("the workout \"\(try title(of: root))\" has no exercises", at: root["sets"]?.place ?? root.place)
        }
        routine.notes = reader.notes + routine.notes
        return [routine]
    }

    /// A workout's title, as the app shows it ("Workout" when it has none).
    static func title(of node: JSONNode) throws(ImportError) -> String {
        guard let field = node["title"] else {
            throw ImportError("a workout needs a 'title'", at: node.place)
        }
        let text = ImportedText.line(try string(field, "'title'"))
        return text.isEmpty ? "Workout" : text
    }

    /// Reads workouts, gathering what has no place in a routine.
    struct Reader {
        var notes: [String] = []
        private var noted = Set<String>()

        mutating func note(_ text: String) {
            if noted.insert(text).inserted { notes.append(text) }
        }

        /// Keys the app does not write (another version's, or added by hand) are named in the notes.
        mutating func unknown(in node: JSONNode, known: Set<String>, where place: String) {
            guard case .object(let members) = node.value else { return }
            for member in members where !known.contains(member.key) {
                note("'\(member.key)' in \(place) (StretchCue has no such setting)")
            }
        }

        /// The routine of one workout; nil when it has no exercise at all.
        mutating func workout(_ node: JSONNode) throws(ImportError) -> ImportedRoutine? {
            guard case .object = node.value else {
                throw ImportError("a workout must be an object ({...}), not \(node.kind)", at: node.place)
            }
            let name = try title(of: node)
            unknown(in: node, known: ["title", "sets", "version", "position"], where: "a workout")
            guard let setsNode = node["sets"] else { throw ImportError("the workout \"\(name)\" has no 'sets'", at: node.place) }
            var exercises: [ImportedExercise] = []
            var setNames: [String] = []
            for set in try array(setsNode, "'sets'") {
                guard case .object = set.value else { throw ImportError("a set must be an object ({...}), not \(set.kind)", at: set.place) }
                unknown(in: set, known: ["repetitions", "exercises", "id", "name"], where: "a set")
                if let label = set["name"], case .string(let text) = label.value, !ImportedText.line(text).isEmpty {
                    setNames.append(ImportedText.line(text))
                }
                guard let repetitionsNode = set["repetitions"] else { throw ImportError("a set needs 'repetitions'", at: set.place) }
                let repetitions = try wholeNumber(repetitionsNode, "'repetitions'", atLeast: 1)
                guard let listNode = set["exercises"] else { throw ImportError("a set needs 'exercises'", at: set.place) }
                var round: [ImportedExercise] = []
                for item in try array(listNode, "'exercises'") {
                    round.append(try exercise(item, number: exercises.count + round.count + 1))
                }
                let limit = RoutineDecoder.limits.exercises
                if round.count == 1 {
                    guard RoutineDecoder.limits.repetitions.contains(repetitions) else {
                        throw ImportError("'repetitions' of \(repetitions) is more than a routine's \(RoutineDecoder.limits.repetitions.upperBound)",
                                          at: repetitionsNode.place)
                    }
                    round[0].repetitions = repetitions
                } else if repetitions > 1 {
                    guard exercises.count + round.count * repetitions <= limit else {
                        throw ImportError("the workout \"\(name)\" is more than \(limit) exercises once its sets are played round "
                                          + "after round, and a routine holds at most \(limit)", at: repetitionsNode.place)
                    }
                    round = Array([[ImportedExercise]](repeating: round, count: repetitions).joined())
                }
                guard exercises.count + round.count <= limit else {
                    throw ImportError("the workout \"\(name)\" has more than \(limit) exercises; a routine holds at most \(limit)",
                                      at: listNode.place)
                }
                exercises += round
            }
            guard !exercises.isEmpty else { return nil }
            let notes = setNames.isEmpty ? [] : ["the names of its sets (" + setNames.map { "\"\($0)\"" }.joined(separator: ", ")
                                                 + "): a routine is one list of exercises"]
            return ImportedRoutine(name: try fitted(name, at: node["title"]?.place ?? node.place), source: .jawt,
                                   exercises: exercises, notes: notes)
        }

        mutating func exercise(_ node: JSONNode, number: Int) throws(ImportError) -> ImportedExercise {
            guard case .object = node.value else {
                throw ImportError("an exercise must be an object ({...}), not \(node.kind)", at: node.place)
            }
            unknown(in: node, known: ["name", "duration", "id"], where: "an exercise")
            guard let nameNode = node["name"] else { throw ImportError("an exercise needs a 'name'", at: node.place) }
            var name = ImportedText.line(try string(nameNode, "'name'"))
            if name.isEmpty { name = "Exercise \(number)" }
            guard let durationNode = node["duration"] else { throw ImportError("the exercise \"\(name)\" has no 'duration'", at: node.place) }
            let seconds = try wholeNumber(durationNode, "'duration'", atLeast: 1)
            let hold = Seconds(Int64(seconds))
            guard RoutineDecoder.limits.hold.contains(hold) else {
                throw ImportError("the exercise \"\(name)\" lasts \(DurationText.format(hold)); a hold lasts at most "
                                  + DurationText.format(RoutineDecoder.limits.hold.upperBound), at: durationNode.place)
            }
            return ImportedExercise(name: try fitted(name, at: nameNode.place), hold: hold)
        }

        private func fitted(_ name: String, at place: Place) throws(ImportError) -> String {
            let limit = RoutineDecoder.limits.textLength
            guard name.count <= limit else { throw ImportError("a name of \(name.count) characters; a routine takes at most \(limit)", at: place) }
            return name
        }
    }

    static func array(_ node: JSONNode, _ what: String) throws(ImportError) -> [JSONNode] {
        guard case .array(let items) = node.value else { throw ImportError("\(what) must be a list ([...]), not \(node.kind)", at: node.place) }
        return items
    }

    static func string(_ node: JSONNode, _ what: String) throws(ImportError) -> String {
        guard case .string(let text) = node.value else { throw ImportError("\(what) must be text in quotes, not \(node.kind)", at: node.place) }
        return text
    }

    static func wholeNumber(_ node: JSONNode, _ what: String, atLeast least: Int) throws(ImportError) -> Int {
        guard case .number(let value) = node.value, value.isFinite, value == value.rounded(), abs(value) < 1e9 else {
            throw ImportError("\(what) must be a whole number, not \(node.describedValue)", at: node.place)
        }
        guard Int(value) >= least else { throw ImportError("\(what) must be at least \(least), not \(Int(value))", at: node.place) }
        return Int(value)
    }
}

extension JSONNode {
    /// The value as a message quotes it.
    var describedValue: String {
        switch value {
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? "\(Int64(number))" : "\(number)"
        case .string(let text): "\"\(text.prefix(40))\""
        case .bool(let flag): "\(flag)"
        default: kind
        }
    }
}
