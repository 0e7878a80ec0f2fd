import ArgumentParser
import Foundation
import Session
import Storage
import StrictYAML

@main
struct StretchCue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stretchcue",
        abstract: "Plays a guided stretching routine as sound, so you can follow it with your eyes closed.",
        discussion: """
            Chimes mark each new exercise, the start and end of every hold, side switches, \
            repetitions and your breathing, and a voice says what to do. With no routine \
            named, the bundled lower-back routine plays.

            Examples:
              stretchcue play                      the bundled routine, default device
              stretchcue play -D pulse --breath 4-7-8
              stretchcue routines                  the routines you can play by name
              stretchcue new morning               write a routine of your own to edit
              stretchcue import exercises.xml      a routine from another app's file
              stretchcue history                   the sessions you played, your streak
              stretchcue show                      read the timeline before you start
              stretchcue render -o session.flac    write the whole session to a file
              stretchcue devices                   the sound devices to play on
              stretchcue serve                     wait for `ctl start` (headless)

            Defaults go in ~/.config/stretchcue/config.yaml (stretchcue config --help). \
            man stretchcue has it all in one place.

            Exit status: 0 success; 1 the sound device, a sound file or the disk failed; \
            2 the input was wrong (a routine, a breathing pattern, an option); 130 stopped \
            with Ctrl-C (143 by SIGTERM).
            """,
        version: StretchCue.version,
        subcommands: [Play.self, Ctl.self, Show.self, Render.self, Check.self, Routines.self, New.self, ImportCommand.self,
                      HistoryCommand.self, ConfigCommand.self, Devices.self, Serve.self, Cache.self, VoiceCommand.self,
                      VoiceLines.self, RemoteCommand.self],
        defaultSubcommand: nil
    )

    /// The release; `scripts/package` names the package after it.
    static let version = "0.2.0"

    /// Bad input exits 2 whatever part of it was wrong (options included), so a script can tell
    /// "fix what you typed" from "the machine failed" (1).
    static func main() {
        Interruption.obeyByDefault()
        do {
            try checkCommandName()
            var command = try parseAsRoot()
            try command.run()
        } catch let interruption as Interruption {
            printError(interruption.description)
            Foundation.exit(interruption.status)
        } catch let failure as Failure {
            printError(failure.line)
            Foundation.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError("stretchcue: " + (VoiceOptions.message(amid: Array(CommandLine.arguments.dropFirst())) ?? message(for: error)))
                Foundation.exit(Failure.badInput)
            }
            exit(withError: error)
        }
    }

    /// The commands, as typed, with what each does.
    static var commands: [(name: String, abstract: String)] {
        names(of: configuration.subcommands)
    }

    static func names(of commands: [any ParsableCommand.Type]) -> [(name: String, abstract: String)] {
        commands.map { command in
            (command.configuration.commandName ?? String(describing: command).lowercased(), command.configuration.abstract)
        }
    }

    /// A mistyped command (or `ctl` verb) gets a guess, not "Unexpected argument".
    static func checkCommandName() throws(Failure) {
        let arguments = Array(CommandLine.arguments.dropFirst())
        try check(arguments.first, among: commands.map(\.name) + ["help"], what: "command")
        if arguments.first == "ctl" {
            let verbs = Ctl.configuration.subcommands.flatMap { [$0.configuration.commandName ?? String(describing: $0).lowercased()]
                + $0.configuration.aliases }
            try check(arguments.dropFirst().first, among: verbs + ["help"], what: "ctl command")
        }
    }

    private static func check(_ word: String?, among names: [String], what: String) throws(Failure) {
        guard let word, !word.hasPrefix("-"), !names.contains(word) else { return }
        if let guess = KeySuggestion.closest(to: word, among: names) {
            throw .input("unknown \(what) '\(word)' (did you mean '\(guess)'?)")
        }
        throw .input("unknown \(what) '\(word)'; expected \(names.filter { $0 != "help" }.joined(separator: ", "))")
    }

    /// `stretchcue` alone: what to type, in a few lines; `--help` has the rest.
    func run() {
        // A name longer than the column (voice-lines) is not cut short: its line steps out a little.
        let width = StretchCue.commands.map(\.name.count).max() ?? 0
        let commands = StretchCue.commands.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.abstract)" }
        print((["usage: stretchcue <command> [options]", ""] + commands + [
            "",
            "stretchcue play plays the bundled routine. stretchcue <command> --help explains a command;",
            "stretchcue --help has examples and the exit statuses.",
        ]).joined(separator: "\n"))
    }
}
