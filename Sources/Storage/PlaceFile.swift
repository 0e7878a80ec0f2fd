import Foundation
import Glibc
import Paths
import Session

/// The saved places on disk, one per interrupted routine, `$XDG_STATE_HOME/stretchcue/progress.json`:
/// written whole or not at all (temporary file, fsync, rename) in a folder only this user can enter.
public final class PlaceFile: PlaceStore {
    public let location: String

    public init(path: String = Paths().savedPlace) {
        location = path
    }

    private var folder: String { (location as NSString).deletingLastPathComponent }

    public func load() throws(Failure) -> SavedPlaces {
        guard FileManager.default.fileExists(atPath: location) else { return SavedPlaces() }
        let bytes: [UInt8]
        do {
            bytes = try TextFile.read(location)
        } catch {
            throw .input("\(location): cannot read the saved place (\(error)); remove it to start afresh")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let places = try? decoder.decode(SavedPlaces.self, from: Data(bytes)) { return places }
        do {
            // One place alone, as files were before routines were told apart; no routine meant the bundled one.
            var place = try decoder.decode(SavedPlace.self, from: Data(bytes))
            if place.routine == nil { place.routine = Installation.routinesFolder.map { "\($0)/\(Installation.defaultRoutineName).yaml" } }
            return SavedPlaces([place])
        } catch {
            throw .input("\(location): cannot read the saved place (it is not what this program wrote); remove it to start afresh")
        }
    }

    public func checkWritable() throws(Failure) {
        try makeFolder()
        let probe = "\(folder)/.write-test-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("\(folder): \(String(cString: strerror(errno)))") }
        close(fd)
        unlink(probe)
    }

    public func save(_ place: SavedPlace) throws(Failure) {
        // Unreadable places are replaced rather than kept: they could never be resumed.
        var places = (try? load()) ?? SavedPlaces()
        places.keep(place)
        try write(places)
    }

    public func update(_ place: SavedPlace) throws(Failure) {
        var places = try load()
        guard places.place(for: place.routine) != nil else { return }
        places.update(place)
        try write(places)
    }

    public func clear(routine: String?) {
        guard var places = try? load() else { return }
        places.remove(routine: routine)
        if places.places.isEmpty {
            unlink(location)
        } else {
            try? write(places)
        }
    }

    private func write(_ places: SavedPlaces) throws(Failure) {
        try makeFolder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        do {
            let data = try encoder.encode(places)
            try AtomicFile.write(to: location) { temporary in
                guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
                    throw WriteFailure(reason: String(cString: strerror(errno)))
                }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .system("\(location): \(error.localizedDescription)")
        }
    }

    private func makeFolder() throws(Failure) {
        try PrivateFolder.make(folder)
    }
}
