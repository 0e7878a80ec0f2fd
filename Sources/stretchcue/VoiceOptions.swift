import ArgumentParser
import Config
import Foundation
import Routine
import Timeline

extension Guidance.Level: ExpressibleByArgument {}

/// Spoken guidance: whether a voice announces each exercise, side and repetition, and which.
/// Each field is nil when not given, so that the config file and then the defaults fill the gaps.
struct VoiceOptions: ParsableArguments {
    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Option(name: .customLong("voice"), help: ArgumentHelp(
        "Off for chimes alone (on by default).",
        valueName: "on|off"))
    var voice: Switch?

    @Option(name: .customLong("voice-engine"), help: ArgumentHelp(
        "What speaks: espeak by default (docs/voices.md).",
        valueName: "engine"))
    var engine: VoiceEngine?

    @Option(name: .customLong("voice-name"), help: ArgumentHelp(
        "The voice: en-us, de, fr, ... for espeak (the language's own); slt, kal16, kal, awb, rms for flite.",
        valueName: "voice"))
    var voiceName: String?

    @Option(name: .customLong("voice-rate"), help: ArgumentHelp(
        "Words a minute, \(Defaults.voiceRateRange.lowerBound) to \(Defaults.voiceRateRange.upperBound) (default: \(Defaults.voiceRate)).",
        valueName: "wpm"))
    var voiceRate: Int?

    @Option(name: .customLong("voice-command"), help: ArgumentHelp(
        "A program that speaks a line from stdin as WAV (Piper, say).",
        valueName: "command"))
    var command: String?

    @Option(name: .customLong("voice-pack"), help: ArgumentHelp(
        "A folder of lines you recorded (voice-lines).",
        valueName: "folder"),
            completion: .directory)
    var pack: String?
    @Option(name: .long, help: VoiceOptions.guidanceHelp)
    var guidance: Guidance.Level?

    @Option(name: .long, help: ArgumentHelp(
        "Its own words (Next, Left side) in en, de, fr or es; by default the routine's lang:.",
        valueName: "code"))
    var language: String?

    @Option(name: .long, help: VoiceOptions.countdownHelp)
    var countdown: Int?

    /// The line a command that takes these options without listing them says in its help:
    /// the whole block is in play's (and voice's), where a newcomer looks for it.
    static let listedInPlay = "It takes play's voice options too (--voice off, --voice-name, --guidance, ...): stretchcue play --help lists them."

    /// The message for a bad value of one of these options where they show. A command that
    /// hides them (render, show, ...) gets the argument parser's message without the value's
    /// name and choices ("invalid for '--guidance'"): the same words parsed here, where they
    /// show, are worded in full. Nil when the voice options among `arguments` are fine.
    static func message(amid arguments: [String]) -> String? {
        // The names as this group's own help lists them.
        let names = Set(helpMessage(columns: 200).split(separator: "\n").compactMap { line in
            line.hasPrefix("  --") ? line.dropFirst(2).split(separator: " ").first.map(String.init) : nil
        })
        var mine: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            if names.contains(String(word.prefix { $0 != "=" })) {
                mine.append(word)
                if !word.contains("="), index + 1 < arguments.endIndex {
                    index += 1
                    mine.append(arguments[index])
                }
            }
            index += 1
        }
        guard !mine.isEmpty else { return nil }
        do {
            _ = try parse(mine)
            return nil
        } catch {
            return message(for: error)
        }
    }

    /// What the voice says, worded once for every command that takes it.
    static let guidanceHelp = ArgumentHelp(
        "How much it says; brief leaves instructions out once known.",
        valueName: "level")
    static let countdownHelp = ArgumentHelp("Count each hold's last seconds aloud (0 to 10).", valueName: "seconds")

    func validate() throws {
        if let voiceRate, let problem = Defaults.problem(voiceRate: voiceRate) {
            throw ValidationError("--voice-rate \(problem)")
        }
        if let voiceName, let problem = Defaults.problem(voiceName: voiceName) {
            throw ValidationError("--voice-name \(problem)")
        }
        if let command, let problem = Defaults.problem(voiceCommand: command) {
            throw ValidationError("--voice-command \(problem)")
        }
        if pack?.isEmpty == true { throw ValidationError("--voice-pack needs a folder") }
        if let language, let problem = RoutineDecoder.problem(language: language) {
            throw ValidationError("--language \(problem)")
        }
        if let countdown, let problem = Defaults.problem(countdown: countdown) {
            throw ValidationError("--countdown \(problem)")
        }
    }

    func add(to choices: inout Config) {
        choices.voice = voice.map { $0 == .on }
        choices.voiceEngine = engine
        choices.voiceName = voiceName
        choices.voiceRate = voiceRate
        choices.voiceCommand = command
        // Absolute, so that it means the same to a player running in another folder.
        choices.voicePack = pack.map { RoutineReference.absolute($0, in: FileManager.default.currentDirectoryPath) }
        choices.guidance = guidance
        choices.language = language
        choices.countdown = countdown
    }
}

extension VoiceEngine: ExpressibleByArgument {}
