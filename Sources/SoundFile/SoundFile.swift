import CSndFile
import Glibc

/// An audio file opened through libsndfile, for reading or for writing float samples.
/// Each method is one libsndfile call.
public final class SoundFile: @unchecked Sendable {
    // A SNDFILE is used by one thread at a time: whoever opened it.
    private let handle: OpaquePointer
    private var isOpen = true
    public let path: String
    public let sampleRate: Int
    public let channels: Int
    /// As the header says; may be wrong for a truncated file, so reading stops at the data's end.
    public let frames: Int64

    /// What to write: container and sample encoding.
    public enum Format: Sendable, CaseIterable {
        case wav16, wavFloat, flac16, oggVorbis
        /// WAV's successor for more than 4 GiB of samples (RIFF sizes are 32 bits).
        case rf64wav16
        /// Sun/NeXT audio: a header that need not be finished last, so it streams down a pipe.
        case au16
        /// Bare 16-bit little-endian samples, no header.
        case raw16

        public static let extensions = ["wav", "flac", "ogg", "au"]

        public init?(fileExtension: String) {
            switch fileExtension.lowercased() {
            case "wav", "wave": self = .wav16
            case "flac": self = .flac16
            case "ogg", "oga": self = .oggVorbis
            case "au", "snd": self = .au16
            case "raw", "pcm": self = .raw16
            default: return nil
            }
        }

        /// libsndfile writes WAV's header last, which a pipe cannot take back.
        public var streams: Bool { self != .wav16 && self != .wavFloat && self != .rf64wav16 }

        var sndfileValue: Int32 {
            switch self {
            case .wav16: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_PCM_16)
            case .wavFloat: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_FLOAT)
            case .flac16: Int32(SF_FORMAT_FLAC) | Int32(SF_FORMAT_PCM_16)
            case .oggVorbis: Int32(SF_FORMAT_OGG) | Int32(SF_FORMAT_VORBIS)
            case .rf64wav16: Int32(SF_FORMAT_RF64) | Int32(SF_FORMAT_PCM_16)
            case .au16: Int32(SF_FORMAT_AU) | Int32(SF_FORMAT_PCM_16)
            case .raw16: Int32(SF_FORMAT_RAW) | Int32(SF_FORMAT_PCM_16) | Int32(SF_ENDIAN_LITTLE)
            }
        }

        /// An encoding that changes the samples (Vorbis), overshooting their peaks a little.
        public var isLossy: Bool { self == .oggVorbis }

        /// Integer encodings wrap around on samples at full scale unless told to clip.
        var needsClipping: Bool { self != .wavFloat && self != .oggVorbis }
    }

    public init(readingAt path: String) throws(SoundFileError) {
        var info = SF_INFO()
        let open = { sf_open(path, Int32(SFM_READ), &info) }
        guard let opened = SoundFile.isMPEG(path) ? SoundFile.quietly(open) : open() else {
            throw SoundFileError.last(nil, call: "sf_open", path: path)
        }
        handle = opened
        self.path = path
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        frames = info.frames
    }

    /// libsndfile hands an MPEG file to mpg123, which prints notes of its own on standard error
    /// when the file is not what its name says. The error thrown says it in one line, so their
    /// notes are kept off the person's terminal while such a file opens: a moment, and for
    /// these files alone, since standard error is the whole process's (another thread's log
    /// line in that moment would be lost).
    static func isMPEG(_ path: String) -> Bool {
        ["mp3", "mp2", "mp1", "mpga"].contains { path.lowercased().hasSuffix("." + $0) }
    }

    private static func quietly<Result>(_ body: () -> Result) -> Result {
        let null = Glibc.open("/dev/null", O_WRONLY | O_CLOEXEC)
        let saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0)
        guard null >= 0, saved >= 0 else {
            if null >= 0 { Glibc.close(null) }
            if saved >= 0 { Glibc.close(saved) }
            return body()
        }
        dup2(null, STDERR_FILENO)
        Glibc.close(null)
        defer {
            dup2(saved, STDERR_FILENO)
            Glibc.close(saved)
        }
        return body()
    }

    /// Reads from an open descriptor, from where it stands (a program's output in a file with
    /// no name, say); the descriptor stays open after `close`. `name` stands for it in errors.
    public init(readingFrom descriptor: Int32, name: String) throws(SoundFileError) {
        // libsndfile closes the descriptor when it cannot open it, whatever it is told: it is
        // given a copy of its own, which it closes in every case.
        let copy = dup(descriptor)
        guard copy >= 0 else {
            throw SoundFileError(code: errno, call: "dup", path: name, message: String(cString: strerror(errno)))
        }
        var info = SF_INFO()
        guard let opened = sf_open_fd(copy, Int32(SFM_READ), &info, 1) else {
            throw SoundFileError.last(nil, call: "sf_open_fd", path: name)
        }
        handle = opened
        path = name
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        frames = info.frames
    }

    public convenience init(writingAt path: String, format: Format, sampleRate: Int, channels: Int) throws(SoundFileError) {
        var info = SoundFile.info(format, sampleRate: sampleRate, channels: channels)
        guard let opened = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw SoundFileError.last(nil, call: "sf_open", path: path)
        }
        self.init(writing: opened, path: path, format: format, sampleRate: sampleRate, channels: channels)
    }

    /// Writes to an open descriptor, such as standard output into a pipe (a format that
    /// `streams`); the descriptor stays open after `close`. `name` stands for it in errors.
    public convenience init(writingTo descriptor: Int32, name: String, format: Format, sampleRate: Int, channels: Int)
        throws(SoundFileError) {
        var info = SoundFile.info(format, sampleRate: sampleRate, channels: channels)
        guard let opened = sf_open_fd(descriptor, Int32(SFM_WRITE), &info, 0) else {
            throw SoundFileError.last(nil, call: "sf_open_fd", path: name)
        }
        self.init(writing: opened, path: name, format: format, sampleRate: sampleRate, channels: channels)
    }

    private static func info(_ format: Format, sampleRate: Int, channels: Int) -> SF_INFO {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format.sndfileValue
        return info
    }

    private init(writing opened: OpaquePointer, path: String, format: Format, sampleRate: Int, channels: Int) {
        handle = opened
        self.path = path
        self.sampleRate = sampleRate
        self.channels = channels
        frames = 0
        if format.needsClipping { setClipping(true) }
    }

    deinit {
        if isOpen { sf_close(handle) }
    }

    /// Reads interleaved frames into `buffer`; returns how many, 0 at the end.
    public func readFrames(into buffer: UnsafeMutableBufferPointer<Float>) -> Int {
        Int(sf_readf_float(handle, buffer.baseAddress, sf_count_t(buffer.count / channels)))
    }

    public func writeFrames(_ interleaved: UnsafeBufferPointer<Float>) throws(SoundFileError) {
        let count = sf_count_t(interleaved.count / channels)
        guard sf_writef_float(handle, interleaved.baseAddress, count) == count else {
            throw SoundFileError.last(handle, call: "sf_writef_float", path: path)
        }
    }

    /// Clamps out-of-range samples instead of letting integer formats wrap around.
    public func setClipping(_ on: Bool) {
        sf_command(handle, Int32(SFC_SET_CLIPPING), nil, on ? Int32(SF_TRUE) : Int32(SF_FALSE))
    }

    /// Finishes the file (writing headers); errors here mean the file is incomplete.
    public func close() throws(SoundFileError) {
        guard isOpen else { return }
        isOpen = false
        let result = sf_close(handle)
        guard result == 0 else {
            throw SoundFileError(code: result, call: "sf_close", path: path,
                                 message: String(cString: sf_error_number(result)))
        }
    }

    /// Every frame in the file, interleaved.
    public func readAll() throws(SoundFileError) -> [Float] {
        var samples: [Float] = []
        samples.reserveCapacity(Int(max(0, min(frames, 1 << 24))) * channels)
        var chunk = [Float](repeating: 0, count: 8192 * channels)
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { readFrames(into: $0) }
            if count <= 0 { break }
            samples += chunk[0..<count * channels]
        }
        let code = sf_error(handle)
        if code != 0 { throw SoundFileError.last(handle, call: "sf_readf_float", path: path) }
        return samples
    }
}
