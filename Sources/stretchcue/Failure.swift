import ALSA

/// An error to show a person: one line, already worded, and the exit status it earns.
struct Failure: Error, CustomStringConvertible {
    static let badInput: Int32 = 2
    static let systemFailure: Int32 = 1

    let message: String
    let status: Int32

    /// A mistake in what the person gave us: a routine, a pattern, a path.
    static func input(_ message: String) -> Failure {
        Failure(message: message, status: badInput)
    }

    /// The machine let us down: a device, a disk, a library.
    static func system(_ message: String) -> Failure {
        Failure(message: "stretchcue: " + message, status: systemFailure)
    }

    /// A device that would not open, and where to find the names that would.
    static func cannotOpen(_ device: String, _ error: ALSAError) -> Failure {
        system("cannot open sound device '\(device)': \(error); 'stretchcue devices' lists the devices there are")
    }

    var description: String { message }
}
