import ArgumentParser
import Config
import Control
import Glibc
import Preparation
import Remote
import Session
import Storage

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a routine through a sound device, printing each cue as it sounds.",
        discussion: """
            The device is any ALSA PCM name: default, pulse, hw:1,0, plughw:CARD=Device, null, \
            or file:FILE=session.wav,FORMAT=wav to record what would be played. If the device \
            will not take 48 kHz, the session and its sounds are converted to its rate.

            While it plays: space pauses and resumes, n or → skips to the next exercise, p or \
            ← goes back (or restarts the current one), + and - (or ↑ and ↓) breathe faster or \
            slower, q stops with a short fade, ? lists the keys. SIGUSR1 toggles pause, SIGUSR2 \
            skips, SIGINT and SIGTERM stop (a second Ctrl-C exits at once). From another \
            shell: stretchcue ctl.

            One session plays at a time. When `stretchcue serve` is waiting, the session plays \
            there and this terminal controls it; when a session is already playing, play says \
            so and leaves it be.

            Examples:
              stretchcue play
              stretchcue play -D pulse --breath coherent
              stretchcue play my-routine.yaml --volume -6
              stretchcue play -D plughw:CARD=Device --sound end=gong.flac
              stretchcue play --voice off
              stretchcue play --voice-name en --voice-rate 130
              stretchcue play --remote 0.0.0.0:8765     a phone on the same network controls it
            """
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var device: DeviceOption
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions

    @Flag(name: .long, help: "Go on from the exercise where the last session was interrupted.")
    var resume = false

    @Flag(name: .shortAndLong, help: "A line for every cue, breaths included, and the device's format (on a terminal the default is a line per exercise and side).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No cue lines: the status line alone.")
    var quiet = false

    @OptionGroup var socket: SocketOption
    @OptionGroup(title: "Phone remote") var remote: RemoteOption

    func validate() throws {
        if verbose, quiet { throw ValidationError("--verbose and --quiet ask for opposite things; give one") }
    }

    func run() throws {
        let choices = Config.chosen(session: session, sound: sound, voice: voice, device: device)
        let path = socket.path
        switch Neighbour(at: path) {
        case .waiting:
            let phone = try phoneRemote(path)
            defer { phone?.stop() }
            if let status = try RemoteSession(path: path, verbose: verbose, quiet: quiet).run(StartOptions(choices, resume: resume)) {
                throw ExitCode(status)
            }
            return
        case .playing:
            throw Failure.refused("a session is already playing: stretchcue ctl status says where, stretchcue ctl stop ends it")
        case .none:
            break
        }
        let prepared = try PreparedSession(settings: try ConfigFile.settings(choices), resume: resume, store: PlaceFile(),
                                           notice: printNotice)
        if verbose { printNotice("\(prepared.device): \(prepared.format)") }
        let server: ControlServer?
        do {
            server = try ControlServer(path: path)
        } catch where error.code == EADDRINUSE {
            throw Failure.refused("a session started meanwhile: stretchcue ctl status says where")
        } catch {
            server = nil
            printNotice("no remote control (\(error)); keys and signals still work")
        }
        let phone = server == nil ? nil : try phoneRemote(path)
        defer { phone?.stop() }
        let keyboard = Keyboard()
        let loop = PlayerLoop(mode: .play, server: server, keyboard: keyboard, output: ConsoleOutput(keys: keyboard != nil, verbose: verbose, quiet: quiet))
        loop.run(playing: prepared)
        if let failure = loop.deviceFailure { throw failure }
        // Stopped by Ctrl-C (or SIGTERM): the status shells expect of a program a signal ended.
        if let status = loop.stoppedBy?.exitStatus { throw ExitCode(status) }
    }

    /// `--remote`: the phone remote for the player at `path`, its link printed here.
    private func phoneRemote(_ path: String) throws -> RemoteServer? {
        guard let address = remote.address else { return nil }
        let phone = try RemoteFrontEnd.start(address, socket: path)
        RemoteFrontEnd.announce(phone)
        return phone
    }
}

/// Who answers on the person's control socket.
enum Neighbour {
    /// Nobody: this process plays.
    case none
    /// A `serve` with no session: it plays, this process is its terminal.
    case waiting
    /// A session is playing.
    case playing

    init(at path: String) {
        guard let reply = try? ControlClient.send(.status, to: path, timeout: 2000), let status = reply.status else {
            self = .none
            return
        }
        self = status.state == .idle ? .waiting : .playing
    }
}
