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
            try ResumePlan.routine(of: nil, requested: nil, location: location, fileExists: exists)
        }
    }

    @Test func anotherRoutineNamedAsWell() {
        #expect(throws: Failure.input("--resume goes on with /routines/sample.yaml; leave out '/other.yaml'")) {
            try ResumePlan.routine(of: Sample.place(), requested: "/other.yaml", location: location, fileExists: exists)
        }
        let same = try? ResumePlan.routine(of: Sample.place(), requested: "/routines/sample.yaml", location: location,
                                           fileExists: exists)
        #expect(same == Sample.place())
    }

    @Test func theRoutineIsGone() {
        #expect(throws: Failure.input("cannot resume: the routine /routines/sample.yaml no longer exists")) {
            try ResumePlan.routine(of: Sample.place(), requested: nil, location: location, fileExists: { _ in false })
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
