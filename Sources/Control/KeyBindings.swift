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

    /// What the key lists begin with.
    public static let lead = "keys: "

    /// Printed as a session starts on a terminal, one item a key; a narrow terminal breaks
    /// the list between items.
    public static let summaryItems = ["space pause", "n/→ next", "p/← previous", "+/↑ -/↓ tempo", "q quit", "? help"]

    /// Printed for `?`.
    public static let helpItems = ["space pause/resume", "n or → next exercise", "p or ← previous (or restart)",
                                   "+ or ↑ breathe faster", "- or ↓ slower", "q stop (the place is saved)"]

    /// Each list on one line, as a pipe gets it.
    public static let summary = lead + summaryItems.joined(separator: " · ")
    public static let help = lead + helpItems.joined(separator: " · ")
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
