import Glibc
import Synchronization

/// Single keys from a terminal, without Enter and without echo, for as long as this lives.
/// The terminal's own settings come back on every way out: normal return, error, and signals
/// (see `SignalWatcher`, which restores them before a forced exit).
public final class Keyboard {
    public enum Key: Equatable, Sendable {
        case character(Character)
        case left, right, up, down
    }

    public let descriptor: Int32 = STDIN_FILENO
    private var pending: [UInt8] = []
    private var raw = termios()

    /// Nil when standard input is not a terminal (a pipe, /dev/null, a service).
    public init?() {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        // VMIN 0 / VTIME 0: reads return at once; `poll` says when there is something.
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        self.raw = raw
        TerminalState.save(original)
    }

    /// The settings keys need, again: after Ctrl-Z and `fg` the shell has put back its own.
    public func resume() {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    }

    deinit {
        TerminalState.restore()
    }

    /// The keys typed since the last call.
    public func read() -> [Key] {
        var chunk = [UInt8](repeating: 0, count: 64)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { pending += chunk[0..<count] }
        var keys: [Key] = []
        while !pending.isEmpty {
            if pending[0] == 0x1B {
                // Arrow keys arrive as ESC [ A..D.
                guard pending.count >= 3 else {
                    if pending.count == 1 { pending.removeAll() } // a lone Escape
                    break
                }
                if pending[1] == UInt8(ascii: "[") {
                    switch pending[2] {
                    case UInt8(ascii: "A"): keys.append(.up)
                    case UInt8(ascii: "B"): keys.append(.down)
                    case UInt8(ascii: "C"): keys.append(.right)
                    case UInt8(ascii: "D"): keys.append(.left)
                    default: break
                    }
                    pending.removeFirst(3)
                } else {
                    pending.removeFirst()
                }
                continue
            }
            keys.append(.character(Character(Unicode.Scalar(pending.removeFirst()))))
        }
        return keys
    }
}

/// The terminal settings to put back, kept where a signal handler can reach them.
public enum TerminalState {
    nonisolated(unsafe) private static var saved = termios()
    private static let isSaved = Atomic<Bool>(false)
    private static let statusLine = Atomic<Bool>(false)

    /// A status line is kept on standard output: a forced exit clears it first.
    public static func keepsStatusLine() {
        statusLine.store(true, ordering: .releasing)
    }

    /// Safe in a signal handler: one `write` of a constant.
    static func clearStatusLine() {
        guard statusLine.load(ordering: .acquiring) else { return }
        let clear: StaticString = "\r\u{1B}[K"
        _ = write(STDOUT_FILENO, clear.utf8Start, clear.utf8CodeUnitCount)
    }

    static func save(_ settings: termios) {
        saved = settings
        isSaved.store(true, ordering: .releasing)
    }

    /// Safe in a signal handler: one load and one `tcsetattr`, both async-signal-safe.
    static func restore() {
        guard isSaved.exchange(false, ordering: .acquiringAndReleasing) else { return }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}
