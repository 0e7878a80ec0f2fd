import ArgumentParser
import Config
import Control
import Foundation
import Buttons
import Glibc
import MPRIS
import Preparation
import Remote
import Session
import Storage

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a routine on your speaker, showing each exercise as it begins.",
        discussion: """
            While it plays: space pauses and resumes, n or → skips to the next exercise, p or ← \
            goes back, + and - breathe faster or slower, q stops; ? lists the keys. Stopped \
            early, stretchcue play --resume goes on from there.

            Examples:
              stretchcue play                         the bundled routine
              stretchcue play morning --breath box    your routine, box breathing
              stretchcue play --length 10m            all of it in ten minutes
              stretchcue play -D pulse --volume -6    another device, quieter
              stretchcue play --voice off             chimes only, no voice

            More: stretchcue ctl pause, next, stop and status work from another shell, and \
            the desktop's media keys too (MPRIS). -D takes any ALSA device name, \
            file:FILE=session.wav,FORMAT=wav among them (a device that will not take 48 kHz \
            gets the session at its own rate). SIGUSR1 toggles pause, SIGUSR2 skips, SIGINT \
            and SIGTERM stop (a second Ctrl-C exits at once). With a waiting stretchcue serve, \
            the session plays there and this terminal controls it.
            """
    )

    // The sections a newcomer reads first come first: the session, then the sound.
    @OptionGroup(title: "Session") var session: SessionOptions
    @OptionGroup(title: "Session") var flags: PlayFlags
    @OptionGroup(title: "Sound") var device: DeviceOption
    @OptionGroup(title: "Sound") var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions
    @OptionGroup var socket: SocketOption
    @OptionGroup(title: "Buttons") var buttons: ButtonsOption
    @OptionGroup(title: "Phone remote") var remote: RemoteOption

    var resume: Bool { flags.resume }
    var verbose: Bool { flags.verbose }
    var quiet: Bool { flags.quiet }

    func run() throws {
        var choices = Config.chosen(session: session, sound: sound, voice: voice, device: device)
        buttons.add(to: &choices)
        let path = socket.path
        switch Neighbour(at: path) {
        case .waiting:
            let phone = phoneRemote(path)
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
        let preparing = ProgressLine("getting ready")
        let settings = try ConfigFile.settings(choices)
        let prepared = try PreparedSession(settings: settings, resume: resume, store: PlaceFile(),
                                           notice: printNotice, progress: preparing.update)
        preparing.finish()
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
        let phone = server == nil ? nil : phoneRemote(path)
        defer { phone?.stop() }
        let keyboard = Keyboard()
        let output = ConsoleOutput(keys: keyboard != nil, verbose: verbose, quiet: quiet)
        let loop = PlayerLoop(mode: .play, server: server, keyboard: keyboard, output: output)
        loop.remote = phone?.address
        if let media = MediaPlayerService(MediaPlayer2(canQuit: true, canStart: false), environment: ProcessInfo.processInfo.environment,
                                          notice: output.notice) {
            loop.add(media)
        }
        for buttons in ButtonService.all(settings.buttons, notice: output.notice) { loop.add(buttons) }
        loop.run(playing: prepared)
        if let failure = loop.deviceFailure { throw failure }
        // Stopped by Ctrl-C (or SIGTERM): the status shells expect of a program a signal ended.
        if let status = loop.stoppedBy?.exitStatus { throw ExitCode(status) }
    }

    /// `--remote`: the phone remote for the player at `path`, its link printed here. One the
    /// system will not let listen (its port taken) leaves the session to play without it: the
    /// session is what the person asked for, and the line tells them the phone cannot reach it.
    private func phoneRemote(_ path: String) -> RemoteServer? {
        guard let address = remote.address else { return nil }
        let phone = RemoteFrontEnd.start(address, socket: path) { printNotice("\($0); the session plays without it") }
        if let phone { RemoteFrontEnd.announce(phone) }
        return phone
    }
}

/// How much of the session `play` tells, and where it begins.
struct PlayFlags: ParsableArguments {
    @Flag(name: .long, help: "Go on where the last session of the routine stopped.")
    var resume = false

    @Flag(name: .shortAndLong, help: "A line for every cue, and the device's format.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No cue lines: the status line alone.")
    var quiet = false

    func validate() throws {
        if verbose, quiet { throw ValidationError("--verbose and --quiet ask for opposite things; give one") }
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
