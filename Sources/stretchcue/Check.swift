import ArgumentParser
import Preparation
import Routine
import Session
import Storage
import Timeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate routine files: silent when they are fine.",
        discussion: """
            Each problem prints as FILE:LINE:COLUMN: message, and the exit status is 2 if any \
            file has one. A routine also fails if it would last more than 24 hours.

            Examples:
              stretchcue check my-routine.yaml
              stretchcue check routines/*.yaml && echo all good
            """
    )

    @Argument(help: ArgumentHelp("Routine files to validate.", valueName: "routine"),
              completion: .file(extensions: ["yaml", "yml"]))
    var routines: [String]

    func validate() throws {
        guard !routines.isEmpty else { throw ValidationError("name at least one routine file to check") }
    }

    func run() throws {
        var failures: [Failure] = []
        for path in routines {
            do throws(Failure) {
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
