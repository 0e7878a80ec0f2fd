import ArgumentParser
import Config
import Foundation
import Paths
import Routine
import Session
import Storage

/// What every session-building command shares: which routine, and how to breathe through it.
struct SessionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A routine file or name; by default lower-back.",
                                 valueName: "routine"),
              completion: .custom(SessionOptions.complete))
    var routine: String?

    /// What a shell offers for a routine: the names `stretchcue routines` lists, and the YAML
    /// files in the current folder.
    @Sendable static func complete(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let names = (try? ConfigFile.settings(Config())).map(RoutineCatalog.names) ?? []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: ".")) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        return (names + files).filter { $0.hasPrefix(prefix) }
    }

    @Option(name: .long,
            help: ArgumentHelp("Breathing in the holds: 6/min (the default), 5.5/min, 4-6, 4-7-8, box, coherent, relaxed, off.",
                               valueName: "pattern"),
            transform: { try BreathPattern(parsing: $0) })
    var breath: BreathPattern?

    @Option(name: .long,
            help: ArgumentHelp("Fit the session to 10m, 1h, ...: its holds scale.",
                               valueName: "length"),
            transform: SessionOptions.parseLength)
    var length: Seconds?

    static func parseLength(_ text: String) throws -> Seconds {
        do {
            return try Config.length(parsing: text)
        } catch {
            throw ValidationError(error.message.replacingOccurrences(of: "the length must", with: "must"))
        }
    }

    /// Adds what these options chose to `choices`. A routine given as a path is made absolute,
    /// so that it means the same to a player running in another folder.
    func add(to choices: inout Config) {
        choices.routine = routine.map(SessionOptions.reference)
        choices.breath = breath
        choices.length = length
    }

    /// A routine as typed: a path made absolute, or a name to look up.
    static func reference(_ text: String) -> String {
        RoutineReference(text, relativeTo: FileManager.default.currentDirectoryPath,
                         fileExists: FileManager.default.fileExists(atPath:)).description
    }
}

/// The sound device to play on.
struct DeviceOption: ParsableArguments {
    @Option(name: [.customShort("D"), .long],
            help: ArgumentHelp("Where to play: default, pulse, plughw:CARD=Device, ... (stretchcue devices).",
                               valueName: "device"))
    var device: String?

    func validate() throws {
        if device?.isEmpty == true { throw ValidationError("-D needs a device name, such as default or pulse") }
    }
}

/// The control socket of the person's player.
struct SocketOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The control socket, if not the default ($XDG_RUNTIME_DIR/stretchcue/control).",
                                            valueName: "path", visibility: .hidden),
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
            help: ArgumentHelp("A media remote whose keys control the session (stretchcue devices --buttons).",
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
