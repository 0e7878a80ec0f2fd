/// A device that ALSA's configuration names, as `aplay -L` lists it.
public struct DeviceHint: Sendable, Equatable {
    /// Which way sound can flow through the device.
    public enum Direction: Sendable, Equatable {
        case playback, capture, both
    }

    /// What to pass as `-D`: `null`, `pulse`, `plughw:CARD=Device,DEV=0`, ...
    public let name: String
    /// One or more lines, the first naming the device or its card, the rest what it does.
    public let description: [String]
    public let direction: Direction

    public init(name: String, description: [String], direction: Direction) {
        self.name = name
        self.description = description
        self.direction = direction
    }

    public var canPlay: Bool { direction != .capture }

    /// The PCM devices ALSA knows about, on every card and in its plugins' configuration.
    public static func pcmDevices() throws(ALSAError) -> [DeviceHint] {
        try DeviceHints(interface: "pcm").devices
    }
}
