import ALSA
import Foundation
import SoundFile
import Testing

@Suite("libasound through its wrapper, on devices that need no sound card")
struct ALSATests {
    func configure(_ pcm: PCM, format: SampleFormat, channels: Int) throws -> Int {
        let hardware = try PCM.HardwareParameters()
        try hardware.any(on: pcm)
        try hardware.setAccess(.readWriteInterleaved, on: pcm)
        try hardware.setFormat(format, on: pcm)
        _ = try hardware.setChannelsNear(channels, on: pcm)
        _ = try hardware.setRateNear(48_000, on: pcm)
        let buffer = try hardware.setBufferSizeNear(9_600, on: pcm)
        _ = try hardware.setPeriodSizeNear(2_400, on: pcm)
        try hardware.install(on: pcm)
        return buffer
    }

    @Test func fileDeviceRecordsWhatIsWritten() throws {
        LibraryErrors.silence()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alsa-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pcm = try PCM(device: "file:FILE=\(path),FORMAT=wav")
        _ = try configure(pcm, format: .signed16, channels: 1)
        let samples: [Int16] = (0..<4_800).map { Int16(truncatingIfNeeded: $0 * 7) }
        var offset = 0
        while offset < samples.count {
            let count = min(1_000, samples.count - offset)
            offset += try samples[offset..<(offset + count)].withUnsafeBytes { try pcm.writeInterleaved($0, frames: count) }
        }
        try pcm.drain()
        pcm.close()
        let recorded = try SoundFile(readingAt: path).readAll()
        #expect(recorded.count == samples.count)
        #expect(zip(recorded, samples).allSatisfy { Int16(($0 * 32_768).rounded()) == $1 })
    }

    @Test func nullDeviceTakesASecond() throws {
        let pcm = try PCM(device: "null")
        let buffer = try configure(pcm, format: .float32, channels: 2)
        #expect(buffer > 0)
        let silence = [Float](repeating: 0, count: 2_400 * 2)
        var written = 0
        while written < 48_000 {
            written += try silence.withUnsafeBytes { try pcm.writeInterleaved($0, frames: 2_400) }
        }
        #expect(pcm.state == .running)
        try pcm.drain()
    }

    @Test func unknownDeviceNamesTheCall() {
        LibraryErrors.silence()
        do {
            _ = try PCM(device: "no-such-device-xyz")
            Issue.record("opened a device that does not exist")
        } catch {
            #expect(error.call == "snd_pcm_open")
            #expect(error.description == "snd_pcm_open(no-such-device-xyz): No such file or directory")
            #expect(error.errno == ENOENT)
        }
    }
}
