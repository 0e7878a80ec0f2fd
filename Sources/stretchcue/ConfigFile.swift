import Config
import Foundation

/// The person's config file, `$XDG_CONFIG_HOME/stretchcue/config.yaml` (or
/// `~/.config/stretchcue/config.yaml`). It is optional: a missing file sets nothing.
enum ConfigFile {
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let folder = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? home + "/.config"
        return folder + "/stretchcue/config.yaml"
    }

    static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    /// What the file says; a mistake in it is bad input, reported at its line and column.
    static func load(from path: String = ConfigFile.path) throws -> Config {
        guard FileManager.default.fileExists(atPath: path) else { return Config() }
        let text = try TextFile.text(path)
        do {
            return try ConfigDecoder(file: path, home: home).decode(text)
        } catch {
            throw Failure.input(error.description)
        }
    }
}
