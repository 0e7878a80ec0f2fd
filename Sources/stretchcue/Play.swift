import ArgumentParser
import Control
import Foundation
import Player

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

    @Option(name: [.customShort("D"), .long],
            help: ArgumentHelp("ALSA device to play on; `default` unless the config file says.", valueName: "device"))
    var device: String?

    @Flag(name: .shortAndLong, help: "Also print the device's format.")
    var verbose = false

    @Flag(name: .long, help: "Go on from the exercise where the last session was interrupted.")
    var resume = false

    func run() throws {
        let choices = EffectiveSettings.choices(session: session, sound: sound, voice: voice, device: device)
        let prepared = try PreparedSession(settings: try EffectiveSettings(commandLine: choices), resume: resume,
                                           notice: printError)
        if verbose { printError("stretchcue: \(prepared.device): \(prepared.format)") }
        printLine(TimelineReport(prepared.timeline).heading())
        let server: ControlServer?
        do {
            server = try ControlServer(path: SocketAddress.defaultPath())
        } catch {
            server = nil
            let reason = error.code == EADDRINUSE ? "another player is running" : error.description
            printError("stretchcue: no remote control (\(reason)); keys and signals still work")
        }
        PlaySession(prepared, server: server, signals: SignalWatcher(), keyboard: Keyboard(), log: .console).run()
        do {
            try prepared.player.wait()
        } catch {
            throw Failure.system("sound device '\(prepared.device)' failed: \(error)")
        }
    }
}
