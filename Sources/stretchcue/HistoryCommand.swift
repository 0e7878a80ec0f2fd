import ArgumentParser
import Foundation
import History
import Session
import Storage

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the sessions you played, with the minutes this week and your streak of days.",
        discussion: """
            Every session that plays is recorded when it ends or is stopped, whether it \
            played in a terminal or through stretchcue serve: the routine, when, how long it \
            was heard (pauses not counted), how many exercises were done and whether it ran \
            to the end. The newest is last.

            This week runs Monday to Sunday. The streak counts the days in a row with a \
            session, up to today; a day not yet practised does not break it until the day is \
            over. Days are your computer's calendar days (its time zone, or TZ).

            Examples:
              stretchcue history
              stretchcue history --all
              stretchcue history --json | jq .streak_days

            The history is $XDG_STATE_HOME/stretchcue/history.jsonl (~/.local/state/...), a \
            line of JSON per session; a damaged line is passed over with a warning. Delete the \
            file to start afresh.
            """
    )

    /// Sessions shown without --all.
    static let recent = 20

    @Flag(name: .long, help: "Every session, not only the last \(HistoryCommand.recent).")
    var all = false

    @Flag(name: .long, help: "Print JSON: every session, week_seconds, week_sessions, week_starts, streak_days, played_today, skipped_lines.")
    var json = false

    func run() throws {
        let file = HistoryFile()
        let history = try file.load()
        if !history.skipped.isEmpty { printNotice(HistoryCommand.skippedWarning(history.skipped, in: file.location)) }
        let zone = TimeZone.current
        let practice = Practice(history.records, now: Date(), zone: zone)
        if json {
            print(try HistoryCommand.json(history, practice))
            return
        }
        guard !history.records.isEmpty else {
            print("no sessions yet: each one you play is recorded here")
            return
        }
        let shown = all ? history.records : Array(history.records.suffix(HistoryCommand.recent))
        if shown.count < history.records.count {
            let earlier = history.records.count - shown.count
            print("(\(earlier) earlier session\(earlier == 1 ? "" : "s"); --all shows them)")
        }
        print(HistoryCommand.table(shown, in: zone))
        print("")
        print(practice.text)
    }

    /// One warning for every line passed over, however many.
    static func skippedWarning(_ lines: [Int], in location: String) -> String {
        let numbers = lines.prefix(5).map(String.init).joined(separator: ", ") + (lines.count > 5 ? ", ..." : "")
        let what = lines.count == 1 ? "line \(numbers) is" : "\(lines.count) lines (\(numbers)) are"
        return "warning: \(location): \(what) not a session record (damaged, or cut short when a session was killed); passed over"
    }

    static func table(_ records: [SessionRecord], in zone: TimeZone) -> String {
        var rows = [["WHEN", "PLAYED", "EXERCISES", "ENDED", "ROUTINE"]]
        for record in records {
            rows.append([LocalTime.text(record.began, in: zone), Clock.length(seconds: record.seconds), "\(record.done)/\(record.of)",
                         record.completed ? "completed" : "stopped", record.routine])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    struct Document: Encodable {
        let sessions: [SessionRecord]
        let week_seconds: Double
        let week_sessions: Int
        let week_starts: String
        let streak_days: Int
        let played_today: Bool
        let skipped_lines: [Int]
    }

    static func json(_ history: HistoryLog.Contents, _ practice: Practice) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let document = Document(sessions: history.records, week_seconds: (practice.weekSeconds * 1000).rounded() / 1000,
                                week_sessions: practice.weekSessions, week_starts: practice.weekStart.description,
                                streak_days: practice.streak, played_today: practice.playedToday,
                                skipped_lines: history.skipped)
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
