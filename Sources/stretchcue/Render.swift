import ArgumentParser
import Config
import Foundation
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
        // Until the file is opened, Ctrl-C ends the program at once: nothing is on disk yet.
        let settings = try ConfigFile.settings(Config.chosen(session: session, sound: sound, voice: voice))
        let (timeline, narration) = try settings.timeline(sampleRate: rate, notice: printNotice)
        let mixer = settings.mixer(for: timeline, bank: try settings.bank(for: timeline, narration: narration),
                                   notice: printNotice)
        let asked = SoundFile.Format(fileExtension: URL(fileURLWithPath: output).pathExtension)!
        let format = SessionFile.format(asked, frames: mixer.endFrame, channels: channels)
        Interruption.install()
        try AtomicFile.write(to: output) { temporary in
            try SessionFile.write(mixer, to: temporary, format: format, channels: channels)
        }
    }
}
