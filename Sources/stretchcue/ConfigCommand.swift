import ArgumentParser
import Config
import Foundation
import Paths
import Preparation
import Routine
import Session
import Storage

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the settings a session would use, and where each one comes from.",
        discussion: """
            Each setting comes from the command line if given there, else from the config file, \
            else the built-in default. The config file is $XDG_CONFIG_HOME/stretchcue/config.yaml \
            (~/.config/stretchcue/config.yaml); every key is optional:

              device: plughw:CARD=Device    # see stretchcue devices
              volume: -6                    # dB
              breath: 5.5/min               # as for --breath
              length: 20m                   # fit every session to 20 minutes
              routine: morning              # a file, or a name (routines)
              voice_name: en                # any espeak-ng voice
              buttons: {device: BT Remote}  # a media remote's keys
              remote: {listen: 0.0.0.0:8765} # the phone remote

            Also: routines, sounds, sound, voice, voice_engine, voice_rate, voice_command, \
            voice_pack, voice_timeout (docs/configuration.md, docs/voices.md; the buttons and the \
            phone remote, which stretchcue remote links to: docs/remote.md). \
            Relative paths are taken from the config file's folder; a mistake in the file is \
            reported as FILE:LINE:COLUMN. Give the same options as to play to see how they \
            combine with the file.

            Examples:
              stretchcue config
              stretchcue config -D pulse --volume -6
              stretchcue config --json | jq .device
            """ + "\n\n" + VoiceOptions.listedInPlay
    )

    @OptionGroup var session: SessionOptions
    @OptionGroup var device: DeviceOption
    @OptionGroup var sound: SoundOptions
    @OptionGroup(title: "Spoken guidance", visibility: .hidden) var voice: VoiceOptions
    @OptionGroup(title: "Buttons") var buttons: ButtonsOption
    @OptionGroup(title: "Phone remote") var remote: RemoteOption

    @Flag(name: .long, help: "Print one JSON object: each setting with its value and origin.")
    var json = false

    func run() throws {
        var choices = Config.chosen(session: session, sound: sound, voice: voice, device: device)
        buttons.add(to: &choices)
        choices.remote = remote.address
        let settings = try ConfigFile.settings(choices)
        let rows = try ConfigCommand.rows(settings)
        let path = Paths().configFile
        let found = FileManager.default.fileExists(atPath: path)
        if json {
            var object: [String: Any] = ["config_file": path, "config_file_exists": found]
            for row in rows { object[row.key] = ["value": row.json, "origin": row.origin.rawValue] }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("config file: \(path)" + (found ? "" : " (none there: nothing set)"))
        let width = rows.map(\.value.count).max() ?? 0
        let keyWidth = rows.map(\.key.count).max() ?? 0
        for row in rows {
            let key = row.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            print("\(key) \(row.value.padding(toLength: width, withPad: " ", startingAt: 0))  (\(row.origin.rawValue))")
        }
    }

    struct Row {
        let key: String
        let value: String
        let json: Any
        let origin: ResolvedSettings.Origin
    }

    static func rows(_ settings: ResolvedSettings) throws(Failure) -> [Row] {
        var rows: [Row] = []
        func add<Value>(_ key: String, _ resolved: ResolvedSettings.Resolved<Value>, _ text: String, _ json: Any) {
            rows.append(Row(key: key, value: text, json: json, origin: resolved.origin))
        }
        add("device", settings.device, settings.device.value, settings.device.value)
        add("volume", settings.volume, String(format: "%g dB", settings.volume.value), settings.volume.value)
        let breath = settings.breath.value?.description
        add("breath", settings.breath, breath ?? "the routine's own, else 6/min", breath ?? NSNull())
        let length = settings.length.value
        add("length", settings.length, length.map(DurationText.format) ?? "the routine's own, else as written",
            length.map { $0.doubleValue } ?? NSNull())
        let routine = try settings.routineFile(fileExists: FileManager.default.fileExists(atPath:))
        add("routine", settings.routine, routine ?? "the bundled lower-back routine", routine ?? NSNull())
        add("routines", settings.routines, settings.routines.value, settings.routines.value)
        let sounds = try settings.soundsFolder()
        add("sounds", settings.sounds, sounds, sounds)
        add("voice", settings.voice, settings.voice.value ? "on" : "off", settings.voice.value)
        add("voice_engine", settings.voiceEngine, settings.voiceEngine.value.rawValue, settings.voiceEngine.value.rawValue)
        let builtInName = switch settings.voiceEngine.value {
        case .espeak: "the language's own (en-us for English)"
        case .flite: settings.voiceName.value
        case .command: "the command's own"
        }
        let voiceName = settings.voiceName.origin == .builtIn ? builtInName : settings.voiceName.value
        add("voice_name", settings.voiceName, voiceName, settings.voiceName.value.isEmpty ? NSNull() : settings.voiceName.value)
        add("voice_rate", settings.voiceRate, "\(settings.voiceRate.value) words a minute", settings.voiceRate.value)
        let command = settings.voiceCommand.value
        add("voice_command", settings.voiceCommand, command ?? "none", command ?? NSNull())
        let pack = settings.voicePack.value
        add("voice_pack", settings.voicePack, pack ?? "none: the engine says every line", pack ?? NSNull())
        add("voice_timeout", settings.voiceTimeout, "\(settings.voiceTimeout.value) s a line, for a voice command",
            settings.voiceTimeout.value)
        add("guidance", settings.guidance, settings.guidance.value.rawValue, settings.guidance.value.rawValue)
        let language = settings.language.value
        add("language", settings.language, language ?? "the routine's lang:, else that of the voice, else en", language ?? NSNull())
        let countdown = settings.countdown.value
        add("countdown", settings.countdown, countdown.map { $0 == 0 ? "none" : "the last \($0) s of each hold" }
            ?? "each exercise's own, else none", countdown ?? NSNull())
        for (kind, file) in settings.sound.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            add("sound.\(kind.rawValue)", file, file.value, file.value)
        }
        // The player's own: `serve` reads them when it starts, `play` takes buttons too.
        let remote = settings.remote.value?.description
        add("remote", settings.remote, remote ?? "off", remote ?? NSNull())
        let devices = settings.buttonDevices.value
        add("buttons", settings.buttonDevices, devices.isEmpty ? "none" : devices.joined(separator: ", "),
            devices.isEmpty ? NSNull() : devices)
        for (code, request) in settings.buttonKeys.sorted(by: { $0.key < $1.key }) {
            let words = ButtonSettings.words(request.value)
            add("buttons.\(InputKeys.name(code))", request, words, words)
        }
        return rows
    }
}
