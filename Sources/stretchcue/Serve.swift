import ArgumentParser
import Config
import Control
import Glibc
import Paths
import Preparation
import Remote
import Session
import Storage

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wait in the background for sessions started with `stretchcue ctl start`.",
        discussion: """
            For a box with no screen, such as a Raspberry Pi with a speaker: run it as a \
            systemd user service (dist/stretchcue.service, docs/raspberry-pi.md), then start, \
            pause, skip and stop sessions from a shell, a timer or a script with stretchcue ctl. \
            While no session plays, the sound device stays closed (other programs may use it) \
            and the process sleeps without waking. `stretchcue play` in a terminal plays its \
            session here too, and controls it from there.

            Settings come from the options here, then the config file (stretchcue config), \
            then the defaults; `ctl start` names the routine and may set the breathing pattern \
            and the other session options. The config file is read as serve starts and again \
            on SIGHUP; a mistake in it stops serve from starting (on SIGHUP, the previous \
            settings stay).

            The phone remote (--remote, or remote: {listen: ADDRESS:PORT} in the config file) \
            serves a web page to start, pause, skip and stop sessions from a phone; the log says \
            where, and stretchcue remote prints its link and a QR code (docs/remote.md).

            Logs go to standard error, one line per event (the journal, under systemd). \
            With Type=notify, READY=1 is sent once the control socket listens. SIGTERM or \
            SIGINT ends a session with its fade, saves its place for `ctl start --resume`, \
            and exits 0.

            Examples:
              stretchcue serve
              stretchcue serve -D plughw:CARD=Device --volume -6
              stretchcue ctl start morning --breath 4-7-8
              stretchcue serve --remote 0.0.0.0:8765
            """
    )

    @OptionGroup var device: DeviceOption
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions
    @OptionGroup var socket: SocketOption
    @OptionGroup(title: "Phone remote") var remote: RemoteOption

    func run() throws {
        let own = Config.chosen(sound: sound, voice: voice, device: device)
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
        let phone = try (remote.address ?? file.remote).map { try RemoteFrontEnd.start($0, socket: path) }
        let output = ServiceOutput()
        let loop = PlayerLoop(mode: .serve, server: server, keyboard: nil, output: output)
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
        }
        output.tell("READY=1\n" + ServiceOutput.waiting)
        loop.run()
        phone?.stop()
        output.tell("STOPPING=1")
        output.logger.info("stopped")
    }
}
