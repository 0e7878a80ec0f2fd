import Flite

/// flite, through the library: English voices that many find easier to follow than
/// espeak-ng's, light enough for a small board.
public struct FliteEngine: SpeechEngine {
    public let voice: String
    public let wordsPerMinute: Int

    public init(voice: String, wordsPerMinute: Int) {
        self.voice = voice
        self.wordsPerMinute = wordsPerMinute
    }

    /// flite's voices speak about this fast as they come (measured on the bundled routine's
    /// lines: 7.2 s for what espeak-ng says in 8.8 s at 150), so a rate is a stretch of that.
    static let ownPace = 180.0

    public var name: String { "flite" }

    public var identity: String { "flite \(FliteSynthesizer.version)\n\(voice)\n\(wordsPerMinute)" }

    public func speak(_ line: String) throws(VoiceError) -> SpokenClip {
        do {
            let clip = try FliteSynthesizer.shared.speak(line, voice: voice, durationStretch: Self.ownPace / Double(wordsPerMinute))
            return SpokenClip(sampleRate: clip.sampleRate, samples: SpeechLevel.trimmed(clip.samples))
        } catch {
            throw VoiceError(error.isVoiceNotFound
                ? "no voice '\(voice)' in flite (\(FliteSynthesizer.voices.joined(separator: ", ")))"
                : "flite cannot speak (\(error))")
        }
    }
}
