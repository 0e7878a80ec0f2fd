import CALSA

public enum LibraryErrors {
    /// Stops libasound from printing its own diagnostics; callers report `ALSAError`s instead.
    public static func silence() {
        stretchcue_alsa_silence_errors()
    }
}
