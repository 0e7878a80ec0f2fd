import ALSA
import ArgumentParser
import Control
import Foundation
import Mixer
import Player
import Routine
import Timeline

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a routine through a sound device, printing each cue as it sounds.",
        discussion: """
            The device is any ALSA PCM name: default, pulse, hw:1,0, plughw:CARD=Device, null, \
            or file:FILE=session.wav,FORMAT=wav to record what would be played. If the device \
            will not take 48 kHz, the session and its sounds are converted to its rate.

            While it plays: space pauses and resumes, n or → skips to the next exercise, p or \
            ← goes back (or restarts the current one), + and - breathe faster or slower, q stops \
            with a short fade, ? lists the keys. SIGUSR1 toggles pause, SIGUSR2 skips, SIGINT \
            and SIGTERM stop (a second Ctrl-C exits at once). From another shell: stretchcue ctl.

            Examples:
              stretchcue play
              stretchcue play -D pulse --breath coherent
              stretchcue play my-routine.yaml --volume -6
              stretchcue play -D plughw:CARD=Device --sound end=gong.flac
              stretchcue play --voice off
              stretchcue play --voice-name en --voice-rate 130
            """
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions

    @Option(name: [.customShort("D"), .long], help: ArgumentHelp("ALSA device to play on.", valueName: "device"))
    var device = "default"

    @Flag(name: .shortAndLong, help: "Also print the device's format.")
    var verbose = false

    @Flag(name: .long, help: "Go on from the exercise where the last session was interrupted.")
    var resume = false

    func run() throws {
        var session = self.session
        var saved: SavedPlace?
        if resume {
            guard let place = try SavedPlace.load() else {
                throw Failure.input("stretchcue: nothing to resume: no interrupted session is saved at \(SavedPlace.path)")
            }
            if let given = session.routinePath, URL(fileURLWithPath: given).standardizedFileURL.path != place.routine {
                throw Failure.input("stretchcue: --resume goes on with \(place.routine ?? "the bundled routine"); leave out '\(given)'")
            }
            if let path = place.routine, !FileManager.default.fileExists(atPath: path) {
                throw Failure.input("stretchcue: cannot resume: the routine \(path) no longer exists")
            }
            session.routinePath = place.routine
            if session.breath == nil, let text = place.breath { session.breath = try? BreathPattern(parsing: text) }
            saved = place
        }
        let (routine, routinePath) = try session.loadRoutine()
        let narration = try voice.narration(for: routine)
        LibraryErrors.silence()
        let output: AudioOutput
        do {
            output = try AudioOutput(device: device)
        } catch {
            throw Failure.system("cannot open sound device '\(device)': \(error)")
        }
        defer { output.close() }
        if verbose { printError("stretchcue: \(device): \(output.format)") }
        let timeline = try SessionOptions.compile(routine, settings: session.settings(sampleRate: output.format.rate,
                                                                                      narration: narration))
        let fingerprint = SavedPlace.fingerprint(of: routinePath)
        var startFrame = 0
        if let saved {
            let index = min(saved.exercise, routine.exercises.count - 1)
            if saved.fingerprint != fingerprint {
                printError("stretchcue: the routine changed since it was interrupted; starting exercise \(index + 1) " +
                           "(\(routine.exercises[index].name)) from its beginning")
            }
            startFrame = timeline.exercises[index].startFrame
        }
        let place = SavedPlace(routine: session.routinePath.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
                               fingerprint: fingerprint, exercise: 0, exerciseName: "",
                               breath: session.breath?.description, savedAt: Date())
        let mixer = Mixer(timeline: timeline, bank: try sound.bank(for: timeline, narration: narration),
                          volumeDecibels: sound.volume)
        let player = Player(output: output, mixer: mixer, from: startFrame)
        printLine(TimelineReport(timeline).heading())
        PlaySession(player: player, timeline: timeline, controlPath: SocketAddress.defaultPath(), place: place).run()
        do {
            try player.wait()
        } catch {
            throw Failure.system("sound device '\(device)' failed: \(error)")
        }
    }
}
