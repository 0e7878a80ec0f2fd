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
              pause, resume, toggle   pause or go on; a soft chime marks each,
                                      and 1.5 s of quiet follows a resume
              next, prev              the next exercise, or back to the start
                                      of this one (or the one before, within 3 s)
              tempo PATTERN           breathe another pattern from the next breath
              status [--json]         where the session is
              stop                    fade out and end the session

            Examples:
              stretchcue ctl pause
              stretchcue ctl tempo 4-7-8
              stretchcue ctl status --json | jq .seconds_left

            Exit status: 0 done; 1 no player is running or it refused; 2 a bad command.
            """
    )

    @Argument(help: ArgumentHelp("pause, resume, toggle, next, prev, tempo, status or stop.", valueName: "command"))
    var command: String

    @Argument(help: ArgumentHelp("The breathing pattern, for tempo.", valueName: "pattern"))
    var pattern: String?

    @Flag(name: .long, help: "With status: print the reply as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The control socket, if not the default.", valueName: "path"))
    var socket: String?

    static let commands = ["pause", "resume", "toggle", "next", "prev", "tempo", "status", "stop"]

    func validate() throws {
        guard Ctl.commands.contains(command) else {
            throw ValidationError("unknown command '\(command)'; expected one of: \(Ctl.commands.joined(separator: ", "))")
        }
        if command == "tempo" {
            guard let pattern else { throw ValidationError("tempo needs a pattern, e.g. 'stretchcue ctl tempo 4-7-8'") }
            do {
                _ = try BreathPattern(parsing: pattern)
            } catch {
                throw ValidationError(error.description)
            }
        } else if pattern != nil {
            throw ValidationError("'\(command)' takes no argument")
        }
    }

    func run() throws {
        let path = socket ?? SocketAddress.defaultPath()
        let reply: String
        do {
            reply = try ControlClient.request([command, pattern].compactMap { $0 }.joined(separator: " "), at: path)
        } catch let error where error.code == ENOENT || error.code == ECONNREFUSED {
            throw Failure.system("no player is running (nothing answers at \(path))")
        } catch {
            throw Failure.system("cannot reach the player: \(error)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
            throw Failure.system("the player gave an unreadable reply: \(reply)")
        }
        guard object["ok"] as? Bool == true else {
            throw Failure.system("the player refused: \(object["error"] as? String ?? reply)")
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
