import CueSounds
import Foundation
import Testing

@Suite("the level of a spoken line, whatever made it")
struct SpeechLevelTests {
    /// A tone of `amplitude` for `seconds`, at 16 kHz.
    func tone(_ amplitude: Float, seconds: Double, hertz: Double = 220, rate: Int = 16_000) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { amplitude * Float(sin(2 * Double.pi * hertz * Double($0) / Double(rate))) }
    }

    func decibels(_ value: Float) -> Double { 20 * log10(Double(value)) }

    @Test func loudnessCountsTheVoiceNotThePauses() throws {
        let word = tone(0.1, seconds: 0.4)
        let spaced = word + [Float](repeating: 0, count: 16_000) + word + [Float](repeating: 0.000_1, count: 8_000) + word
        let loudness = try #require(SpeechLevel.loudness(of: spaced, rate: 16_000))
        // A sine's RMS is its amplitude over root two: -23 dBFS, pauses or not.
        #expect(abs(loudness - (decibels(0.1) - 3.01)) < 0.1, "\(loudness)")
        #expect(SpeechLevel.loudness(of: [Float](repeating: 0, count: 100), rate: 16_000) == nil)
    }

    @Test(arguments: [0.01, 0.1, 0.5] as [Float])
    func everyClipIsBroughtToTheTarget(amplitude: Float) throws {
        let matched = SpeechLevel.matched(tone(amplitude, seconds: 1), rate: 16_000)
        let loudness = try #require(SpeechLevel.loudness(of: matched, rate: 16_000))
        #expect(abs(loudness - SpeechLevel.target) < 0.2, "\(amplitude): \(loudness)")
        #expect(decibels(matched.map(abs).max()!) <= SpeechLevel.ceiling)
    }

    /// A voice with sharp peaks over a quiet average: the peaks are held at the ceiling, its
    /// loudness stays at the target, and the gain never jumps between neighbouring samples.
    @Test func peaksOverTheCeilingAreHeldWithoutChangingTheLoudness() throws {
        var clip = tone(0.05, seconds: 1)
        for click in stride(from: 1_000, to: 15_000, by: 2_000) {
            for offset in 0..<8 { clip[click + offset] = offset % 2 == 0 ? 0.9 : -0.9 }
        }
        let matched = SpeechLevel.matched(clip, rate: 16_000)
        let peak = decibels(matched.map(abs).max()!)
        #expect(peak <= SpeechLevel.ceiling + 0.001, "peak \(peak)")
        let loudness = try #require(SpeechLevel.loudness(of: matched, rate: 16_000))
        #expect(abs(loudness - SpeechLevel.target) < 0.5, "\(loudness)")
        // Far from the peaks the tone is only scaled: the same shape.
        let gain = matched[8_000] / clip[8_000]
        #expect(abs(matched[8_123] - clip[8_123] * gain) < 1e-4)
    }

    @Test func bothEndsAreFadedAndTheMiddleKept() {
        let clip = [Float](repeating: 0.5, count: 16_000)
        let faded = SpeechLevel.faded(clip, rate: 16_000)
        #expect(faded.first == 0 && faded.last == 0)
        let rising = Array(faded[0..<80]), falling = Array(faded[(16_000 - 240)...])
        #expect(zip(rising, rising.dropFirst()).allSatisfy { $0 <= $1 } && rising.last! < 0.5)
        #expect(zip(falling, falling.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(faded[80..<(16_000 - 240)].allSatisfy { $0 == 0.5 })
        #expect(SpeechLevel.faded([0.5, 0.5], rate: 16_000) == [0, 0], "a clip shorter than its fades")
    }

    /// A recording's room noise at either end goes; a synthesizer's near-silence does too.
    @Test func silenceIsTrimmedAtBothEnds() {
        var noise = SystemRandomNumberGenerator()
        let room = (0..<4_000).map { _ in Float.random(in: -0.002...0.002, using: &noise) }
        let voice = tone(0.3, seconds: 0.5)
        let trimmed = SpeechLevel.trimmedRecording(room + voice + room)
        #expect(abs(trimmed.count - voice.count) < 80, "\(trimmed.count) of \(voice.count)")
        #expect(SpeechLevel.trimmed([0, 0.000_5, 0.2, -0.3, 0.000_1, 0]) == [0.2, -0.3])
        #expect(SpeechLevel.trimmed([0, 0]).isEmpty)
    }
}
