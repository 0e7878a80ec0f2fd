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
        "A voice names each exercise, side and repetition: on (the default, when espeak-ng can speak) or off for chimes alone.",
        valueName: "on|off"))
    var voice: Switch?

    @Option(name: .customLong("voice-engine"), help: ArgumentHelp(
        "What speaks (docs/voices.md); espeak by default.",
        valueName: "engine"))
    var engine: VoiceEngine?

    @Option(name: .customLong("voice-name"), help: ArgumentHelp(
        "espeak-ng's en-us, de, fr, ... (default: the language's own); flite's slt (default), kal16, awb, rms.",
        valueName: "voice"))
    var voiceName: String?

    @Option(name: .customLong("voice-rate"), help: ArgumentHelp(
        "Speaking speed, \(Defaults.voiceRateWording.dropFirst(5)) (default: \(Defaults.voiceRate)).",
        valueName: "wpm"))
    var voiceRate: Int?

    @Option(name: .customLong("voice-command"), help: ArgumentHelp(
        "A program that reads a line on stdin and writes it spoken, as WAV (Piper, say).",
        valueName: "command"))
    var command: String?

    @Option(name: .customLong("voice-pack"), help: ArgumentHelp(
        "Lines you recorded (stretchcue voice-lines --pack); the engine says the rest.",
        valueName: "folder"),
            completion: .directory)
    var pack: String?
    @Option(name: .long, help: ArgumentHelp(
        "How much the voice says: full (the default), brief (no instructions once a routine was played through), names (the exercise and side alone), off.",
        valueName: "level"))
    var guidance: Guidance.Level?

    @Option(name: .long, help: ArgumentHelp(
        "The language of the voice's own words (Next, Left side, Halfway): en, de, fr or es; by default the routine's lang:.",
        valueName: "code"))
    var language: String?

    @Option(name: .long, help: ArgumentHelp("Say the last seconds of each hold aloud: 3 says 3, 2, 1 (0 to 10).",
                                            valueName: "seconds"))
    var countdown: Int?

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
        if let countdown, !RoutineDecoder.limits.countdown.contains(countdown) {
            throw ValidationError("--countdown must be from 0 to \(RoutineDecoder.limits.countdown.upperBound) s; got \(countdown)")
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
