import ArgumentParser
import Config
import Foundation
import Preparation
import Routine
import Session
import Storage
import Timeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate routine files: silent when they are fine.",
        discussion: """
            Each problem prints as FILE:LINE:COLUMN: message, every one in the file at once, \
            and the exit status is 2 if any routine has one. A routine also fails if it would \
            last more than 24 hours.

            Examples:
              stretchcue check my-routine.yaml
              stretchcue check morning
              stretchcue check routines/*.yaml && echo all good
            """
    )

    @Argument(help: ArgumentHelp("Routines to validate: files, or names as play takes them (stretchcue routines lists them).",
                                 valueName: "routine"),
              completion: .custom(SessionOptions.complete))
    var routines: [String]

    func validate() throws {
        guard !routines.isEmpty else { throw ValidationError("name at least one routine to check") }
    }

    func run() throws {
        let folders = try ConfigFile.settings(Config()).routineFolders
        var failures: [Failure] = []
        for given in routines {
            do throws(Failure) {
                let path = try ResolvedSettings.find(SessionOptions.reference(given), in: folders,
                                                     fileExists: FileManager.default.fileExists(atPath:))
                _ = try ResolvedSettings.compile(try RoutineFile.load(path), settings: Settings())
            } catch {
                failures.append(error)
            }
        }
        guard let last = failures.popLast() else { return }
        // Every file is checked; all problems but the last print here, the last on exit.
        for failure in failures { printError(failure.line) }
        throw last
    }
}
