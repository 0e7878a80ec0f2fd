import Mixer
import SoundFile

/// A whole session written to an audio file, as `render` makes it.
public enum SessionFile {
    /// The format to write `frames` of `channels` in: a WAV whose samples would pass the
    /// 4 GiB its header can count (6 h 13 min at 48 kHz, stereo, 16-bit) is written as RF64,
    /// which players that read long WAV files read; anything else as asked.
    public static func format(_ asked: SoundFile.Format, frames: Int, channels: Int) -> SoundFile.Format {
        guard asked == .wav16, frames * channels * 2 > Int(UInt32.max) - (1 << 16) else { return asked }
        return .rf64wav16
    }

    /// Frames per call: large enough that the per-call cost vanishes, small enough to stay in cache.
    public static let chunk = 16_384

    /// The whole session into `file`, which it closes; `progress` hears the fraction written.
    public static func write(_ mixer: Mixer, into file: SoundFile, progress: (Double) -> Void = { _ in }) throws {
        let channels = file.channels
        let end = mixer.endFrame
        var buffer = [Float](repeating: 0, count: chunk * channels)
        var frame = 0
        do {
            while frame < end {
                try Interruption.check()
                let count = min(chunk, end - frame)
                try buffer.withUnsafeMutableBufferPointer { all in
                    let part = UnsafeMutableBufferPointer(rebasing: all[0..<count * channels])
                    mixer.render(from: frame, into: part, channels: channels)
                    try file.writeFrames(UnsafeBufferPointer(part))
                }
                // Written in order: the lines that ended are done with.
                mixer.mixed(through: frame..<(frame + count))
                frame += count
                progress(Double(frame) / Double(end))
            }
            try file.close()
        } catch let error as SoundFileError {
            throw WriteFailure(reason: error.message)
        }
    }

    /// Opens `path` for a session at `rate`, failing in the system's words.
    public static func open(_ path: String, format: SoundFile.Format, rate: Int, channels: Int) throws -> SoundFile {
        do {
            return try SoundFile(writingAt: path, format: format, sampleRate: rate, channels: channels)
        } catch {
            throw WriteFailure(reason: error.message)
        }
    }
}

/// Why a file could not be written, in the system's words.
public struct WriteFailure: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }

    public init(reason: String) {
        self.reason = reason
    }
}
