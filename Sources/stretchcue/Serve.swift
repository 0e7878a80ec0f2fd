import ArgumentParser
import Control
import Foundation
import Logging

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wait in the background for sessions started with `stretchcue ctl start`.",
        discussion: """
            For a box with no screen, such as a Raspberry Pi with a speaker: run it as a \
            systemd user service (dist/stretchcue.service, docs/raspberry-pi.md), then start, \
            pause, skip and stop sessions from a shell, a timer or a script with stretchcue ctl. \
            While no session plays, the sound device stays closed (other programs may use it) \
            and the process sleeps without waking.

            Settings come from the options here, then the config file (stretchcue config), \
            then the defaults; `ctl start` names the routine and may set the breathing pattern. \
            The config file is read as serve starts and again on SIGHUP; a mistake in it stops \
            serve from starting (on SIGHUP, the previous settings stay).

            Logs go to standard error, one line per event (the journal, under systemd). \
            With Type=notify, READY=1 is sent once the control socket listens. SIGTERM or \
            SIGINT ends a session with its fade, saves its place for `ctl start --resume`, \
            and exits 0.

            Examples:
              stretchcue serve
              stretchcue serve -D plughw:CARD=Device --volume -6
              stretchcue ctl start morning --breath 4-7-8
            """
    )

    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions

    @Option(name: [.customShort("D"), .long],
            help: ArgumentHelp("ALSA device to play on; `default` unless the config file says.", valueName: "device"))
    var device: String?

    @Option(name: .long, help: ArgumentHelp("The control socket, if not the default.", valueName: "path"))
    var socket: String?

    func run() throws {
        let choices = EffectiveSettings.choices(sound: sound, voice: voice, device: device)
        let path = socket ?? SocketAddress.defaultPath()
        let file = try ConfigFile.load() // refuse a bad config file now, not at the first session
        let server: ControlServer
        do {
            server = try ControlServer(path: path)
        } catch {
            if error.code == EADDRINUSE { throw Failure.system("another player is running (it answers at \(path))") }
            throw Failure.system("cannot listen for stretchcue ctl: \(error)")
        }
        let service = Service(server: server, commandLine: choices, config: file)
        try service.run()
    }
}
