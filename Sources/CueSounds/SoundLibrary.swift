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

    /// The kinds' files found in a folder: `<kind>.wav`, or any other name libsndfile reads.
    public static let extensions = ["wav", "flac", "ogg", "oga", "aiff", "aif"]

    /// Each kind's sound from `overrides`, else `folder` (which may hold only some kinds, in
    /// any of `extensions`), else the bundled `<kind>.wav` in `bundled`.
    public init(bundled: String, folder: String? = nil, overrides: [CueKind: String] = [:]) {
        var files: [CueKind: String] = [:]
        for kind in CueKind.chimes {
            let chosen = folder.flatMap { folder -> String? in
                let candidates = SoundLibrary.extensions.map { "\(folder)/\(kind.rawValue).\($0)" }
                return candidates.first { (path: String) in access(path, F_OK) == 0 }
            }
            files[kind] = overrides[kind] ?? chosen ?? "\(bundled)/\(kind.rawValue).wav"
        }
        self.files = files
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
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            throw SoundLoadError(path: path, reason: "not a regular file (a pipe or a device)")
        }
        let file = try SoundFile(readingAt: path)
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

/// A cue sound that cannot be used, naming the file and the cause in one line.
public struct SoundLoadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): cannot use this cue sound: \(reason)" }
}
