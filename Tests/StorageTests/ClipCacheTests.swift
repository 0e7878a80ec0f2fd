import CueSounds
import SoundFile
import Foundation
import Storage
import Testing

@Suite("the cache of spoken lines: kept, checked, bounded")
struct ClipCacheTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clips-\(UUID().uuidString)").path
    let clip = StoredClip(sampleRate: 22_050, samples: [0, 1, -1, 32_767, -32_768, 1234])

    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".clip") }
    }

    @Test func aKeptClipComesBackExactly() {
        let cache = ClipCache(folder: folder)
        #expect(cache.clip(for: "a line") == nil)
        cache.keep(clip, for: "a line")
        #expect(cache.clip(for: "a line") == clip)
        #expect(cache.clip(for: "another line") == nil)
        #expect(cache.usage().files == 1)
    }

    @Test(arguments: ["truncated", "flipped", "empty", "other key"])
    func aDamagedFileIsAMissNotATrustedClip(damage: String) throws {
        let cache = ClipCache(folder: folder)
        cache.keep(clip, for: "a line")
        let path = folder + "/" + files()[0]
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "truncated": bytes.removeLast(3)
        case "flipped": bytes[bytes.count - 2] ^= 0x40
        case "empty": bytes = []
        default:
            // Another key's file under this key's name: the key inside tells them apart.
            cache.keep(clip, for: "b line")
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + files().first { folder + "/" + $0 != path }!)))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(cache.clip(for: "a line") == nil)
        cache.keep(clip, for: "a line")
        #expect(cache.clip(for: "a line") == clip, "made again and kept whole")
    }

    @Test func theLeastRecentlyUsedGoFirst() throws {
        let size = try { () throws -> Int in
            let probe = ClipCache(folder: folder + "-probe")
            probe.keep(clip, for: "a")
            defer { probe.clear() }
            return probe.usage().bytes
        }()
        let cache = ClipCache(folder: folder, limit: 3 * size + size / 2)
        cache.keep(clip, for: "a")
        usleep(20_000)
        cache.keep(clip, for: "b")
        usleep(20_000)
        cache.keep(clip, for: "c")
        usleep(20_000)
        #expect(cache.clip(for: "a") != nil, "a is used again: b is now the oldest")
        usleep(20_000)
        cache.keep(clip, for: "d")
        #expect(cache.usage().files == 3)
        #expect(cache.clip(for: "b") == nil)
        #expect(cache.clip(for: "a") != nil && cache.clip(for: "c") != nil && cache.clip(for: "d") != nil)
    }

    /// A process killed between writing a line and renaming it leaves its temporary file: the
    /// next keep takes it away, and leaves a living process's own alone.
    @Test func aHalfWrittenFileOfAProcessThatEndedGoesAtTheNextKeep() throws {
        let cache = ClipCache(folder: folder)
        cache.keep(clip, for: "a line")
        let gone = folder + "/.\(Int32.max)-17.partial"   // past any pid the kernel gives
        let living = folder + "/.\(getpid())-18.partial"
        for path in [gone, living] { #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2]))) }
        cache.keep(clip, for: "another line")
        #expect(!FileManager.default.fileExists(atPath: gone))
        #expect(FileManager.default.fileExists(atPath: living))
        #expect(cache.usage().files == 2)
    }

    @Test func clearSaysWhatWent() {
        let cache = ClipCache(folder: folder)
        cache.keep(clip, for: "a")
        cache.keep(clip, for: "b")
        let removed = cache.clear()
        #expect(removed.files == 2 && removed.bytes > 0)
        #expect(cache.usage().files == 0)
    }

    @Test func aFolderThatCannotBeMadeIsACacheThatMisses() {
        let cache = ClipCache(folder: "/dev/null/clips")
        cache.keep(clip, for: "a")
        #expect(cache.clip(for: "a") == nil)
    }
}

@Suite("the format a rendered session is written in")
struct SessionFileFormatTests {
    @Test func aWAVPastFourGibibytesIsRF64() {
        let sevenHours = 7 * 3600 * 48_000
        #expect(SessionFile.format(.wav16, frames: sevenHours, channels: 2) == .rf64wav16)
        #expect(SessionFile.format(.wav16, frames: sevenHours, channels: 1) == .wav16, "mono: 2 GiB")
        #expect(SessionFile.format(.wav16, frames: 16 * 60 * 48_000, channels: 2) == .wav16)
        #expect(SessionFile.format(.flac16, frames: sevenHours * 4, channels: 2) == .flac16, "FLAC counts its own way")
    }

    @Test func anRF64FileIsWrittenAndReadBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rf64-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SoundFile(writingAt: path, format: .rf64wav16, sampleRate: 48_000, channels: 1)
        try [Float](repeating: 0.25, count: 480).withUnsafeBufferPointer { try file.writeFrames($0) }
        try file.close()
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readData(ofLength: 4)
        #expect(String(decoding: header, as: UTF8.self) == "RF64")
        let back = try SoundFile(readingAt: path)
        #expect(back.frames == 480)
    }
}
