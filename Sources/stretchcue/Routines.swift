import ArgumentParser
import Config
import Foundation
import Paths
import Routine
import Session
import Storage

struct Routines: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the routines you can play by name: yours and the bundled ones.",
        discussion: """
            Yours are the YAML files in the routines folder (~/.local/share/stretchcue/routines, \
            or the config file's `routines`); the bundled ones follow, unless one of yours has \
            the same name. Play one with stretchcue play NAME. The length is at the routine's \
            own breathing tempo, before the voice (which can lengthen pauses).

            Examples:
              stretchcue routines
              stretchcue new morning      a starter routine of your own to edit
              stretchcue routines --json
            """
    )

    @Flag(name: .long, help: "Print a JSON list instead of a table: name, path, bundled, title, exercises, seconds (or error).")
    var json = false

    func run() throws {
        let settings = try ConfigFile.settings(Config())
        let catalog = RoutineCatalog(settings: settings)
        if json {
            print(try Routines.json(catalog.entries))
            return
        }
        guard !catalog.entries.isEmpty else {
            print("no routines in \(settings.routines.value); stretchcue new NAME writes one to start from")
            return
        }
        let home = Paths().home
        var rows = [["NAME", "EXERCISES", "LENGTH", "ROUTINE", "WHERE"]]
        for entry in catalog.entries {
            let folder = (entry.path as NSString).deletingLastPathComponent
            let place = entry.bundled ? "bundled" : folder.hasPrefix(home + "/") ? "~" + folder.dropFirst(home.count) : folder
            switch entry.content {
            case .success(let summary):
                rows.append([entry.name, "\(summary.exercises)", Clock.length(seconds: summary.length.doubleValue),
                             summary.title, place])
            case .failure:
                rows.append([entry.name, "-", "-", "has problems: stretchcue check \(entry.name)", place])
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, text in
                column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// One routine for scripts; `error` instead of the summary when it cannot be played.
    struct Listed: Encodable {
        let name: String
        let path: String
        let bundled: Bool
        var title: String?
        var exercises: Int?
        var seconds: Double?
        var error: String?

        init(_ entry: RoutineCatalog.Entry) {
            name = entry.name
            path = entry.path
            bundled = entry.bundled
            switch entry.content {
            case .success(let summary):
                title = summary.title
                exercises = summary.exercises
                seconds = summary.length.doubleValue
            case .failure(let failure):
                error = failure.message
            }
        }
    }

    static func json(_ entries: [RoutineCatalog.Entry]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries.map(Listed.init)), as: UTF8.self)
    }
}
