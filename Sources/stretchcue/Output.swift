import Foundation
import Glibc
import Session
import Terminal

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes a line to standard output at once, even when it is a pipe, so a log follows the session.
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Something the person should know that is not an error: one line on standard error, broken
/// between words to fit a terminal's width so that the terminal never breaks one.
func printNotice(_ message: String) {
    let line = "stretchcue: " + message
    guard let columns = terminalColumns(STDERR_FILENO) else { return printError(line) }
    // One column spare: some terminals wrap on the last one.
    printError(TerminalLines.text(line, width: columns - 1).joined(separator: "\n"))
}

/// How wide the terminal on `descriptor` is now (it may have been resized); nil for a pipe, a
/// file, `TERM=dumb`, or a terminal that does not say.
func terminalColumns(_ descriptor: Int32) -> Int? {
    guard isatty(descriptor) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
