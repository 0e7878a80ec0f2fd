import ArgumentParser
import Config
import Foundation

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
        "espeak-ng's en-us (default), de, fr, ...; flite's slt (default), kal16, awb, rms.",
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
    }

    func add(to choices: inout Config) {
        choices.voice = voice.map { $0 == .on }
        choices.voiceEngine = engine
        choices.voiceName = voiceName
        choices.voiceRate = voiceRate
        choices.voiceCommand = command
        // Absolute, so that it means the same to a player running in another folder.
        choices.voicePack = pack.map { RoutineReference.absolute($0, in: FileManager.default.currentDirectoryPath) }
    }
}

extension VoiceEngine: ExpressibleByArgument {}
