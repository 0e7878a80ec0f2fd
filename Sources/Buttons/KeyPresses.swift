import Evdev

/// The key presses in an input device's events, as libevdev delivers them: a key counts once,
/// when pressed (not on its release or the keyboard's auto-repeat), at the SYN_REPORT that
/// completes its frame; a frame cut short by SYN_DROPPED is lost; and a press of the same key
/// within `bounce` seconds of the last is a contact bouncing, not a second press. Pure.
public struct KeyPresses: Sendable {
    /// Seconds: longer than any contact's bounce, shorter than any two deliberate presses.
    public static let bounce = 0.15

    private var frame: [Int] = []
    private var lastPress: [Int: Double] = [:]

    public init() {}

    /// Takes one event; returns the keys pressed, once their frame is complete.
    public mutating func take(_ event: InputEvent) -> [Int] {
        switch event.type {
        case InputEvent.key where event.value == InputEvent.pressed:
            let code = Int(event.code)
            if let last = lastPress[code], event.time >= last, event.time - last < KeyPresses.bounce { return [] }
            lastPress[code] = event.time
            frame.append(code)
        case InputEvent.synchronization where event.code == InputEvent.report:
            defer { frame = [] }
            return frame
        case InputEvent.synchronization where event.code == InputEvent.dropped:
            frame = []
        default:
            break
        }
        return []
    }
}
