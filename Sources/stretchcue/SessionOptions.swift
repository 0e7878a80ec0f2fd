import ArgumentParser
import Config
import Foundation
import Paths
import Routine

/// What every session-building command shares: which routine, and how to breathe through it.
struct SessionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The routine: a YAML file, or the name of one in the routines folder. Without one, the config file's, else the bundled lower-back routine.",
                                 valueName: "routine"),
              completion: .file(extensions: ["yaml", "yml"]))
    var routine: String?

    @Option(name: .long,
            help: ArgumentHelp("Breathing pattern for breath cues inside holds; wins over the routine's own.",
                               discussion: """
                                   6/min or 5.5/min (breaths a minute, in as long as out), 4-6 \
                                   (in-out seconds), 4-7-8 (in-hold-out), 4-4-4-4 (in-hold-out-hold), \
                                   box, 478, coherent (5.5/min), relaxed (4-6), or off. Each phase 1 to 30 s.
                                   """,
                               valueName: "pattern"),
            transform: { try BreathPattern(parsing: $0) })
    var breath: BreathPattern?

    /// Adds what these options chose to `choices`. A routine given as a path is made absolute,
    /// so that it means the same to a player running in another folder.
    func add(to choices: inout Config) {
        choices.routine = routine.map { text in
            RoutineReference(text, relativeTo: FileManager.default.currentDirectoryPath,
                             fileExists: FileManager.default.fileExists(atPath:)).description
        }
        choices.breath = breath
    }
}

/// The sound device to play on.
struct DeviceOption: ParsableArguments {
    @Option(name: [.customShort("D"), .long],
            help: ArgumentHelp("The sound device: default, pulse, plughw:CARD=Device, ... (stretchcue devices lists them); `default` unless the config file says.",
                               valueName: "device"))
    var device: String?

    func validate() throws {
        if device?.isEmpty == true { throw ValidationError("-D needs a device name, such as default or pulse") }
    }
}

/// The control socket of the person's player.
struct SocketOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The control socket, if not the default ($XDG_RUNTIME_DIR/stretchcue/control).",
                                            valueName: "path"),
            completion: .file())
    var socket: String?

    var path: String { socket ?? Paths().controlSocket }
}

extension Config {
    /// What a command's options chose, in the config file's terms: the one place options
    /// become settings.
    static func chosen(session: SessionOptions? = nil, sound: SoundOptions? = nil, voice: VoiceOptions? = nil,
                       device: DeviceOption? = nil) -> Config {
        var choices = Config()
        session?.add(to: &choices)
        sound?.add(to: &choices)
        voice?.add(to: &choices)
        choices.device = device?.device
        return choices
    }
}

/// Buttons on an input device, for the player that plays the session.
struct ButtonsOption: ParsableArguments {
    @Option(name: .long,
            help: ArgumentHelp("An input device whose media keys control the session: a path such as /dev/input/by-id/..., or the device's name (stretchcue devices --buttons lists them). Repeatable; over the config file's buttons devices.",
                               valueName: "device"),
            completion: .file())
    var buttons: [String] = []

    func validate() throws {
        if buttons.contains(where: \.isEmpty) { throw ValidationError("--buttons needs a device: a path in /dev/input, or its name") }
    }

    /// An absolute path for a relative one; a name as given.
    func add(to choices: inout Config) {
        guard !buttons.isEmpty else { return }
        choices.buttons = ButtonSettings(devices: buttons.map { device in
            device.contains("/") && !device.hasPrefix("/") ? FileManager.default.currentDirectoryPath + "/" + device : device
        })
    }
}
