import ArgumentParser
import CueSounds
import Routine
import Speech
import Timeline

/// Spoken guidance: whether a voice announces each exercise, side and repetition, and which.
///
/// Each field is nil when not given, so that other sources of settings can fill the gaps
/// before `resolved()` applies the defaults.
struct VoiceOptions: ParsableArguments {
    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Option(name: .customLong("voice"), help: ArgumentHelp(
        "Spoken guidance, on or off (default: on when espeak-ng is installed).",
        discussion: "A calm voice names each exercise and its instruction, each side and repetition, says when you are halfway and when the session is complete. The chimes keep their exact timing; pauses grow where a line needs more room. If espeak-ng or the voice is missing, one line says so and the chimes play alone.",
        valueName: "on|off"))
    var voice: Switch?

    @Option(name: .customLong("voice-name"), help: ArgumentHelp(
        "The espeak-ng voice to speak with, e.g. en-us, en, de, fr (default: \(VoiceOptions.defaultName)).",
        valueName: "voice"))
    var voiceName: String?

    @Option(name: .customLong("voice-rate"), help: ArgumentHelp(
        "Speaking speed in words a minute, \(VoiceOptions.rates.lowerBound) to \(VoiceOptions.rates.upperBound) (default: \(VoiceOptions.defaultRate)).",
        valueName: "wpm"))
    var voiceRate: Int?

    static let defaultName = "en-us"
    static let defaultRate = 150
    static let rates = 80...400

    func validate() throws {
        if let voiceRate, !VoiceOptions.rates.contains(voiceRate) {
            throw ValidationError("--voice-rate must be from \(VoiceOptions.rates.lowerBound) to \(VoiceOptions.rates.upperBound) words a minute; got \(voiceRate)")
        }
        if let voiceName, voiceName.isEmpty || voiceName.contains(where: \.isWhitespace) {
            throw ValidationError("--voice-name takes one espeak-ng voice name such as en-us or de; got '\(voiceName)'")
        }
    }

    /// What to say with, defaults applied; nil when the voice is off.
    func resolved() -> Narrator? {
        guard (voice ?? .on) == .on else { return nil }
        return Narrator(voice: voiceName ?? VoiceOptions.defaultName, wordsPerMinute: voiceRate ?? VoiceOptions.defaultRate)
    }

    /// The routine's lines, spoken, before the session starts; nil for chimes only. When
    /// espeak-ng cannot speak, it says why in one line and the session goes on with chimes.
    func narration(for routine: Routine) throws -> Recording? {
        guard let narrator = resolved() else { return nil }
        let lines: [String]
        do {
            lines = try Timeline.lines(of: routine)
        } catch {
            throw Failure.input("stretchcue: \(routine.name): \(error)")
        }
        do {
            return try narrator.record(lines)
        } catch {
            let reason = error.isVoiceNotFound
                ? "no voice '\(narrator.voice)' in espeak-ng (try en-us, en, de, fr, es)"
                : "espeak-ng cannot speak (\(error))"
            printError("stretchcue: \(reason); playing chimes only")
            return nil
        }
    }
}
