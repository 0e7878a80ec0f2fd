import Routine

/// Where `--resume` goes on, decided from the saved place and the routine as it is now; or why
/// it cannot. A saved place is a file anyone can edit: nothing in it is trusted.
public struct ResumePlan: Sendable, Equatable {
    /// The exercise to start, from 0.
    public let exercise: Int
    /// What the person hears before it starts: where it picks up, and whether the routine changed.
    public let notice: String

    /// The place a resume goes on from: the named routine's (`requested`, an absolute path;
    /// `requestedName` as the person typed it), else the most recently interrupted one.
    public static func routine(of places: SavedPlaces, requested: String?, requestedName: String? = nil, location: String,
                               fileExists: (String) -> Bool) throws(Failure) -> SavedPlace {
        let found = requested.map { places.place(for: $0) } ?? places.latest
        guard let place = found else {
            if requested != nil {
                let name = requestedName ?? requested ?? ""
                throw .input("nothing to resume for \(name): it was not interrupted (stretchcue play \(name) starts it)")
            }
            throw .input("nothing to resume: no interrupted session is saved at \(location)")
        }
        if let path = place.routine, !fileExists(path) {
            throw .input("cannot resume: the routine \(path) no longer exists")
        }
        return place
    }

    /// Where in `routine`, whose file now has `fingerprint`, the saved place goes on. An edited
    /// routine starts the saved exercise from its beginning (the last one if it has fewer);
    /// a place that no routine of this shape could have is refused.
    public init(place: SavedPlace, routine: Routine, fingerprint: String, location: String) throws(Failure) {
        let count = routine.exercises.count
        let changed = place.fingerprint != fingerprint
        guard place.exercise >= 0, changed || place.exercise < count, count > 0 else {
            throw .input("\(location): the saved place is damaged (exercise index \(place.exercise) in a routine of \(count)); " +
                         "remove the file to start afresh")
        }
        exercise = min(place.exercise, count - 1)
        let name = routine.exercises[exercise].name
        notice = changed
            ? "the routine changed since it was interrupted; starting exercise \(exercise + 1) (\(name)) from its beginning"
            : "resuming \(routine.name) at exercise \(exercise + 1) of \(count) (\(name))"
    }
}
