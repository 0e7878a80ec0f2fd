import Config
import CueSounds
import Foundation
import Glibc
import Paths
import Session

/// Spoken lines kept on disk between sessions (`$XDG_CACHE_HOME/stretchcue/clips`), one file a
/// line, so that a line costs its synthesis once: a second session starts without espeak-ng.
///
/// A file is the key (everything that changes how the line sounds), the rate, and the 16-bit
/// samples, with a checksum over all of it. One that does not read back whole and intact is
/// made again, never trusted. Files are written under a temporary name and renamed; the least
/// recently used go when the folder grows past its bound. Nothing here is worth failing a
/// session for: a cache that cannot be read or written is a cache that misses.
public final class ClipCache: ClipStore {
    public let folder: String
    public let limit: Int

    public init(folder: String = Paths().clipCache, limit: Int = Defaults.clipCacheBytes) {
        self.folder = folder
        self.limit = limit
    }

    static let magic = Array("STRETCHCUE-CLIP-1\n".utf8)

    /// The file a key is kept in: its hash, which the file's own key then confirms.
    func path(for key: String) -> String {
        folder + "/" + String(FNV1a.hash(key.utf8), radix: 16) + ".clip"
    }

    public func clip(for key: String) -> StoredClip? {
        let path = path(for: key)
        guard let bytes = try? TextFile.read(path), let clip = ClipCache.decode(bytes, key: key) else { return nil }
        // Used now: the last to go when the cache is trimmed.
        _ = utimensat(AT_FDCWD, path, nil, 0)
        return clip
    }

    @discardableResult
    public func keep(_ clip: StoredClip, for key: String) -> Bool {
        guard makeFolder() else { return false }
        let bytes = ClipCache.encode(clip, key: key)
        let target = path(for: key)
        let temporary = "\(folder)/.\(getpid())-\(UInt32.random(in: 0...UInt32.max)).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            return false
        }
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            return false
        }
        trim()
        return true
    }

    /// Removes every kept clip; returns how many files and bytes went.
    @discardableResult
    public func clear() -> (files: Int, bytes: Int) {
        var removed = (files: 0, bytes: 0)
        for entry in entries(removingLeftovers: true) where unlink(entry.path) == 0 {
            removed.files += 1
            removed.bytes += entry.size
        }
        return removed
    }

    /// The kept clips: how many, and their size on disk.
    public func usage() -> (files: Int, bytes: Int) {
        let all = entries()
        return (all.count, all.reduce(0) { $0 + $1.size })
    }

    /// The least recently used go until the folder is within its bound; so do the half-written
    /// files of processes that ended mid-write (killed, or a preparation given up at exit).
    func trim() {
        var all = entries(removingLeftovers: true).sorted { $0.used < $1.used }
        var total = all.reduce(0) { $0 + $1.size }
        while total > limit, !all.isEmpty {
            let oldest = all.removeFirst()
            if unlink(oldest.path) == 0 { total -= oldest.size }
        }
    }

    private struct Entry {
        let path: String
        let size: Int
        let used: Double
    }

    /// The kept clips, from one listing of the folder, which also takes away the half-written
    /// files of processes that are gone when asked.
    private func entries(removingLeftovers: Bool = false) -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        if removingLeftovers { removeLeftovers(among: names) }
        return names.filter { $0.hasSuffix(".clip") }.compactMap { name in
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return Entry(path: path, size: Int(info.st_size),
                         used: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        }
    }

    /// A temporary file is named for the process writing it (`.PID-RANDOM.partial`): one whose
    /// process is gone will never be renamed.
    private func removeLeftovers(among names: [String]) {
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            guard let pid = pid_t(name.dropFirst().prefix { $0 != "-" }), pid > 0 else { continue }
            if kill(pid, 0) == -1, errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    private func makeFolder() -> Bool {
        (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                  attributes: [.posixPermissions: 0o700])) != nil
    }

    // MARK: The file's bytes

    static func encode(_ clip: StoredClip, key: String) -> [UInt8] {
        let keyBytes = Array(key.utf8)
        var body: [UInt8] = []
        append(UInt32(keyBytes.count), to: &body)
        body += keyBytes
        append(UInt32(clip.sampleRate), to: &body)
        append(UInt32(clip.samples.count), to: &body)
        // The samples as they lie in memory, little-endian, in one copy.
        clip.samples.withUnsafeBufferPointer { samples in
            if Int16(1).littleEndian == 1 {
                body += UnsafeRawBufferPointer(samples)
            } else {
                for sample in samples { append(sample, to: &body) }
            }
        }
        var bytes = magic
        append(FNV1a.hash(body), to: &bytes)
        return bytes + body
    }

    /// The clip, if these bytes are a whole, intact file for `key`.
    static func decode(_ bytes: [UInt8], key: String) -> StoredClip? {
        var reader = Reader(bytes: bytes)
        guard reader.take(magic.count) == magic, let checksum: UInt64 = reader.read(),
              FNV1a.hash(bytes[reader.offset...]) == checksum,
              let keyLength: UInt32 = reader.read(), reader.take(Int(keyLength)) == Array(key.utf8),
              let rate: UInt32 = reader.read(), rate > 0, let count: UInt32 = reader.read(),
              reader.remaining == Int(count) * 2 else { return nil }
        let start = reader.offset
        var samples = [Int16](repeating: 0, count: Int(count))
        samples.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { raw in out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start...])) }
        }
        if Int16(1).littleEndian != 1 {
            for index in samples.indices { samples[index] = Int16(littleEndian: samples[index]) }
        }
        return StoredClip(sampleRate: Int(rate), samples: samples)
    }

    private static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }


    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, remaining >= count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }

        mutating func read<Value: FixedWidthInteger>() -> Value? {
            guard let raw = take(MemoryLayout<Value>.size) else { return nil }
            return raw.withUnsafeBytes { Value(littleEndian: $0.loadUnaligned(as: Value.self)) }
        }
    }
}
