import Import
import Routine
import Testing

@Suite("Just Another Workout Timer's exports: workouts, sets with repetitions, exercises with durations")
struct JAWTWorkoutsTests {
    func read(_ text: String) throws -> [ImportedRoutine] {
        try Importer.read(Array(text.utf8), file: "/x/export.json")
    }

    /// One workout as the app shares it (`version` 2, ids on sets and exercises).
    static let shared = """
        {"title": "Morning stretch", "version": 2, "position": 0, "sets": [
          {"id": "s1", "repetitions": 1, "exercises": [
            {"id": "e1", "name": "Neck rolls", "duration": 30},
            {"id": "e2", "name": "Shoulder circles", "duration": 20}]},
          {"id": "s2", "repetitions": 3, "exercises": [{"id": "e3", "name": "Forward fold", "duration": 45}]},
          {"id": "s3", "repetitions": 2, "exercises": [
            {"id": "e4", "name": "Cat and cow", "duration": 10},
            {"id": "e5", "name": "Rest", "duration": 5}]}]}
        """

    @Test func aSharedWorkoutBecomesOneRoutineHeldAsTheAppTimesIt() throws {
        let routines = try read(JAWTWorkoutsTests.shared)
        #expect(routines.count == 1)
        let routine = routines[0]
        #expect(routine.name == "Morning stretch" && routine.source == .jawt)
        #expect(routine.notes.isEmpty, "ids, version and position are the app's bookkeeping: \(routine.notes)")
        #expect(routine.exercises == [
            ImportedExercise(name: "Neck rolls", hold: Seconds(30)),
            ImportedExercise(name: "Shoulder circles", hold: Seconds(20)),
            // A set of one exercise: its repetitions.
            ImportedExercise(name: "Forward fold", hold: Seconds(45), repetitions: 3),
            // A set of several: round after round, as the app plays it.
            ImportedExercise(name: "Cat and cow", hold: Seconds(10)),
            ImportedExercise(name: "Rest", hold: Seconds(5)),
            ImportedExercise(name: "Cat and cow", hold: Seconds(10)),
            ImportedExercise(name: "Rest", hold: Seconds(5)),
        ])
    }

    @Test func aBackupBecomesARoutinePerWorkoutWithWhatWasLeftOutNamedWhereItBelongs() throws {
        let routines = try read("""
            {"workouts": [
              {"title": "Legs", "sets": [{"repetitions": 1, "name": "Warm-up", "exercises": [{"name": "Squat", "duration": 30}]}]},
              {"title": "Empty", "sets": [{"repetitions": 1, "exercises": []}]},
              {"title": "  Core\\nwork ", "colour": "red", "sets": [{"repetitions": 2, "exercises": [{"name": "", "duration": 40, "weight": 5}]}]}
            ], "exported": "today"}
            """)
        #expect(routines.map(\.name) == ["Legs", "Core work"], "names are one line")
        #expect(routines[0].notes == ["'exported' in the backup (StretchCue has no such setting)",
                                      "workouts with no exercises: \"Empty\"",
                                      "the names of its sets (\"Warm-up\"): a routine is one list of exercises"])
        #expect(routines[1].notes == ["'exported' in the backup (StretchCue has no such setting)",
                                      "workouts with no exercises: \"Empty\"",
                                      "'colour' in a workout (StretchCue has no such setting)",
                                      "'weight' in an exercise (StretchCue has no such setting)"])
        #expect(routines[1].exercises == [ImportedExercise(name: "Exercise 1", hold: Seconds(40), repetitions: 2)],
                "an exercise without a name is numbered")
    }

    @Test func anEmptyTitleIsTheAppsOwnWorkout() throws {
        #expect(try read(#"{"title": "", "sets": [{"repetitions": 1, "exercises": [{"name": "a", "duration": 1}]}]}"#)[0].name == "Workout")
    }

    @Test(arguments: [
        (#"[1, 2]"#, 1, 1, "not a Just Another Workout Timer export: expected an object ({...}), not a list"),
        (#"{"name": "x"}"#, 1, 1, "not a Just Another Workout Timer export: it has neither 'workouts' (a backup) nor 'title' and 'sets' (one workout)"),
        (#"{"workouts": {}}"#, 1, 14, "'workouts' must be a list ([...]), not an object"),
        (#"{"workouts": []}"#, 1, 14, "'workouts' is empty: the backup has no workout to import"),
        (#"{"workouts": [3]}"#, 1, 15, "a workout must be an object ({...}), not a number"),
        (#"{"workouts": [{"title": "a", "sets": []}]}"#, 1, 14, "no workout in the backup has an exercise"),
        (#"{"title": "a", "sets": []}"#, 1, 24, "the workout \"a\" has no exercises"),
        (#"{"sets": []}"#, 1, 1, "a workout needs a 'title'"),
        (#"{"title": 5, "sets": []}"#, 1, 11, "'title' must be text in quotes, not a number"),
        (#"{"title": "a"}"#, 1, 1, "the workout \"a\" has no 'sets'"),
        (#"{"title": "a", "sets": [[]]}"#, 1, 25, "a set must be an object ({...}), not a list"),
        (#"{"title": "a", "sets": [{"exercises": []}]}"#, 1, 25, "a set needs 'repetitions'"),
        (#"{"title": "a", "sets": [{"repetitions": 0, "exercises": []}]}"#, 1, 41, "'repetitions' must be at least 1, not 0"),
        (#"{"title": "a", "sets": [{"repetitions": "2", "exercises": []}]}"#, 1, 41, "'repetitions' must be a whole number, not \"2\""),
        (#"{"title": "a", "sets": [{"repetitions": 1}]}"#, 1, 25, "a set needs 'exercises'"),
        (#"{"title": "a", "sets": [{"repetitions": 1, "exercises": [{"duration": 3}]}]}"#, 1, 58, "an exercise needs a 'name'"),
        (#"{"title": "a", "sets": [{"repetitions": 1, "exercises": [{"name": "b"}]}]}"#, 1, 58, "the exercise \"b\" has no 'duration'"),
        (#"{"title": "a", "sets": [{"repetitions": 1, "exercises": [{"name": "b", "duration": 12.5}]}]}"#, 1, 84, "'duration' must be a whole number, not 12.5"),
        (#"{"title": "a", "sets": [{"repetitions": 1, "exercises": [{"name": "b", "duration": 0}]}]}"#, 1, 84, "'duration' must be at least 1, not 0"),
        (#"{"title": "a", "sets": [{"repetitions": 1, "exercises": [{"name": "b", "duration": 1801}]}]}"#, 1, 84, "the exercise \"b\" lasts 30 min 1 s; a hold lasts at most 30 min"),
        (#"{"title": "a", "sets": [{"repetitions": 101, "exercises": [{"name": "b", "duration": 1}]}]}"#, 1, 41, "'repetitions' of 101 is more than a routine's 100"),
        (#"{"title": "a", "sets": [{"repetitions": 101, "exercises": [{"name": "b", "duration": 1}, {"name": "c", "duration": 1}]}]}"#, 1, 41,
         "the workout \"a\" is more than 200 exercises once its sets are played round after round, and a routine holds at most 200"),
    ])
    func aFileThatIsNoExportSaysWhereAndWhy(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ImportError(message, at: Place(line: line, column: column))) { try read(text) }
    }

    @Test func twoHundredExercisesInOneListAreAsManyAsARoutineHolds() throws {
        let exercise = #"{"name": "e", "duration": 1}"#
        func workout(_ count: Int) -> String {
            #"{"title": "a", "sets": [{"repetitions": 1, "exercises": ["# + Array(repeating: exercise, count: count).joined(separator: ",") + "]}]}"
        }
        #expect(try read(workout(200))[0].exercises.count == 200)
        #expect(throws: ImportError("the workout \"a\" has more than 200 exercises; a routine holds at most 200", at: Place(line: 1, column: 57))) {
            try read(workout(201))
        }
    }
}
