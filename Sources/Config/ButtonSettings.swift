import Control

/// Buttons that control the session: a Linux input device (a Bluetooth or USB media remote, a
/// button on a Raspberry Pi's GPIO pins) and what each of its keys asks for.
public struct ButtonSettings: Sendable, Equatable {
    /// Each a path (`/dev/input/by-id/...`, `/dev/input/event3`), or a device's name as the
    /// kernel gives it (`stretchcue devices --buttons` lists them). Several: each GPIO button
    /// of a Raspberry Pi is a device of its own.
    public var devices: [String]
    /// Keys whose meaning the config file sets, over `defaultKeys`; nil: the key does nothing.
    public var keys: [Int: ControlRequest?] = [:]

    public init(devices: [String] = [], keys: [Int: ControlRequest?] = [:]) {
        self.devices = devices
        self.keys = keys
    }

    /// The keys every media remote has, meaning what they say; play on a waiting player
    /// starts the default routine (`ControlRequest.fromMediaKey`).
    public static let defaultKeys: [Int: ControlRequest] = [
        InputKeys.names["KEY_PLAYPAUSE"]!: .toggle,
        InputKeys.names["KEY_PLAY"]!: .resume, InputKeys.names["KEY_PLAYCD"]!: .resume,
        InputKeys.names["KEY_PAUSE"]!: .pause, InputKeys.names["KEY_PAUSECD"]!: .pause,
        InputKeys.names["KEY_NEXTSONG"]!: .next,
        InputKeys.names["KEY_PREVIOUSSONG"]!: .previous,
        InputKeys.names["KEY_STOPCD"]!: .stop,
    ]

    /// What each key asks for: the defaults, with the config file's keys over them.
    public var bindings: [Int: ControlRequest] {
        var result = ButtonSettings.defaultKeys
        for (code, request) in keys { result[code] = request }
        return result
    }

    /// These settings with what `other` sets over them.
    public func overlaid(by other: ButtonSettings) -> ButtonSettings {
        ButtonSettings(devices: other.devices.isEmpty ? devices : other.devices, keys: keys.merging(other.keys) { $1 })
    }

    /// A key's command as the config file writes it: `faster`, `start morning`, `tempo box`, `none`.
    public static func words(_ request: ControlRequest?) -> String {
        switch request {
        case nil: "none"
        case .start(let options)?: (["start"] + (options.routine.map { [$0] } ?? [])).joined(separator: " ")
        case .tempo(let pattern)?: "tempo \(pattern)"
        case let request?: request.command.rawValue
        }
    }

    /// The commands a key may be given, as a person reads them in an error.
    public static let vocabulary = "toggle, pause, resume, next, previous, faster, slower, stop, start [ROUTINE], tempo PATTERN or none"
}
