import Foundation

/// Finds the files that ship with StretchCue: the bundled routine and the cue sounds.
///
/// They sit beside the program in the source tree (`.build/release/stretchcue` with `Sounds/`
/// three or four folders up) or under `share/stretchcue` of an installed prefix; the
/// environment variable `STRETCHCUE_DATA` overrides both.
public enum Installation {
    public static let defaultRoutine = "Routines/lower-back.yaml"

    public static var dataDirectory: String? {
        if let explicit = ProcessInfo.processInfo.environment["STRETCHCUE_DATA"], !explicit.isEmpty {
            return explicit
        }
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: program).deletingLastPathComponent()
        for _ in 0..<5 {
            for candidate in [folder, folder.appendingPathComponent("share/stretchcue")]
            where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Sounds").path) {
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

    /// The program was moved away from its data folder.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "cannot find StretchCue's data folder (Sounds/ and Routines/); set STRETCHCUE_DATA to it"
        }
    }
}
