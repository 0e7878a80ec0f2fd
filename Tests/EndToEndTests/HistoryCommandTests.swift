import Foundation
import Testing

/// `stretchcue history` and the file behind it, as a person (or a script) meets them: sessions
/// recorded as they end, a line torn by a kill, a damaged line, the table and `--json`.
@Suite("history: the sessions played, end to end")
struct HistoryCommandTests {
    let folder: URL
    let environment: [String: String]

    init() throws {
        folder = try Program.temporaryFolder()
        environment = ["XDG_STATE_HOME": folder.appendingPathComponent("state").path,
                       "XDG_RUNTIME_DIR": folder.path, "TZ": "UTC"]
    }

    var historyFile: URL { folder.appendingPathComponent("state/stretchcue/history.jsonl") }

    func run(_ arguments: [String], extra: [String: String] = [:]) throws -> Program.Result {
        try Program.run(arguments, environment: environment.merging(extra) { $1 }, timeout: 60)
    }

    func routine() throws -> String {
        try Program.write("""
            name: Short one
            lead_in: 0s
            outro: 0s
            defaults: {transition: 0s, hold: 1s, gap: 0s, breath: off}
            exercises:
              - name: One
              - name: Two
            """, to: "short.yaml", in: folder)
    }

    /// The `--json` document.
    func document(extra: [String: String] = [:]) throws -> (json: [String: Any], stderr: String) {
        let result = try run(["history", "--json"], extra: extra)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (json, result.stderr)
    }

    /// Two sessions of long ago, written as the program writes them.
    static let oldSessions = """
        {"began":"2024-01-01T07:05:00Z","completed":true,"done":13,"ended":"2024-01-01T07:21:10Z","of":13,"path":"/r/lower-back.yaml","routine":"Lower back release","seconds":965}
        {"began":"2024-01-02T21:30:00Z","completed":false,"done":2,"ended":"2024-01-02T21:34:00Z","of":9,"path":"/r/evening.yaml","routine":"Evening","seconds":190.5}

        """

    func writeHistory(_ text: String) throws {
        try FileManager.default.createDirectory(at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: historyFile)
    }

    @Test func aSessionPlayedIsRecordedAndListed() throws {
        let path = try routine()
        let played = try run(["play", path, "-D", "null", "--voice", "off"])
        #expect(played.status == 0, "\(played.stderr)")
        let (json, stderr) = try document()
        #expect(stderr.isEmpty)
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.count == 1)
        let session = sessions[0]
        #expect(session["routine"] as? String == "Short one")
        #expect(session["path"] as? String == path)
        #expect(session["completed"] as? Bool == true)
        #expect(session["done"] as? Int == 2 && session["of"] as? Int == 2)
        #expect((session["seconds"] as? Double ?? 0) >= 2, "\(session)")
        #expect(json["streak_days"] as? Int == 1 && json["played_today"] as? Bool == true)
        #expect(json["week_sessions"] as? Int == 1)
        #expect(json["skipped_lines"] as? [Int] == [])

        let listed = try run(["history"])
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("WHEN ") == true)
        #expect(lines[1].hasSuffix("2/2        completed  Short one"), "\(listed.stdout)")
        #expect(lines.last(where: { !$0.isEmpty })?.hasSuffix("streak: 1 day, today included") == true)
    }

    @Test func aLineTornByAKillIsPassedOverWithOneWarningAndTheNextSessionLandsWhole() throws {
        // What `kill -9` in the middle of a write leaves: a record cut short, no newline.
        try writeHistory(HistoryCommandTests.oldSessions + #"{"began":"2024-01-03T07:00:00Z","completed":tr"#)
        let played = try run(["play", try routine(), "-D", "null", "--voice", "off"])
        #expect(played.status == 0 && played.stderr.isEmpty, "recording never reads, so says nothing: \(played.stderr)")
        let (json, stderr) = try document()
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["routine"] as? String } == ["Lower back release", "Evening", "Short one"])
        #expect(json["skipped_lines"] as? [Int] == [3])
        #expect(stderr == "stretchcue: warning: \(historyFile.path): line 3 is not a session record (damaged, or cut short when a session was killed); passed over\n")
        let text = try String(contentsOf: historyFile, encoding: .utf8)
        #expect(text.hasSuffix("}\n") && text.split(separator: "\n").count == 4, "the new record is a line of its own")
    }

    @Test func damagedAndForeignLinesArePassedOverWithOneWarningForAll() throws {
        try writeHistory(#"{"event":"end","text":"not ours"}"# + "\nnot json at all\n" + HistoryCommandTests.oldSessions + "\u{00}\u{FF}\n")
        let result = try run(["history"])
        #expect(result.status == 0)
        #expect(result.stderr == "stretchcue: warning: \(historyFile.path): 3 lines (1, 2, 5) are not a session record (damaged, or cut short when a session was killed); passed over\n")
        #expect(result.stdout == """
            WHEN                  PLAYED  EXERCISES  ENDED      ROUTINE
            Mon 2024-01-01 07:05  16:05   13/13      completed  Lower back release
            Tue 2024-01-02 21:30  03:11   2/9        stopped    Evening

            this week: nothing yet; streak: none; a session today starts one

            """)
    }

    @Test func timesAreOnThePersonsClock() throws {
        try writeHistory(HistoryCommandTests.oldSessions)
        let result = try run(["history"], extra: ["TZ": "Asia/Tokyo"])
        #expect(result.stdout.contains("Mon 2024-01-01 16:05  16:05"))
        #expect(result.stdout.contains("Wed 2024-01-03 06:30  03:11"), "after midnight in Tokyo: the next day")
    }

    @Test func theJSONHasEverySessionAndTheFigures() throws {
        try writeHistory(HistoryCommandTests.oldSessions)
        let (json, stderr) = try document()
        #expect(stderr.isEmpty)
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.count == 2)
        #expect(sessions[1]["began"] as? String == "2024-01-02T21:30:00Z")
        #expect(sessions[1]["ended"] as? String == "2024-01-02T21:34:00Z")
        #expect(sessions[1]["seconds"] as? Double == 190.5)
        #expect(sessions[1]["completed"] as? Bool == false)
        #expect(json["streak_days"] as? Int == 0 && json["played_today"] as? Bool == false)
        #expect(json["week_seconds"] as? Double == 0 && json["week_sessions"] as? Int == 0)
        let weekStarts = try #require(json["week_starts"] as? String)
        #expect(weekStarts.count == 10 && weekStarts.hasPrefix("20"))
    }

    @Test func noHistoryYetIsSaidPlainly() throws {
        let result = try run(["history"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout == "no sessions yet: each one you play is recorded here\n")
        let (json, _) = try document()
        #expect((json["sessions"] as? [Any])?.isEmpty == true && json["streak_days"] as? Int == 0)
    }

    @Test func onlyTheLastSessionsAreListedUnlessAllAreAskedFor() throws {
        let line = #"{"began":"2024-01-01T07:05:00Z","completed":true,"done":1,"ended":"2024-01-01T07:06:00Z","of":1,"routine":"R","seconds":60}"#
        try writeHistory(String(repeating: line + "\n", count: 25))
        let recent = try run(["history"])
        #expect(recent.stdout.hasPrefix("(5 earlier sessions; --all shows them)\nWHEN"))
        #expect(recent.stdout.split(separator: "\n").filter { $0.hasPrefix("Mon ") }.count == 20)
        let all = try run(["history", "--all"])
        #expect(all.stdout.split(separator: "\n").filter { $0.hasPrefix("Mon ") }.count == 25)
    }

    @Test func aHistoryThatCannotBeReadIsOneLine() throws {
        try FileManager.default.createDirectory(at: historyFile, withIntermediateDirectories: true)
        let result = try run(["history"])
        #expect(result.status == 1)
        #expect(result.stderr == "stretchcue: \(historyFile.path): cannot read the history (Is a directory)\n")
    }

    // MARK: A session killed with kill -9

    /// Four exercises of 5 min: on the null device, which does not pace, seconds of work.
    func longRoutine() throws -> String {
        try Program.write("""
            name: Killed
            lead_in: 0.5s
            defaults: {transition: 1s, hold: 5 min, gap: 0.5s, breath: off}
            exercises:
              - name: One
              - name: Two
              - name: Three
              - name: Four
            """, to: "killed.yaml", in: folder)
    }

    var savedPlace: URL { folder.appendingPathComponent("state/stretchcue/progress.json") }

    /// `play` paused once its place is saved (the pause saves it again, with the time heard),
    /// then killed with SIGKILL; returns the seconds it had played.
    func playPauseAndKill(_ path: String) throws -> Double {
        let process = Process()
        process.executableURL = Program.binary
        process.arguments = ["play", path, "-D", "null", "--voice", "off"]
        process.environment = Program.environment(environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(eventually(within: 30) { FileManager.default.fileExists(atPath: savedPlace.path) })
        #expect(try run(["ctl", "pause"]).status == 0)
        var elapsed = 0.0
        #expect(eventually(within: 10) {
            let status = try? JSONSerialization.jsonObject(with: Data(((try? run(["ctl", "status", "--json"]))?.stdout ?? "").utf8))
            guard let status = status as? [String: Any], status["state"] as? String == "paused" else { return false }
            elapsed = status["elapsed"] as? Double ?? 0
            return true
        })
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "killed, not finished")
        return elapsed
    }

    @Test func aKilledSessionIsRecordedAsStoppedByTheNextOnce() throws {
        try writeHistory("a damaged line\n")
        let killed = try longRoutine()
        let elapsed = try playPauseAndKill(killed)
        #expect((try document().json["sessions"] as? [Any])?.isEmpty == true, "nothing recorded as it was killed")
        #expect(try String(contentsOf: savedPlace, encoding: .utf8).contains("unrecorded"))

        let next = try run(["play", try routine(), "-D", "null", "--voice", "off"])
        #expect(next.status == 0)
        #expect(next.stderr.range(of: #"^stretchcue: the session of Killed begun \w{3} \d{4}-\d\d-\d\d \d\d:\d\d was cut off before it could be recorded; recorded as stopped after \d\d:\d\d\n$"#,
                                  options: .regularExpression) != nil, "said once, and no word of the damaged line: \(next.stderr)")
        var sessions = try #require(try document().json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["routine"] as? String } == ["Killed", "Short one"])
        let recorded = sessions[0]
        #expect(recorded["completed"] as? Bool == false && recorded["of"] as? Int == 4 && recorded["path"] as? String == killed)
        #expect(recorded["done"] as? Int == 0, "killed during its first exercise: \(recorded)")
        // Heard as of the pause's save: what the player had reported by then, never more than it played.
        let heard = recorded["seconds"] as? Double ?? 0
        #expect(heard > 0 && heard <= elapsed + 0.5, "heard up to the pause: \(recorded), \(elapsed)")
        let place = try String(contentsOf: savedPlace, encoding: .utf8)
        #expect(place.contains("\"One\"") && !place.contains("unrecorded"), "its place stays for --resume, unmarked")

        // Once: the next session finds nothing more to record.
        let again = try run(["play", try routine(), "-D", "null", "--voice", "off"])
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        sessions = try #require(try document().json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["routine"] as? String } == ["Killed", "Short one", "Short one"])
    }

    /// Only `history`, which reads the file for a person, speaks of damaged lines: a session
    /// that asks whether a routine was played before, or records itself, says nothing of them.
    @Test func onlyHistoryWarnsOfDamagedLines() throws {
        try writeHistory("a damaged line\n")
        let path = try routine()
        for _ in 0..<2 {
            let played = try run(["play", path, "-D", "null", "--voice", "off", "--guidance", "brief"])
            #expect(played.status == 0 && played.stderr.isEmpty, "\(played.stderr)")
        }
        let server = Process()
        server.executableURL = Program.binary
        server.arguments = ["serve", "-D", "null"]
        server.environment = Program.environment(environment)
        let log = Pipe()
        server.standardOutput = FileHandle.nullDevice
        server.standardError = log
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        for _ in 0..<2 {
            #expect(eventually(within: 20) { (try? run(["ctl", "start", path, "-D", "null", "--voice", "off", "--guidance", "brief"]))?.status == 0 })
            #expect(eventually(within: 20) { (try? run(["ctl", "status", "--json"]))?.stdout == "{\"state\":\"idle\"}\n" })
        }
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let served = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(served.contains("session complete") && !served.contains("not a session record"), "\(served)")
        #expect((try document().json["sessions"] as? [Any])?.count == 4)
        #expect(try run(["history"]).stderr.contains("line 1 is not a session record"))
    }
}
