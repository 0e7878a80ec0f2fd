import ArgumentParser
import Config
import Foundation
import Glibc
import Mixer
import Preparation
import Session
import SoundFile
import Storage
import Timeline

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a whole session to an audio file, no sound device needed.",
        discussion: """
            The format follows the file's extension (.wav 16-bit, .flac, .ogg Vorbis, .au) or \
            --format. The file is written under a temporary name beside the target and renamed \
            when complete, so a failure or Ctrl-C never leaves half a session under your name; \
            a file it replaces keeps its permissions. -o - writes to standard output, to pipe \
            into another program (au unless --format says; libsndfile cannot stream WAV, whose \
            header is written last). One line at the end says what was written (on standard \
            error with -o -).

            Examples:
              stretchcue render -o session.wav
              stretchcue render my-routine.yaml --breath 4-7-8 -o morning.flac
              stretchcue render -o - | aplay
              stretchcue render -o - --format flac | ffmpeg -i - session.mp3
              stretchcue render --sound end=gong.wav --channels 1 -o test.ogg
            """ + "\n\n" + VoiceOptions.listedInPlay
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance", visibility: .hidden) var voice: VoiceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (.wav, .flac, .ogg, .au), or - for standard output.",
                                                    valueName: "file"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("The format, over the file's extension.", valueName: "wav|flac|ogg|au|raw"))
    var format: FileFormat?

    @Option(name: .long, help: "Sample rate of the file, in Hz.")
    var rate: Int = Defaults.sampleRate

    @Option(name: .long, help: "Channels in the file: 1 (mono) or 2 (the same signal on both).")
    var channels: Int = 2

    /// The formats a person names, as `--format` takes them.
    enum FileFormat: String, ExpressibleByArgument, CaseIterable {
        case wav, flac, ogg, au, raw

        var sound: SoundFile.Format { SoundFile.Format(fileExtension: rawValue)! }
    }

    var toStandardOutput: Bool { output == "-" }

    /// What to write: --format, else the extension, else (standard output) au.
    var chosenFormat: SoundFile.Format? {
        if let format { return format.sound }
        if toStandardOutput { return .au16 }
        return SoundFile.Format(fileExtension: URL(fileURLWithPath: output).pathExtension)
    }

    func validate() throws {
        guard let chosen = chosenFormat else {
            throw ValidationError("cannot tell the format of '\(output)': name it .wav, .flac, .ogg or .au, or give --format")
        }
        if toStandardOutput {
            if isatty(STDOUT_FILENO) == 1 {
                throw ValidationError("-o - writes sound to standard output: pipe it into a player (stretchcue render -o - | aplay)")
            }
            var info = stat()
            let seekable = fstat(STDOUT_FILENO, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            if !chosen.streams, !seekable {
                throw ValidationError("WAV cannot be streamed into a pipe (its header is written last): use --format au, flac or raw")
            }
        }
        if let problem = Defaults.problem(sampleRate: rate) { throw ValidationError("--rate \(problem)") }
        guard (1...2).contains(channels) else { throw ValidationError("--channels must be 1 or 2; got \(channels)") }
    }

    func run() throws {
        let began = ContinuousClock.now
        // Until the file is opened, Ctrl-C ends the program at once: nothing is on disk yet.
        let settings = try ConfigFile.settings(Config.chosen(session: session, sound: sound, voice: voice))
        let speaking = ProgressLine("speaking the lines")
        let (timeline, narration) = try settings.timeline(sampleRate: rate, notice: printNotice, progress: speaking.update)
        speaking.finish()
        let mixer = settings.mixer(for: timeline, bank: try settings.bank(for: timeline, narration: narration),
                                   lossy: chosenFormat!.isLossy, notice: printNotice)
        let format = SessionFile.format(chosenFormat!, frames: mixer.endFrame, channels: channels)
        let name = toStandardOutput ? "standard output" : output
        let writing = ProgressLine("writing \(name)")
        defer { writing.finish() }
        Interruption.install()
        if toStandardOutput {
            let file: SoundFile
            do {
                file = try SoundFile(writingTo: STDOUT_FILENO, name: name, format: format, sampleRate: rate, channels: channels)
            } catch {
                throw Failure.system("cannot write \(name): \(error.message)")
            }
            do {
                try SessionFile.write(mixer, into: file, progress: writing.update)
            } catch let failure as WriteFailure {
                throw Failure.system("cannot write \(name): \(failure.reason)")
            }
        } else {
            try AtomicFile.write(to: output) { temporary in
                let file = try SessionFile.open(temporary, format: format, rate: rate, channels: channels)
                try SessionFile.write(mixer, into: file, progress: writing.update)
            }
        }
        writing.finish()
        // Standard output may be the sound itself.
        let summary = Render.summary(name: name, frames: mixer.endFrame, rate: rate,
                                     bytes: toStandardOutput ? nil : Render.size(of: output), took: ContinuousClock.now - began)
        if toStandardOutput { printError(summary) } else { print(summary) }
    }

    /// "wrote session.flac: 16:05 of sound, 23.4 MiB, in 0.8 s".
    static func summary(name: String, frames: Int, rate: Int, bytes: Int?, took: Duration) -> String {
        let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        let size = bytes.map { ", \(Cache.size($0))" } ?? ""
        return "wrote \(name): \(Clock.length(frames: frames, rate: rate)) of sound\(size), in \(String(format: "%.1f", seconds)) s"
    }

    static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}
