import Flite
import Testing

@Suite("flite through its wrapper")
struct FliteTests {
    func rms(_ samples: [Float]) -> Float {
        (samples.reduce(0) { $0 + $1 * $1 } / Float(max(1, samples.count))).squareRoot()
    }

    @Test(arguments: FliteSynthesizer.voices)
    func everyVoiceSpeaks(voice: String) throws {
        let clip = try FliteSynthesizer.shared.speak("Lie on your back.", voice: voice, durationStretch: 1)
        #expect(clip.sampleRate == (voice == "kal" ? 8_000 : 16_000))
        let seconds = Double(clip.samples.count) / Double(clip.sampleRate)
        #expect((0.5...4).contains(seconds), "\(voice): 'Lie on your back.' lasted \(seconds) s")
        #expect(rms(clip.samples) > 0.01, "\(voice) too quiet: \(rms(clip.samples))")
        #expect(clip.samples.allSatisfy { (-1...1).contains($0) })
    }

    @Test func aLongerStretchSpeaksSlower() throws {
        let text = "Lie on your back and hug both knees to your chest."
        let slow = try FliteSynthesizer.shared.speak(text, voice: "slt", durationStretch: 1.6)
        let fast = try FliteSynthesizer.shared.speak(text, voice: "slt", durationStretch: 0.6)
        #expect(Double(slow.samples.count) > 2 * Double(fast.samples.count))
    }

    @Test func unknownVoiceIsNamedInTheError() throws {
        #expect(throws: FliteError.unknownVoice("nosuch")) {
            _ = try FliteSynthesizer.shared.speak("hello", voice: "nosuch", durationStretch: 1)
        }
        #expect(try !FliteSynthesizer.shared.speak("hello", voice: "kal16", durationStretch: 1).samples.isEmpty)
    }
}
