import Foundation
import SampleRate
import SoundFile
import Testing

@Suite("libsndfile and libsoxr through their wrappers")
struct SoundFileTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stretchcue-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func sine(frames: Int, rate: Int, frequency: Double = 440, channels: Int = 1) -> [Float] {
        var samples: [Float] = []
        for i in 0..<frames {
            let phase = 2 * Double.pi * frequency * Double(i) / Double(rate)
            let value = Float(0.5 * sin(phase))
            for _ in 0..<channels { samples.append(value) }
        }
        return samples
    }

    @Test(arguments: [(SoundFile.Format.wav16, "wav", Float(1.0 / 32_768)), (.wavFloat, "wav", 0), (.flac16, "flac", Float(1.0 / 32_768))])
    func roundTrip(format: SoundFile.Format, suffix: String, tolerance: Float) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tone.\(suffix)").path
        let samples = sine(frames: 4_800, rate: 48_000, channels: 2)
        let writer = try SoundFile(writingAt: path, format: format, sampleRate: 48_000, channels: 2)
        try samples.withUnsafeBufferPointer { try writer.writeFrames($0) }
        try writer.close()
        let reader = try SoundFile(readingAt: path)
        #expect(reader.sampleRate == 48_000 && reader.channels == 2 && reader.frames == 4_800)
        let back = try reader.readAll()
        #expect(back.count == samples.count)
        #expect(zip(back, samples).allSatisfy { abs($0 - $1) <= tolerance })
    }

    @Test func oggKeepsLengthAndLevel() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tone.ogg").path
        let samples = sine(frames: 48_000, rate: 48_000)
        let writer = try SoundFile(writingAt: path, format: .oggVorbis, sampleRate: 48_000, channels: 1)
        try samples.withUnsafeBufferPointer { try writer.writeFrames($0) }
        try writer.close()
        let back = try SoundFile(readingAt: path).readAll()
        #expect(abs(back.count - 48_000) < 100)
        func rms(_ x: [Float]) -> Float { (x.map { $0 * $0 }.reduce(0, +) / Float(x.count)).squareRoot() }
        #expect(abs(rms(back) - rms(samples)) < 0.02)
    }

    @Test func openingFailuresNameTheFileAndTheCall() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.wav").path
        do {
            _ = try SoundFile(readingAt: missing)
            Issue.record("opened a missing file")
        } catch {
            #expect(error.description.hasPrefix("\(missing): sf_open: "))
        }
        let text = dir.appendingPathComponent("text.wav").path
        try "hello, not audio".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: SoundFileError.self) { try SoundFile(readingAt: text) }
        #expect(throws: SoundFileError.self) { try SoundFile(readingAt: dir.path) }
    }

    /// A program's output, read through its descriptor: the sound when there is one, and the
    /// descriptor still open (and its bytes still there) when there is not.
    @Test func aDescriptorIsReadAndStaysOpen() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tone.wav").path
        let writer = try SoundFile(writingAt: path, format: .wav16, sampleRate: 16_000, channels: 1)
        try sine(frames: 1_600, rate: 16_000).withUnsafeBufferPointer { try writer.writeFrames($0) }
        try writer.close()
        let sound = open(path, O_RDONLY)
        defer { close(sound) }
        let reader = try SoundFile(readingFrom: sound, name: "the tone")
        #expect(reader.sampleRate == 16_000 && reader.frames == 1_600)
        #expect(try reader.readAll().count == 1_600)
        try reader.close()
        #expect(fcntl(sound, F_GETFD) >= 0)

        let text = dir.appendingPathComponent("text").path
        try "hello, not audio".write(toFile: text, atomically: true, encoding: .utf8)
        let words = open(text, O_RDONLY)
        defer { close(words) }
        #expect(throws: SoundFileError.self) { try SoundFile(readingFrom: words, name: "the words") }
        #expect(fcntl(words, F_GETFD) >= 0, "libsndfile would have closed it")
        var info = stat()
        #expect(fstat(words, &info) == 0 && info.st_size == 16)
    }

    @Test func formatsFromExtensions() {
        #expect(SoundFile.Format(fileExtension: "WAV") == .wav16)
        #expect(SoundFile.Format(fileExtension: "flac") == .flac16)
        #expect(SoundFile.Format(fileExtension: "ogg") == .oggVorbis)
        #expect(SoundFile.Format(fileExtension: "mp3") == nil)
    }

    @Test func resamplingKeepsDurationAndPitch() throws {
        let input = sine(frames: 44_100, rate: 44_100, frequency: 1_000)
        let output = try SampleRateConverter.convert(input, channels: 1, from: 44_100, to: 48_000)
        #expect(abs(output.count - 48_000) <= 2)
        let crossings = zip(output.dropFirst(), output).filter { $0 >= 0 && $1 < 0 }.count
        #expect(abs(crossings - 1_000) <= 2, "still 1 kHz: \(crossings) cycles in a second")
        #expect(try SampleRateConverter.convert(input, channels: 1, from: 44_100, to: 44_100) == input)
    }
}
