import Foundation

/// Finds the files that ship with StretchCue: the bundled routines and the cue sounds.
///
/// They sit beside the program in the source tree (`.build/release/stretchcue` with `sounds/`
/// three or four folders up) or under `share/stretchcue` of an installed prefix; the
/// environment variable `STRETCHCUE_DATA` overrides both.
public enum Installation {
    /// The routine a session plays when none is named, by its name among the bundled ones.
    public static let defaultRoutineName = "lower-back"
    public static let routines = "routines"
    public static let sounds = "sounds"

    public static var dataDirectory: String? {
        if let explicit = ProcessInfo.processInfo.environment["STRETCHCUE_DATA"], !explicit.isEmpty {
            return explicit
        }
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: program).deletingLastPathComponent()
        for _ in 0..<5 {
            for candidate in [folder, folder.appendingPathComponent("share/stretchcue")]
            where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(sounds).path) {
                return candidate.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    public static func path(_ relative: String) throws(Missing) -> String {
        guard let folder = dataDirectory else { throw Missing() }
        return folder + "/" + relative
    }

    /// The folder of the routines that ship with the program; nil when it cannot be found.
    public static var routinesFolder: String? { dataDirectory.map { $0 + "/" + routines } }

    /// The program was moved away from its data folder.
    public struct Missing: Error, CustomStringConvertible {
        public init() {}

        public var description: String {
            "cannot find StretchCue's data folder (sounds/ and routines/); set STRETCHCUE_DATA to it"
        }
    }
}
