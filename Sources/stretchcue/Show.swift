import ArgumentParser
import Config
import Foundation
import Preparation
import Routine
import Session
import Storage
import Timeline

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a routine's timeline: when each chime sounds, and why.",
        discussion: """
            Each line gives the time (mm:ss), the exercise (n/N), its name, the side, the cue \
            and what it asks of you; a spoken line shows its words. The voice is synthesized \
            here too, since its lines decide how long the pauses before holds must be. --json prints the same timeline for scripts, with exact \
            frames; its fields are described in docs/routine-format.md.

            Examples:
              stretchcue show
              stretchcue show my-routine.yaml --breath box
              stretchcue show --voice off
              stretchcue show --json | jq '.cues[] | select(.kind == "end")'
            """ + "\n\n" + VoiceOptions.listedInPlay
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup(title: "Spoken guidance", visibility: .hidden) var voice: VoiceOptions

    @Option(name: .long, help: "Sample rate the frames are counted at, in Hz.")
    var rate: Int = Defaults.sampleRate

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if let problem = Defaults.problem(sampleRate: rate) { throw ValidationError("--rate \(problem)") }
    }

    func run() throws {
        let settings = try ConfigFile.settings(Config.chosen(session: session, voice: voice))
        let speaking = ProgressLine("speaking the lines")
        let timeline = try settings.timeline(sampleRate: rate, notice: printNotice, progress: speaking.update).timeline
        speaking.finish()
        if json {
            print(try TimelineReport(timeline).json())
        } else {
            print(TimelineReport(timeline).text())
        }
    }
}
