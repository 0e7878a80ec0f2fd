import Foundation
import Glibc
import Session
import StrictYAML
import Yams

/// A voice pack: a folder of lines a person recorded, one file a line, with an index that
/// says which file holds which line (`index.yaml`). At play time a line the pack has is heard
/// in that recording, and the engine says the rest; `stretchcue voice-lines --pack` writes
/// the index and a README for whoever records.
///
/// ```yaml
/// lines:
///   - text: "Next: Child's pose. From hands and knees, sit back toward your heels."
///     file: 01-next-childs-pose-from-hands.wav
/// ```
public struct VoicePack: Sendable {
    public struct Entry: Sendable, Equatable {
        /// The words, exactly as the voice says them.
        public let text: String
        /// Where they are recorded, in the pack's folder.
        public let file: String

        public init(text: String, file: String) {
            self.text = text
            self.file = file
        }
    }

    public static let indexName = "index.yaml"
    public static let readmeName = "README.txt"
    /// A recording may be saved in any of these instead of the extension the index names.
    public static let extensions = ["wav", "flac", "ogg", "oga", "aiff", "aif", "au"]

    public let folder: String
    public let entries: [Entry]

    public init(folder: String, entries: [Entry]) {
        self.folder = folder
        self.entries = entries
    }

    public var index: String { folder + "/" + VoicePack.indexName }

    /// The pack in `folder`, as its index lists it.
    public static func load(_ folder: String) throws(Failure) -> VoicePack {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .input("the voice pack folder \(folder) does not exist")
        }
        let path = folder + "/" + indexName
        let bytes: [UInt8]
        do {
            bytes = try TextFile.read(path)
        } catch {
            if error.code == ENOENT {
                throw .input("the voice pack \(folder) has no \(indexName) (stretchcue voice-lines ROUTINE --pack \(folder) writes one)")
            }
            throw .located("\(path): cannot read: \(error)")
        }
        do {
            return VoicePack(folder: folder, entries: try IndexDecoder(file: path).decode(String(decoding: bytes, as: UTF8.self)))
        } catch {
            throw .located(error)
        }
    }

    /// Each line that is recorded, to its file: the one the index names, or the same name with
    /// another extension (a line saved as FLAC where the index says WAV). Only regular files
    /// count; a line whose file is not there yet is the engine's.
    public func recorded() -> [String: String] {
        var files: [String: String] = [:]
        for entry in entries where files[entry.text] == nil {
            let named = folder + "/" + entry.file
            let stem = (named as NSString).deletingPathExtension
            let candidates = [named] + VoicePack.extensions.map { stem + "." + $0 }
            if let found = candidates.first(where: VoicePack.isRegularFile) { files[entry.text] = found }
        }
        return files
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The index as it is written: every text quoted, so that any words survive the trip.
    public static func encode(_ entries: [Entry]) -> String {
        var text = """
            # A StretchCue voice pack: each line the voice says, and the file it is recorded in.
            # Record each line into the file named (any format libsndfile reads: WAV, FLAC, OGG;
            # any rate); lines with no file yet are spoken by the voice. README.txt says more.
            lines:

            """
        for entry in entries {
            text += "  - text: \(entry.text.yamlQuoted)\n    file: \(entry.file.yamlQuoted)\n"
        }
        return text
    }
}

/// `index.yaml`, read as strictly as a routine: each problem at its line and column.
struct IndexDecoder: YAMLDecoding {
    let file: String

    func decode(_ yaml: String) throws(YAMLError) -> [VoicePack.Entry] {
        guard let root = try compose(yaml) else { return [] }
        let fields = try mapping(root, ["lines"], what: "a voice pack's index", hint: "a mapping with 'lines', a list of text and file")
        guard let list = fields["lines"] else { return [] }
        guard case .sequence(let items) = list else {
            if case .scalar(let value) = list, value.string.isEmpty { return [] }
            throw error(at: list, "'lines' must be a list of entries, each with a text and a file")
        }
        var entries: [VoicePack.Entry] = []
        for item in items {
            let entry = try mapping(item, ["text", "file"], what: "each line", hint: "a mapping with 'text' and 'file'")
            guard let textNode = entry["text"] else { throw error(at: item, "this line has no 'text'") }
            guard let fileNode = entry["file"] else { throw error(at: item, "this line has no 'file'") }
            let text = try self.text(textNode, "text", multiline: true, limit: 4096)
            let file = try self.text(fileNode, "file", limit: 255)
            guard !file.contains("/"), file != ".", file != ".." else {
                throw error(at: fileNode, "'file' must be a file name in the pack's folder, without '/'; found '\(file)'")
            }
            entries.append(VoicePack.Entry(text: text, file: file))
        }
        return entries
    }
}
