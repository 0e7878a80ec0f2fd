import ArgumentParser
import Config
import Foundation
import Mixer
import Session
import SoundFile
import Timeline

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a whole session to an audio file, no sound device needed.",
        discussion: """
            The format follows the file's extension: .wav (16-bit), .flac or .ogg (Vorbis). \
            The file is written under a temporary name beside the target and renamed when \
            complete, so a failure or Ctrl-C never leaves half a session under your name.

            Examples:
              stretchcue render -o session.wav
              stretchcue render my-routine.yaml --breath 4-7-8 -o morning.flac
              stretchcue render --sound end=gong.wav --channels 1 -o test.ogg
              stretchcue render --voice-name de --voice-rate 130 -o german.flac
            """
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (.wav, .flac or .ogg).", valueName: "file"))
    var output: String

    @Option(name: .long, help: "Sample rate of the file, in Hz.")
    var rate: Int = Defaults.sampleRate

    @Option(name: .long, help: "Channels in the file: 1 (mono) or 2 (the same signal on both).")
    var channels: Int = 2

    func validate() throws {
        guard SoundFile.Format(fileExtension: URL(fileURLWithPath: output).pathExtension) != nil else {
            throw ValidationError("cannot tell the format of '\(output)': name it .wav, .flac or .ogg")
        }
        if let problem = Defaults.problem(sampleRate: rate) { throw ValidationError("--rate \(problem)") }
        guard (1...2).contains(channels) else { throw ValidationError("--channels must be 1 or 2; got \(channels)") }
    }

    func run() throws {
        Interruption.install()
        let settings = try ConfigFile.settings(Config.chosen(session: session, sound: sound, voice: voice))
        let (timeline, narration) = try settings.timeline(sampleRate: rate, notice: printNotice)
        let mixer = Mixer(timeline: timeline, bank: try settings.bank(for: timeline, narration: narration),
                          volumeDecibels: settings.volume.value)
        let format = SoundFile.Format(fileExtension: URL(fileURLWithPath: output).pathExtension)!
        try AtomicFile.write(to: output) { temporary in
            try Render.write(mixer, to: temporary, format: format, channels: channels)
        }
    }

    /// Frames per call: large enough that the per-call cost vanishes, small enough to stay in cache.
    static let chunk = 16_384

    static func write(_ mixer: Mixer, to path: String, format: SoundFile.Format, channels: Int) throws {
        let rate = mixer.timeline.sampleRate
        let file: SoundFile
        do {
            file = try SoundFile(writingAt: path, format: format, sampleRate: rate, channels: channels)
        } catch {
            throw WriteFailure(reason: error.message)
        }
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
                frame += count
            }
            try file.close()
        } catch let error as SoundFileError {
            throw WriteFailure(reason: error.message)
        }
    }
}

struct WriteFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
