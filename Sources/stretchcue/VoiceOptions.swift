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
        "What speaks: espeak (espeak-ng, the default), flite, or command (--voice-command); docs/voices.md compares them.",
        valueName: "engine"))
    var engine: VoiceEngine?

    @Option(name: .customLong("voice-name"), help: ArgumentHelp(
        "The voice: espeak-ng's en-us (default), en, de, fr, ...; flite's slt (default), kal16, kal, awb, rms.",
        valueName: "voice"))
    var voiceName: String?

    @Option(name: .customLong("voice-rate"), help: ArgumentHelp(
        "Speaking speed, \(Defaults.voiceRateWording.dropFirst(5)) (default: \(Defaults.voiceRate)).",
        valueName: "wpm"))
    var voiceRate: Int?

    @Option(name: .customLong("voice-command"), help: ArgumentHelp(
        "A program that reads a line on standard input and writes it spoken, as WAV, on standard output (Piper, say).",
        valueName: "command"))
    var command: String?

    @Option(name: .customLong("voice-pack"), help: ArgumentHelp(
        "A folder of lines you recorded (stretchcue voice-lines --pack); the engine says the rest.",
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
