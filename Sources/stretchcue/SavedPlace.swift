import Foundation

/// Where an interrupted session was, kept on disk so `play --resume` can go on from there:
/// `$XDG_STATE_HOME/stretchcue/progress.json` (or `~/.local/state/...`). Written whole or not
/// at all (temporary file, fsync, rename), at each exercise and on pause and stop; removed
/// when a session completes.
struct SavedPlace: Codable, Equatable {
    /// The routine file, absolute; nil for the bundled routine.
    var routine: String?
    /// A hash of the routine file's bytes, to tell whether it changed since.
    var fingerprint: String
    /// Index of the exercise to go on with, from 0.
    var exercise: Int
    var exerciseName: String
    var breath: String?
    var savedAt: Date

    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/stretchcue/progress.json"
    }

    func save() throws {
        let folder = (SavedPlace.path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(self)
        try AtomicFile.write(to: SavedPlace.path) { temporary in
            try data.write(to: URL(fileURLWithPath: temporary))
        }
    }

    static func load() throws -> SavedPlace? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(SavedPlace.self, from: data)
        } catch {
            throw Failure.input("\(path): cannot read the saved place (\(error)); remove it to start afresh")
        }
    }

    static func clear() {
        unlink(path)
    }

    /// FNV-1a over the file's bytes: enough to notice an edit, with no dependency.
    static func fingerprint(of path: String) -> String {
        guard let bytes = try? TextFile.read(path) else { return "" }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
