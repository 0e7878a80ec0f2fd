import Foundation
import Routine
import Session
import Testing

@Suite("where --resume goes on, whatever the saved place says")
struct ResumePlanTests {
    let routine = Sample.routine()
    let location = "/state/stretchcue/progress.json"
    func exists(_ path: String) -> Bool { path == "/routines/sample.yaml" }

    @Test func nothingSaved() {
        #expect(throws: Failure.input("nothing to resume: no interrupted session is saved at \(location)")) {
            try ResumePlan.routine(of: SavedPlaces(), requested: nil, location: location, fileExists: exists)
        }
    }

    @Test func aNamedRoutineResumesItsOwnPlaceAndNoneGoesOnWithTheLatest() throws {
        var other = Sample.place(exercise: 1)
        other.routine = "/routines/long.yaml"
        let places = SavedPlaces([Sample.place(exercise: 2), other])
        let exists = { (path: String) in path.hasPrefix("/routines/") }
        #expect(try ResumePlan.routine(of: places, requested: nil, location: location, fileExists: exists) == other)
        #expect(try ResumePlan.routine(of: places, requested: "/routines/sample.yaml", location: location, fileExists: exists)
                == Sample.place(exercise: 2))
        #expect(throws: Failure.input("nothing to resume for quick: it was not interrupted (stretchcue play quick starts it)")) {
            try ResumePlan.routine(of: places, requested: "/routines/quick.yaml", requestedName: "quick", location: location,
                                   fileExists: exists)
        }
    }

    @Test func eachRoutineKeepsOnePlaceTheNewestLastAndOnlySoMany() {
        var places = SavedPlaces()
        for index in 0..<(SavedPlaces.limit + 5) {
            var place = Sample.place(exercise: index)
            place.routine = "/r\(index % (SavedPlaces.limit + 2)).yaml"
            places.keep(place)
        }
        #expect(places.places.count == SavedPlaces.limit)
        #expect(places.latest?.exercise == SavedPlaces.limit + 4)
        #expect(places.place(for: "/r0.yaml")?.exercise == SavedPlaces.limit + 2, "saved again: one place, the new one")
        #expect(places.place(for: "/r3.yaml") == nil, "the longest untouched went first")
        places.remove(routine: "/r0.yaml")
        #expect(places.place(for: "/r0.yaml") == nil && places.places.count == SavedPlaces.limit - 1)
    }

    @Test func theRoutineIsGone() {
        #expect(throws: Failure.input("cannot resume: the routine /routines/sample.yaml no longer exists")) {
            try ResumePlan.routine(of: SavedPlaces([Sample.place()]), requested: nil, location: location, fileExists: { _ in false })
        }
    }

    @Test func anUnchangedRoutineGoesOnAtTheSavedExercise() throws {
        let plan = try ResumePlan(place: Sample.place(exercise: 2), routine: routine, fingerprint: "abc", location: location)
        #expect(plan.exercise == 2)
        #expect(plan.notice == "resuming Sample at exercise 3 of 4 (E3)")
    }

    @Test func aChangedRoutineStartsTheExerciseAfreshOrItsLastOne() throws {
        let plan = try ResumePlan(place: Sample.place(exercise: 2), routine: routine, fingerprint: "edited", location: location)
        #expect(plan.exercise == 2)
        #expect(plan.notice == "the routine changed since it was interrupted; starting exercise 3 (E3) from its beginning")
        let shorter = try ResumePlan(place: Sample.place(exercise: 9), routine: routine, fingerprint: "edited", location: location)
        #expect(shorter.exercise == 3)
    }

    @Test(arguments: [-1, -1_000_000, Int.min, 4, Int.max])
    func nonsenseInTheSavedPlaceIsRefusedNotACrash(exercise: Int) {
        #expect(throws: Failure.self) {
            try ResumePlan(place: Sample.place(exercise: exercise), routine: routine, fingerprint: "abc", location: location)
        }
    }

    @Test func theRefusalSaysHowToStartAfresh() {
        do {
            _ = try ResumePlan(place: Sample.place(exercise: -3), routine: routine, fingerprint: "abc", location: location)
            Issue.record("a negative exercise was accepted")
        } catch {
            #expect(error.kind == .input)
            #expect(error.message == "\(location): the saved place is damaged (exercise index -3 in a routine of 4); remove the file to start afresh")
        }
    }
}
