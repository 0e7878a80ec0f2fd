import Routine
import Storage

/// What the page offers to start: the routines the person can play by name (theirs, then the
/// bundled ones, as `stretchcue routines` lists them) and the breathing patterns.
public struct RemoteChoices: Encodable, Sendable, Equatable {
    public struct Routine: Encodable, Sendable, Equatable {
        /// What is sent back to start it.
        public let name: String
        /// How the page shows it: its title, exercises and length.
        public let label: String
    }

    public struct Pattern: Encodable, Sendable, Equatable {
        /// As `--breath` takes it; empty for each routine's own.
        public let value: String
        public let label: String
    }

    public let routines: [Routine]
    public let patterns: [Pattern]

    public init(routines: [Routine], patterns: [Pattern] = RemoteChoices.patterns) {
        self.routines = routines
        self.patterns = patterns
    }

    /// The playable routines of a catalog; one with problems is left out (the page cannot
    /// mend it).
    public init(catalog: RoutineCatalog) {
        let routines = catalog.entries.compactMap { entry -> Routine? in
            guard case .success(let summary) = entry.content else { return nil }
            let minutes = max(1, Int((summary.length.doubleValue / 60).rounded()))
            let exercises = summary.exercises == 1 ? "1 exercise" : "\(summary.exercises) exercises"
            return Routine(name: entry.name, label: "\(summary.title) (\(exercises), \(minutes) min)")
        }
        self.init(routines: routines)
    }

    /// The routine's own, the presets, and the plain tempos people ask for.
    public static let patterns: [Pattern] = [Pattern(value: "", label: "The routine's own")]
        + BreathPattern.presets.map { Pattern(value: $0.name, label: "\($0.name.capitalized) (\($0.meaning))") }
        + [Pattern(value: "6/min", label: "6 breaths a minute"), Pattern(value: "off", label: "No breath cues")]
}
