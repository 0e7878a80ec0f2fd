import Foundation

/// Finds the files that ship with StretchCue: the bundled routine and the cue sounds.
///
/// They sit beside the program in the source tree (`.build/release/stretchcue` with `Sounds/`
/// three or four folders up) or under `share/stretchcue` of an installed prefix; the
/// environment variable `STRETCHCUE_DATA` overrides both.
enum Installation {
    static let defaultRoutine = "Routines/lower-back.yaml"

    static var dataDirectory: String? {
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

    static func path(_ relative: String) throws -> String {
        guard let folder = dataDirectory else {
            throw Failure.system("cannot find StretchCue's data folder (Sounds/ and Routines/); set STRETCHCUE_DATA to it")
        }
        return folder + "/" + relative
    }
}
