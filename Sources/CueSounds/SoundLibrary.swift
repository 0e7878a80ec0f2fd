import Glibc
import Mixer
import Routine
import SampleRate
import SoundFile
import Timeline

/// Loads the cue sounds: decodes each file once, folds it to mono and converts it to the
/// session's rate, so that the audio path only ever adds samples.
///
/// Channels are averaged (a stereo file plays as the mean of left and right), which keeps a
/// sound's level whatever its channel count.
public struct SoundLibrary: Sendable {
    /// Where each cue kind's file comes from.
    public let files: [CueKind: String]

    /// Each kind's sound from `overrides`, else the file in `folder` named for it, else the
    /// bundled `<kind>.wav` in `bundled`. The folder may hold only some kinds; which format a
    /// file is in is libsndfile's to find out when it is loaded, so `end.au` or `End.WAV` is
    /// the end chime, and one it cannot read is an error naming it, never the bundled chime
    /// in its place.
    public init(bundled: String, folder: String? = nil, overrides: [CueKind: String] = [:]) throws(SoundFolderError) {
        let found = try folder.map { folder throws(SoundFolderError) in
            try SoundLibrary.files(in: folder, named: SoundLibrary.entries(of: folder))
        } ?? [:]
        var files: [CueKind: String] = [:]
        for kind in CueKind.chimes {
            files[kind] = overrides[kind] ?? found[kind] ?? "\(bundled)/\(kind.rawValue).wav"
        }
        self.files = files
    }

    /// Which of a folder's files is which kind's sound: the one whose name, less its last
    /// extension, is the kind's, in any case (`End.wav`, `end.au`, `end`); other files are
    /// left alone (`notes.txt`, `end.wav.bak`). Two for one kind are an error: which would
    /// play is a guess.
    public static func files(in folder: String, named names: [String]) throws(SoundFolderError) -> [CueKind: String] {
        var found: [CueKind: [String]] = [:]
        for name in names {
            let base = name.lastIndex(of: ".").map { $0 == name.startIndex ? name : String(name[..<$0]) } ?? name
            guard let kind = CueKind.chimes.first(where: { $0.rawValue.lowercased() == base.lowercased() }) else { continue }
            found[kind, default: []].append(name)
        }
        if let twice = found.filter({ $0.value.count > 1 }).min(by: { $0.key.rawValue < $1.key.rawValue }) {
            throw SoundFolderError(folder: folder, kind: twice.key, names: twice.value.sorted())
        }
        return found.mapValues { "\(folder)/\($0[0])" }
    }

    /// The names of what a folder holds, less its folders (a folder is no sound).
    private static func entries(of folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            var info = stat()
            guard name != ".", name != "..", stat("\(folder)/\(name)", &info) != 0 || info.st_mode & S_IFMT != S_IFDIR else {
                continue
            }
            names.append(name)
        }
        return names
    }

    /// Files longer than this are not cues; refusing them keeps a mistaken song out of memory.
    public static let longestSound = 30.0

    /// Every cue's sound at `sampleRate`, with the session's spoken lines (already converted).
    public func load(sampleRate: Int, speech: any SpokenLines = HeldLines([])) throws(SoundLoadError) -> CueBank {
        var sounds: [CueKind: [Float]] = [:]
        for kind in CueKind.chimes {
            let path = files[kind]!
            sounds[kind] = try SoundLibrary.decode(path, to: sampleRate)
        }
        return CueBank(sampleRate: sampleRate, sounds: sounds, lines: speech)
    }

    /// How long each chime sounds, from its file's header (nothing is decoded): the room a
    /// timeline keeps for it. The same files, and the same faults, as `load`.
    public func chimes() throws(SoundLoadError) -> Chimes {
        var lengths: [CueKind: Seconds] = [:]
        for kind in CueKind.chimes {
            let path = files[kind]!
            do {
                let file = try SoundLibrary.open(path)
                lengths[kind] = Seconds(file.frames, over: Int64(file.sampleRate))
                try file.close()
            } catch let error as SoundLoadError {
                throw error
            } catch let error as SoundFileError {
                throw SoundLoadError(path: path, reason: error.message)
            } catch {
                throw SoundLoadError(path: path, reason: "\(error)")
            }
        }
        return Chimes(lengths: lengths)
    }

    /// A cue's file opened for reading, once it is known to be one: a regular file with audio,
    /// not too long.
    private static func open(_ path: String) throws -> SoundFile {
        // libsndfile would wait for ever on a FIFO nobody writes to: only regular files are read.
        var info = stat()
        let regular = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            throw SoundLoadError(path: path, reason: "not a regular file (a pipe or a device)")
        }
        let file: SoundFile
        switch Result(catching: { () throws(SoundFileError) in try SoundFile(readingAt: path) }) {
        case .success(let opened):
            file = opened
        case .failure(let error):
            // libsndfile says a file does not exist when the decoder its name chose (mpg123 for
            // .mp3) cannot read it; the file is there, a regular one, as checked above.
            guard regular, error.message.contains("does not exist") else { throw error }
            throw SoundLoadError(path: path, reason: "libsndfile cannot read it as sound")
        }
        guard file.channels > 0, file.sampleRate > 0 else {
            throw SoundLoadError(path: path, reason: "it has no audio channels")
        }
        guard Double(file.frames) <= SoundLibrary.longestSound * Double(file.sampleRate) else {
            throw SoundLoadError(path: path, reason: "it lasts more than \(Int(SoundLibrary.longestSound)) s; a cue should be a short sound")
        }
        return file
    }

    static func decode(_ path: String, to sampleRate: Int) throws(SoundLoadError) -> [Float] {
        do {
            let file = try open(path)
            let interleaved = try file.readAll()
            try file.close()
            guard !interleaved.isEmpty else { throw SoundLoadError(path: path, reason: "it holds no audio") }
            let mono = downmix(interleaved, channels: file.channels)
            return try SampleRateConverter.convert(mono, channels: 1, from: file.sampleRate, to: sampleRate)
        } catch let error as SoundLoadError {
            throw error
        } catch let error as SoundFileError {
            throw SoundLoadError(path: path, reason: error.message)
        } catch let error as SampleRateError {
            throw SoundLoadError(path: path, reason: "cannot convert its rate: \(error)")
        } catch {
            throw SoundLoadError(path: path, reason: "\(error)")
        }
    }

    static func downmix(_ interleaved: [Float], channels: Int) -> [Float] {
        guard channels > 1 else { return interleaved }
        let frames = interleaved.count / channels
        let scale = 1 / Float(channels)
        return (0..<frames).map { frame in
            var sum: Float = 0
            for channel in 0..<channels { sum += interleaved[frame * channels + channel] }
            return sum * scale
        }
    }
}

/// A sounds folder with two files for one kind, named in one line.
public struct SoundFolderError: Error, Sendable, Equatable, CustomStringConvertible {
    public let folder: String
    public let kind: CueKind
    public let names: [String]

    public var description: String {
        "the sounds folder \(folder) has \(names.count) files for the \(kind.rawValue) sound "
            + "(\(names.joined(separator: ", "))): keep one, since only one can play"
    }
}

/// A cue sound that cannot be used, naming the file and the cause in one line.
public struct SoundLoadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): cannot use this cue sound: \(reason)" }
}
