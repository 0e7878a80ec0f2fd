import ArgumentParser
import Config
import Control
import Foundation
import Buttons
import Glibc
import MPRIS
import Paths
import Preparation
import Remote
import Session
import Storage

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wait in the background for sessions started with `stretchcue ctl start`.",
        discussion: """
            For a box with no screen, such as a Raspberry Pi with a speaker: start, pause, \
            skip and stop its sessions from a shell, a timer or a script with stretchcue ctl. \
            While no session plays, the sound device stays free for other programs and the \
            process sleeps. stretchcue play in a terminal plays its session here too. The \
            desktop's media keys start, pause and skip them too (MPRIS), and so do the keys \
            of a media remote or a GPIO button named with --buttons, and a phone through the \
            web page of --remote (stretchcue remote prints its link; docs/remote.md).

            Examples:
              stretchcue serve
              stretchcue serve -D plughw:CARD=Device --volume -6
              stretchcue serve --buttons "BT Remote"
              stretchcue ctl start morning --breath 4-7-8
              stretchcue serve --remote 0.0.0.0:8765

            More: run it as a systemd user service (docs/raspberry-pi.md); it tells systemd \
            when it is ready (Type=notify) and logs one line per event to standard error (the \
            journal). Settings come from these options, then the config file, then the \
            defaults; ctl start may name the routine and override the rest. SIGHUP reads the \
            config file again (a mistake in it keeps the previous settings). SIGTERM ends a \
            session with its fade and saved place (ctl start --resume), and exits 0.
            """ + "\n\n" + VoiceOptions.listedInPlay
    )

    @OptionGroup var device: DeviceOption
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance", visibility: .hidden) var voice: VoiceOptions
    @OptionGroup var socket: SocketOption
    @OptionGroup(title: "Phone remote") var remote: RemoteOption
    @OptionGroup(title: "Buttons") var buttons: ButtonsOption

    func run() throws {
        var own = Config.chosen(sound: sound, voice: voice, device: device)
        buttons.add(to: &own)
        var file = try ConfigFile.load() // refuse a bad config file now, not at the first session
        let path = socket.path
        let server: ControlServer
        do {
            server = try ControlServer(path: path)
        } catch where error.code == EADDRINUSE {
            throw Failure.system("another player is running (it answers at \(path))")
        } catch {
            throw Failure.system("cannot listen for stretchcue ctl: \(error)")
        }
        let output = ServiceOutput()
        let phone = (remote.address ?? file.remote).flatMap { address in
            RemoteFrontEnd.start(address, socket: path) { output.logger.error("\($0); sessions are served without it") }
        }
        let loop = PlayerLoop(mode: .serve, server: server, keyboard: nil, output: output)
        loop.remote = phone?.address
        let environment = ProcessInfo.processInfo.environment
        if let media = MediaPlayerService(MediaPlayer2(canQuit: false, canStart: true), environment: environment,
                                          notice: { output.logger.warning("\($0)") }) {
            loop.add(media)
        }
        for buttons in ButtonService.all(ConfigFile.settings(own, file: file).buttons, notice: { output.logger.info("\($0)") }) {
            loop.add(buttons)
        }
        loop.plan = { options throws(Failure) in
            // What `ctl start` asks for goes over what serve was started with.
            let settings = ConfigFile.settings(own.overlaid(by: try Config(options)), file: file)
            return try SessionPlan(settings: settings, resume: options.resume, store: PlaceFile())
        }
        loop.reload = {
            output.tell("RELOADING=1")
            do throws(Failure) {
                file = try ConfigFile.load()
                output.logger.info("config file reloaded: \(Paths().configFile)")
            } catch {
                output.logger.error("config file not reloaded, the previous settings stay: \(error.message)")
            }
            output.tell("READY=1")
        }
        output.logger.info("waiting for sessions: stretchcue ctl start (control socket \(path))")
        if let phone {
            // The key stays out of the log: stretchcue remote prints it to the person alone.
            let base = RemoteLink.base(host: RemoteFrontEnd.host(phone.address), port: phone.address.port)
            let reach = RemoteFrontEnd.reach(phone.address).map { "; \($0)" } ?? ""
            output.logger.info("phone remote at \(base) (stretchcue remote prints its link with the key, and a QR code)\(reach)")
            // Started by hand on a terminal: that terminal is the person's, so the link and QR code go there too.
            if isatty(STDERR_FILENO) == 1 { RemoteFrontEnd.announce(phone) }
        }
        output.tell("READY=1\n" + ServiceOutput.waiting)
        loop.run()
        phone?.stop()
        output.tell("STOPPING=1")
        output.logger.info("stopped")
    }
}
