import Glibc

/// What each key does while a session plays: the same requests `ctl` sends.
public enum KeyBindings {
    public enum Action: Equatable, Sendable {
        case request(ControlRequest)
        case help
    }

    public static func action(for key: Keyboard.Key) -> Action? {
        switch key {
        case .character(" "): .request(.toggle)
        case .character("n"), .right: .request(.next)
        case .character("p"), .left: .request(.previous)
        case .character("+"), .character("="), .up: .request(.faster)
        case .character("-"), .down: .request(.slower)
        case .character("q"), .character("Q"): .request(.stop)
        case .character("?"), .character("h"): .help
        default: nil
        }
    }

    /// Printed as a session starts on a terminal.
    public static let summary = "keys: space pause · n/→ next · p/← previous · +/↑ -/↓ tempo · q quit · ? help"

    /// Printed for `?`.
    public static let help = "keys: space pause/resume · n or → next exercise · p or ← previous (or restart) · "
        + "+ or ↑ breathe faster · - or ↓ slower · q stop (the place is saved)"
}

extension SignalWatcher.Event {
    /// What a signal asks of the session; SIGHUP is for the service itself.
    public var request: ControlRequest? {
        switch self {
        case .togglePause: .toggle
        case .next: .next
        case .interrupt, .terminate: .stop
        case .reload, .resized, .continued: nil
        }
    }
}

extension SignalWatcher.Event {
    /// The exit status of a program this signal ended, as shells report it (128 + the signal).
    public var exitStatus: Int32? {
        switch self {
        case .interrupt: 128 + SIGINT
        case .terminate: 128 + SIGTERM
        default: nil
        }
    }
}
