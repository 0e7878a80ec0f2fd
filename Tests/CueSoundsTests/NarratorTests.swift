import CueSounds
import Foundation
import Mixer
import SoundFile
import Synchronization
import Testing

/// An engine of the test's own, to see which lines the narrator asks of whom: it speaks each
/// line as a short tone, or fails after `failAfter` lines.
final class ToneEngine: SpeechEngine {
    let name: String
    let failAfter: Int?
    let rate: Int
    let spoken = Mutex<[String]>([])

    init(_ name: String, failAfter: Int? = nil, rate: Int = 16_000) {
        self.name = name
        self.failAfter = failAfter
        self.rate = rate
    }

    var identity: String { name }

    func speak(_ line: String) throws(VoiceError) -> SpokenClip {
        let count = spoken.withLock { $0.count }
        if let failAfter, count >= failAfter { throw VoiceError("\(name) broke") }
        spoken.withLock { $0.append(line) }
        let samples = (0..<(rate / 10 * line.count)).map { Float(0.1 * sin(Double($0) / 10)) }
        return SpokenClip(sampleRate: rate, samples: samples)
    }
}

final class MemoryStore: ClipStore {
    let clips = Mutex<[String: StoredClip]>([:])
    func clip(for key: String) -> StoredClip? { clips.withLock { $0[key] } }
    func keep(_ clip: StoredClip, for key: String) -> Bool {
        clips.withLock { $0[key] = clip }
        return true
    }
}

extension SpokenLines {
    /// Every line's samples, copied out.
    var all: [[Int16]] { (0..<count).map { Array(samples($0)) } }
}

@Suite("the narrator: recordings first, then the engine, then the one it falls back to")
struct NarratorTests {
    let lines = ["Next: Reach.", "Left side.", "Next: Reach.", "Session complete."]

    func record(_ narrator: Narrator) -> (recording: Recording?, notices: [String]) {
        var notices: [String] = []
        let recording = narrator.record(lines) { notices.append($0) }
        return (recording, notices)
    }

    @Test func eachLineIsSpokenOnceAndKept() throws {
        let engine = ToneEngine("tones"), store = MemoryStore()
        let (recording, notices) = record(Narrator(engines: [engine], store: store))
        #expect(notices.isEmpty)
        #expect(engine.spoken.withLock { $0 } == ["Next: Reach.", "Left side.", "Session complete."])
        #expect(try #require(recording).voice.lengths.count == 3)
        // The next session takes them all from the store: the engine is not asked again.
        let again = ToneEngine("tones")
        #expect(record(Narrator(engines: [again], store: store)).recording != nil)
        #expect(again.spoken.withLock { $0 }.isEmpty)
        // Another engine (or voice) is another key.
        let other = ToneEngine("other tones")
        _ = record(Narrator(engines: [other], store: store))
        #expect(other.spoken.withLock { $0 }.count == 3)
    }

    /// Progress moves as lines are read back from the store too, not only as they are made:
    /// hundreds of kept lines take seconds, and "0% done" all that time says nothing.
    @Test func progressMovesAsKeptLinesAreReadBack() {
        let store = MemoryStore()
        _ = record(Narrator(engines: [ToneEngine("tones")], store: store))
        var heard: [Double] = []
        _ = Narrator(engines: [ToneEngine("tones")], store: store).record(lines, notice: { _ in }) { heard.append($0) }
        #expect(heard == [1.0 / 3, 2.0 / 3, 1], "\(heard)")
    }

    @Test func aFailingEngineHandsEveryLineToTheNext() throws {
        let broken = ToneEngine("the voice command 'x'", failAfter: 1), fallback = ToneEngine("espeak-ng")
        let (recording, notices) = record(Narrator(engines: [broken, fallback]))
        #expect(notices == ["the voice command 'x' broke; speaking with espeak-ng instead"])
        #expect(fallback.spoken.withLock { $0 } == ["Next: Reach.", "Left side.", "Session complete."], "one voice for the session")
        #expect(try #require(recording).voice.lengths.count == 3)
    }

    @Test func whenNothingCanSpeakTheSessionHasChimesOnly() {
        let (recording, notices) = record(Narrator(engines: [ToneEngine("flite", failAfter: 0), ToneEngine("espeak-ng", failAfter: 0)]))
        #expect(recording == nil)
        #expect(notices == ["flite broke; speaking with espeak-ng instead", "espeak-ng broke; playing chimes only"])
    }

    @Test func recordedLinesAreUsedAndTheEngineSaysTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stereo at 44.1 kHz with a little silence at each end: averaged, trimmed.
        let path = folder.appendingPathComponent("left.flac").path
        let file = try SoundFile(writingAt: path, format: .flac16, sampleRate: 44_100, channels: 2)
        let voice = (0..<44_100).flatMap { index -> [Float] in
            let value = index < 4_410 || index >= 39_690 ? 0 : Float(0.2 * sin(Double(index) / 7))
            return [value, value]
        }
        try voice.withUnsafeBufferPointer { try file.writeFrames($0) }
        try file.close()
        let broken = folder.appendingPathComponent("broken.wav").path
        try Data("not a sound".utf8).write(to: URL(fileURLWithPath: broken))

        let engine = ToneEngine("espeak-ng")
        var notices: [String] = []
        let narrator = Narrator(engines: [engine], recorded: ["Left side.": path, "Session complete.": broken])
        let recording = try #require(narrator.record(lines) { notices.append($0) })
        #expect(engine.spoken.withLock { $0 } == ["Next: Reach.", "Session complete."])
        #expect(notices.count == 1 && notices[0].hasPrefix("\(broken): cannot use this recording: "), "\(notices)")
        #expect(notices[0].hasSuffix("; the voice says that line instead"))
        let length = try #require(recording.voice.lengths["Left side."]).doubleValue
        #expect(abs(length - 0.8) < 0.01, "the silence at both ends is gone: \(length) s")
        // Taken at the session's rate, each line at the one loudness.
        let clips = try recording.take(["Left side.", "Next: Reach."], at: 48_000).all
        #expect(abs(clips[0].count - 38_400) < 10)
        for clip in clips {
            let floats = clip.map { Float($0) / 32_768 }
            let loudness = try #require(SpeechLevel.loudness(of: floats, rate: 48_000))
            #expect(abs(loudness - SpeechLevel.target) < 0.3, "\(loudness)")
            #expect(abs(floats.first!) < 0.001 && abs(floats.last!) < 0.001, "faded at both ends")
        }
    }

    @Test func onlyTheRecordedLinesWhenNoEngineCanSpeak() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("end.wav").path
        let file = try SoundFile(writingAt: path, format: .wav16, sampleRate: 22_050, channels: 1)
        try (0..<22_050).map { Float(0.3 * sin(Double($0) / 5)) }.withUnsafeBufferPointer { try file.writeFrames($0) }
        try file.close()
        var notices: [String] = []
        let narrator = Narrator(engines: [ToneEngine("espeak-ng", failAfter: 0)], recorded: ["Session complete.": path])
        let recording = try #require(narrator.record(lines) { notices.append($0) })
        #expect(notices == ["espeak-ng broke; only the recorded lines are spoken"])
        #expect(Array(recording.voice.lengths.keys) == ["Session complete."])
        #expect(try recording.take(lines, at: 48_000).all.map(\.isEmpty) == [true, true, true, false], "the rest say nothing")
    }
}
