import ArgumentParser
import Control
import Foundation
import Routine

struct Ctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Control the running player: pause, skip, change the tempo, ask where it is.",
        discussion: """
            Talks to the player over its control socket, \
            $XDG_RUNTIME_DIR/stretchcue/control (or /tmp/stretchcue-UID/control without a \
            runtime directory), which only your own user may use.

            Commands:
              start [ROUTINE]         start a session on a waiting `stretchcue serve`:
                                      a routine file, or a name in the routines folder
                                      (the config file's routine, else the bundled one);
                                      --breath PATTERN, --resume as for play
              pause, resume, toggle   pause or go on; a soft chime marks each,
                                      and 1.5 s of quiet follows a resume
              next, prev              the next exercise, or back to the start
                                      of this one (or the one before, within 3 s)
              tempo PATTERN           breathe another pattern from the next breath
              status [--json]         where the session is
              stop                    fade out and end the session

            Examples:
              stretchcue ctl start morning --breath 4-7-8
              stretchcue ctl pause
              stretchcue ctl tempo 4-7-8
              stretchcue ctl status --json | jq .seconds_left

            Exit status: 0 done; 1 no player is running or it refused; 2 a bad command \
            or routine.
            """
    )

    @Argument(help: ArgumentHelp("start, pause, resume, toggle, next, prev, tempo, status or stop.", valueName: "command"))
    var command: String

    @Argument(help: ArgumentHelp("The breathing pattern, for tempo; the routine, for start.", valueName: "pattern|routine"))
    var argument: String?

    @Option(name: .long, help: ArgumentHelp("With start: the breathing pattern.", valueName: "pattern"))
    var breath: String?

    @Flag(name: .long, help: "With start: go on from where the last session was interrupted.")
    var resume = false

    @Flag(name: .long, help: "With status: print the reply as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The control socket, if not the default.", valueName: "path"))
    var socket: String?

    static let commands = ["start", "pause", "resume", "toggle", "next", "prev", "tempo", "status", "stop"]

    func validate() throws {
        guard Ctl.commands.contains(command) else {
            throw ValidationError("unknown command '\(command)'; expected one of: \(Ctl.commands.joined(separator: ", "))")
        }
        if command != "start", breath != nil || resume {
            throw ValidationError("--breath and --resume go with start; for a running session use 'stretchcue ctl tempo PATTERN'")
        }
        if command == "tempo" {
            guard let argument else { throw ValidationError("tempo needs a pattern, e.g. 'stretchcue ctl tempo 4-7-8'") }
            try Ctl.checkPattern(argument)
        } else if let breath {
            try Ctl.checkPattern(breath)
        } else if argument != nil, command != "start" {
            throw ValidationError("'\(command)' takes no argument")
        }
    }

    private static func checkPattern(_ text: String) throws {
        do {
            _ = try BreathPattern(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The line sent to the player. A routine that is a file here goes by its absolute path,
    /// since the player may run in another folder; anything else is a name for it to look up.
    private var request: String {
        guard command == "start" else { return [command, argument].compactMap { $0 }.joined(separator: " ") }
        let routine = argument.map { given in
            FileManager.default.fileExists(atPath: given) ? URL(fileURLWithPath: given).standardizedFileURL.path : given
        }
        return StartRequest(routine: routine, breath: breath, resume: resume).line
    }

    func run() throws {
        let path = socket ?? SocketAddress.defaultPath()
        let reply: String
        do {
            // A start opens the device and speaks every line first: seconds on a small board.
            reply = try ControlClient.request(request, at: path, timeout: command == "start" ? 60_000 : 5_000)
        } catch let error where error.code == ENOENT || error.code == ECONNREFUSED {
            throw Failure.system("no player is running (nothing answers at \(path))")
        } catch {
            throw Failure.system("cannot reach the player: \(error)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
            throw Failure.system("the player gave an unreadable reply: \(reply)")
        }
        guard object["ok"] as? Bool == true else {
            let reason = object["error"] as? String ?? reply
            if object["input"] as? Bool == true { throw Failure.input(reason) }
            throw Failure.system("the player refused: \(reason)")
        }
        guard command == "status", let status = object["status"] as? [String: Any] else { return }
        if json {
            let data = try JSONSerialization.data(withJSONObject: status, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(Ctl.describe(status))
        }
    }

    static func describe(_ status: [String: Any]) -> String {
        if status["idle"] as? Bool == true { return "no session is playing; start one with stretchcue ctl start" }
        var lines: [String] = []
        if let index = status["exercise"] as? Int, let name = status["name"] as? String {
            lines.append("exercise \(index)/\(status["exercises"] as? Int ?? 0): \(name)")
        }
        if let side = status["side"] as? String { lines.append("side: \(side)") }
        let phase = status["phase"] as? String ?? "?"
        let left = status["seconds_left"] as? Double ?? 0
        lines.append("\(phase): \(Int(left.rounded(.up))) s left" + ((status["breath"] as? String).map { ", \($0)" } ?? ""))
        let elapsed = status["elapsed"] as? Double ?? 0, total = status["total"] as? Double ?? 0
        lines.append("elapsed \(Clock.format(seconds: elapsed)) of \(Clock.format(seconds: total))")
        lines.append("breathing \(status["tempo"] as? String ?? "?")" + ((status["paused"] as? Bool == true) ? " · paused" : ""))
        if status["waiting_for_device"] as? Bool == true { lines.append("waiting for the sound device to come back") }
        return lines.joined(separator: "\n")
    }
}
