import Glibc
import Logging

/// Where a session tells its story: a person's terminal or pipe (`play`), or the service log
/// (`serve`), one line per event.
enum SessionLog {
    case console
    case service(Logger)

    /// A live status line, on a terminal only.
    var hasStatusLine: Bool {
        if case .console = self { return isatty(STDOUT_FILENO) == 1 }
        return false
    }
}
