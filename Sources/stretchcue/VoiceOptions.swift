import ArgumentParser
import Config
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

    @Option(name: .customLong("voice-name"), help: ArgumentHelp(
        "The espeak-ng voice to speak with, e.g. en-us, en, de, fr (default: the language's own, en-us for English).",
        valueName: "voice"))
    var voiceName: String?

    @Option(name: .customLong("voice-rate"), help: ArgumentHelp(
        "Speaking speed, \(Defaults.voiceRateWording.dropFirst(5)) (default: \(Defaults.voiceRate)).",
        valueName: "wpm"))
    var voiceRate: Int?

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
        if let language, let problem = RoutineDecoder.problem(language: language) {
            throw ValidationError("--language \(problem)")
        }
        if let countdown, !RoutineDecoder.limits.countdown.contains(countdown) {
            throw ValidationError("--countdown must be from 0 to \(RoutineDecoder.limits.countdown.upperBound) s; got \(countdown)")
        }
    }

    func add(to choices: inout Config) {
        choices.voice = voice.map { $0 == .on }
        choices.voiceName = voiceName
        choices.voiceRate = voiceRate
        choices.guidance = guidance
        choices.language = language
        choices.countdown = countdown
    }
}
