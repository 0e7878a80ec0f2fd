import Foundation
import Session

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes a line to standard output at once, even when it is a pipe, so a log follows the session.
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Something the person should know that is not an error: one line on standard error.
func printNotice(_ message: String) {
    printError("stretchcue: " + message)
}
