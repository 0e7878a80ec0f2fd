import ArgumentParser
import Config

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

    @Option(name: .customLong("voice-name"), help: ArgumentHelp(
        "The espeak-ng voice to speak with, e.g. en-us, en, de, fr (default: \(Defaults.voiceName)).",
        valueName: "voice"))
    var voiceName: String?

    @Option(name: .customLong("voice-rate"), help: ArgumentHelp(
        "Speaking speed, \(Defaults.voiceRateWording.dropFirst(5)) (default: \(Defaults.voiceRate)).",
        valueName: "wpm"))
    var voiceRate: Int?

    func validate() throws {
        if let voiceRate, let problem = Defaults.problem(voiceRate: voiceRate) {
            throw ValidationError("--voice-rate \(problem)")
        }
        if let voiceName, let problem = Defaults.problem(voiceName: voiceName) {
            throw ValidationError("--voice-name \(problem)")
        }
    }

    func add(to choices: inout Config) {
        choices.voice = voice.map { $0 == .on }
        choices.voiceName = voiceName
        choices.voiceRate = voiceRate
    }
}
