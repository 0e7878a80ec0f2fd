import Speech

/// espeak-ng, through the library: the default engine, and the one others fall back to.
/// The library starts only when a line is not already kept.
public struct EspeakEngine: SpeechEngine {
    public let voice: String
    public let wordsPerMinute: Int

    public init(voice: String, wordsPerMinute: Int) {
        self.voice = voice
        self.wordsPerMinute = wordsPerMinute
    }

    public var name: String { "espeak-ng" }

    /// As clips were always kept, so that a cache from before there were other engines still serves.
    public var identity: String { "espeak-ng \(Synthesizer.version)\n\(voice)\n\(wordsPerMinute)" }

    public func speak(_ line: String) throws(VoiceError) -> SpokenClip {
        do {
            let speaker = try Synthesizer.shared()
            let samples = try speaker.speak(line, voice: voice, wordsPerMinute: wordsPerMinute)
            return SpokenClip(sampleRate: speaker.sampleRate, samples: SpeechLevel.trimmed(samples))
        } catch {
            throw VoiceError(error.isVoiceNotFound
                ? "no voice '\(voice)' in espeak-ng (try en-us, en, de, fr, es)"
                : "espeak-ng cannot speak (\(error))")
        }
    }
}
