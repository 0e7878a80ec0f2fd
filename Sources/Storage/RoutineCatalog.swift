import Foundation
import Routine
import Session
import Timeline

/// Every routine a person can name: their own folder's, then the bundled ones that no routine of
/// theirs hides. What `stretchcue routines` lists and a remote offers.
public struct RoutineCatalog: Sendable {
    public struct Entry: Sendable {
        /// What a person types: the file's name without `.yaml`.
        public let name: String
        public let path: String
        /// Ships with the program (rather than the person's own).
        public let bundled: Bool
        /// What the file holds, or why it cannot be played.
        public let content: Result<Summary, Failure>
    }

    public struct Summary: Sendable {
        /// The routine's own `name:`.
        public let title: String
        public let exercises: Int
        /// At the routine's own tempo without the voice (speech can lengthen pauses).
        public let length: Seconds
    }

    public let entries: [Entry]

    public init(settings: ResolvedSettings) {
        entries = RoutineCatalog.named(settings).map { name, path, bundled in
            Entry(name: name, path: path, bundled: bundled, content: RoutineCatalog.summary(of: path))
        }
    }

    /// The names alone, without reading the files: what a shell completes.
    public static func names(_ settings: ResolvedSettings) -> [String] {
        named(settings).map(\.name)
    }

    private static func named(_ settings: ResolvedSettings) -> [(name: String, path: String, bundled: Bool)] {
        var seen = Set<String>()
        var found: [(name: String, path: String, bundled: Bool)] = []
        for folder in settings.routineFolders {
            for (name, path) in files(in: folder) where seen.insert(name).inserted {
                found.append((name, path, folder == settings.bundledRoutines))
            }
        }
        return found
    }

    /// `NAME.yaml` and `NAME.yml` in a folder, by name; a missing folder has none.
    static func files(in folder: String) -> [(name: String, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { file -> (String, String)? in
            guard !file.hasPrefix("."), let stem = [".yaml", ".yml"].lazy.compactMap({ file.hasSuffix($0) ? file.dropLast($0.count) : nil }).first
            else { return nil }
            return (String(stem), folder + "/" + file)
        }.sorted { $0.0 < $1.0 }
    }

    static func summary(of path: String) -> Result<Summary, Failure> {
        do throws(Failure) {
            let routine = try RoutineFile.load(path)
            let timeline = try ResolvedSettings.compile(routine, settings: Settings())
            return .success(Summary(title: routine.name, exercises: routine.exercises.count,
                                    length: Seconds(Int64(timeline.durationFrames), over: Int64(timeline.sampleRate))))
        } catch {
            return .failure(error)
        }
    }
}
