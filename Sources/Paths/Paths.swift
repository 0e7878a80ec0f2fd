import Foundation
import Glibc

/// Where StretchCue keeps the files of the person running it, following the XDG base
/// directory rules: the config file, the saved place, the routines folder, the control socket.
/// Built from an environment so that tests can point it anywhere; nothing is created here.
public struct Paths: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public var home: String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// An XDG variable counts only when it is an absolute path, as the specification says.
    private func base(_ variable: String, else fallback: String) -> String {
        environment[variable].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/" + fallback
    }

    /// `$XDG_CONFIG_HOME/stretchcue/config.yaml`.
    public var configFile: String { base("XDG_CONFIG_HOME", else: ".config") + "/stretchcue/config.yaml" }

    /// `$XDG_STATE_HOME/stretchcue`: what outlives a session (its place, for `--resume`).
    public var stateFolder: String { base("XDG_STATE_HOME", else: ".local/state") + "/stretchcue" }

    /// Where an interrupted session's place is kept.
    public var savedPlace: String { stateFolder + "/progress.json" }

    /// Every session that played, a line each.
    public var history: String { stateFolder + "/history.jsonl" }

    /// The phone remote's secret, created 0600 on first use; `stretchcue remote --new-token`
    /// replaces it.
    public var remoteToken: String { stateFolder + "/remote-token" }

    /// `$XDG_DATA_HOME/stretchcue/routines`: where a routine named without a path is found.
    public var routinesFolder: String { base("XDG_DATA_HOME", else: ".local/share") + "/stretchcue/routines" }

    /// `$XDG_CACHE_HOME/stretchcue/clips`: spoken lines kept between sessions, rebuilt when missing.
    public var clipCache: String { base("XDG_CACHE_HOME", else: ".cache") + "/stretchcue/clips" }

    /// Where a playing session's spoken lines wait, in a file with no name, for the mix to
    /// read them: on disk, so that the system can take their memory back between their turns
    /// (`$XDG_RUNTIME_DIR` and often `/tmp` are memory themselves). The first that takes one.
    public var spokenLineFolders: [String] { [clipCache, "/var/tmp"] }

    /// `$XDG_RUNTIME_DIR/stretchcue/control`, or `/tmp/stretchcue-UID/control` without a
    /// runtime directory: the one control socket of the person's one player.
    public var controlSocket: String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime + "/stretchcue/control"
        }
        return "/tmp/stretchcue-\(getuid())/control"
    }
}
