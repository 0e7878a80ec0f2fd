import ALSA
import ArgumentParser
import Buttons
import Config
import Evdev
import Foundation
import Mixer
import Player
import Preparation
import Routine
import Session
import Storage
import Timeline

struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the sound devices you can play on, or play one chime on one of them; or the input devices for buttons.",
        discussion: """
            Each line is a name to give to -D (or to 'device:' in the config file) and ALSA's \
            description of it. The device marked * is 'default', which plays when you name none. \
            A USB speaker appears as plughw:CARD=<card>,DEV=0 among others (hw:, front:, \
            sysdefault: ...): pick plughw, which converts whatever format the speaker needs. \
            'aplay -l' lists the cards themselves.

            With --buttons: the input devices in /dev/input whose keys can control a session \
            (a media remote, a USB button, a GPIO button), by path and name, either of which \
            goes to --buttons of play and serve or to 'buttons: device:' in the config file, \
            and the media keys each one has. Reading them needs the 'input' group.

            Examples:
              stretchcue devices
              stretchcue devices --test plughw:CARD=Device,DEV=0
              stretchcue devices --test default --volume -12
              stretchcue devices --json
              stretchcue devices --buttons
            """
    )

    @Option(name: .long, help: ArgumentHelp("Play one chime (the exercise cue) on this device, then exit.",
                                            valueName: "device"))
    var test: String?

    @Flag(name: .long, help: "Print the list as JSON, for scripts.")
    var json = false

    @Flag(name: .long, help: "List the input devices for buttons instead: path, name, and the media keys each has.")
    var buttons = false

    @OptionGroup var sound: SoundOptions

    func validate() throws {
        if json, test != nil { throw ValidationError("--json prints the list; leave it out with --test") }
        if buttons, json || test != nil { throw ValidationError("--buttons prints its own list; leave out --json and --test") }
    }

    func run() throws {
        LibraryErrors.silence()
        if buttons {
            try listInputDevices()
        } else if let test {
            try playChime(on: test)
        } else {
            let devices = try Devices.playbackDevices()
            printLine(json ? try DeviceList.json(devices) : DeviceList.text(devices))
        }
    }

    /// What ALSA lists for playback, with `default` first and marked. Without a sound card or
    /// sound server, ALSA's configuration lists no `default`; it is added with what opening it
    /// says, since that is what plays when no device is named.
    static func playbackDevices() throws -> [DeviceList.Entry] {
        let hints: [DeviceHint]
        do {
            hints = try DeviceHint.pcmDevices().filter(\.canPlay)
        } catch {
            throw Failure.system("cannot list the sound devices: \(error)")
        }
        let listed = hints.map { DeviceList.Entry(name: $0.name, description: $0.description, isDefault: $0.name == "default") }
        let defaults = listed.filter(\.isDefault)
        let others = listed.filter { !$0.isDefault }
        guard defaults.isEmpty else { return defaults + others }
        var status = "opens"
        do {
            // Non-blocking, so a device another program holds answers "busy" instead of waiting.
            try PCM(device: "default", nonBlocking: true).close()
        } catch {
            status = "cannot be opened: \(error.reason)"
        }
        return [DeviceList.Entry(name: "default", description: ["ALSA's default device", status], isDefault: true)] + others
    }

    /// Each event device with its name and the bound keys it has; those it cannot read, and why.
    private func listInputDevices() throws {
        let paths = ButtonService.devices(in: ButtonService.inputFolder)
        guard !paths.isEmpty else {
            throw Failure.system("no input devices in \(ButtonService.inputFolder)")
        }
        let keys = ButtonSettings().bindings.keys.sorted()
        for path in paths {
            do {
                let device = try InputDevice(path: path)
                let has = keys.filter(device.hasKey).map(InputKeys.name)
                printLine("  \(path.padding(toLength: 20, withPad: " ", startingAt: 0)) \(device.name)"
                          + (has.isEmpty ? "" : "  — \(has.joined(separator: " "))"))
            } catch {
                printLine("  \(path.padding(toLength: 20, withPad: " ", startingAt: 0)) (cannot read: \(error.reason))")
            }
        }
    }

    /// Plays the chime through the same player a session uses, so the test exercises the
    /// device exactly as a session will: a one-exercise routine whose other cues are silent.
    private func playChime(on device: String) throws {
        let output: AudioOutput
        do {
            output = try AudioOutput(device: device)
        } catch {
            throw Failure.cannotOpen(device, error)
        }
        defer { output.close() }
        let rate = output.format.rate
        let settings = try ConfigFile.settings(Config.chosen(sound: sound))
        let routine = Routine(name: "Device test", leadIn: .zero, outro: .zero, exercises: [
            Exercise(name: "Chime", hold: .time(Seconds(1)), transition: .zero, gap: .zero),
        ])
        let timeline = try ResolvedSettings.compile(routine, settings: Settings(sampleRate: rate))
        let chime = try settings.bank(for: timeline, narration: nil)[.exercise].samples
        let mixer = Mixer(timeline: timeline, bank: CueBank(sampleRate: rate, sounds: [.exercise: chime]),
                          volumeDecibels: settings.volume.value)
        printLine("Playing the exercise chime on '\(device)' (\(output.format.rate) Hz, \(output.format.channels) ch, \(output.format.sampleFormat))")
        let player = Player(output: output, mixer: mixer)
        player.start()
        do {
            try player.wait()
        } catch {
            throw Failure.system("sound device '\(device)' failed: \(error)")
        }
    }
}
