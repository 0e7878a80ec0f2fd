import Speech
import Testing

@Suite("espeak-ng through its wrapper")
struct SpeechTests {
    func rms(_ samples: ArraySlice<Float>) -> Float {
        (samples.reduce(0) { $0 + $1 * $1 } / Float(max(1, samples.count))).squareRoot()
    }

    @Test func speaksAWordAsAudibleSound() throws {
        let synthesizer = try Synthesizer.shared()
        #expect(synthesizer.sampleRate == 22_050)
        let clip = try synthesizer.speak("hello", voice: "en-us", wordsPerMinute: 150)
        let seconds = Double(clip.count) / Double(synthesizer.sampleRate)
        #expect((0.3...2).contains(seconds), "'hello' lasted \(seconds) s")
        #expect(rms(clip[...]) > 0.02, "too quiet: \(rms(clip[...]))")
        #expect(clip.allSatisfy { (-1...1).contains($0) })
    }

    @Test func slowerSpeechLastsLonger() throws {
        let synthesizer = try Synthesizer.shared()
        let text = "Lie on your back and hug both knees to your chest."
        let slow = try synthesizer.speak(text, voice: "en-us", wordsPerMinute: 100)
        let fast = try synthesizer.speak(text, voice: "en-us", wordsPerMinute: 300)
        #expect(Double(slow.count) > 2 * Double(fast.count))
    }

    @Test func anotherLanguageSpeaksToo() throws {
        let clip = try Synthesizer.shared().speak("Guten Morgen", voice: "de", wordsPerMinute: 150)
        #expect(rms(clip[...]) > 0.02)
    }

    @Test func theVoicesAreListed() throws {
        let names = try Synthesizer.shared().voiceNames()
        #expect(names.contains("en-us") && names.contains("de") && names.contains("fr-fr"), "\(names)")
        #expect(names.count > 50 && names == names.sorted())
    }

    @Test func unknownVoiceIsNamedInTheError() throws {
        let synthesizer = try Synthesizer.shared()
        #expect {
            _ = try synthesizer.speak("hello", voice: "no-such-voice", wordsPerMinute: 150)
        } throws: { error in
            guard let error = error as? SpeechError else { return false }
            return error.isVoiceNotFound && error.call == "espeak_ng_SetVoiceByName"
        }
        // The library is still usable after the failure.
        #expect(try !synthesizer.speak("hello", voice: "en", wordsPerMinute: 150).isEmpty)
    }
}
