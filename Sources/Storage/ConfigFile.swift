import Config
import Foundation
import Paths
import Routine
import Session
import StrictYAML

/// The person's config file (see `Paths.configFile`). It is optional: a missing file sets nothing.
public enum ConfigFile {
    /// What the file says; a mistake in it is bad input, reported at its line and column.
    public static func load(from path: String = Paths().configFile) throws(Failure) -> Config {
        guard FileManager.default.fileExists(atPath: path) else { return Config() }
        let text = try TextFile.text(path)
        do {
            return try ConfigDecoder(file: path, home: Paths().home).decode(text)
        } catch {
            throw .located(error)
        }
    }

    /// The settings of a session given `choices` on the command line, with the config file read.
    public static func settings(_ choices: Config) throws(Failure) -> ResolvedSettings {
        settings(choices, file: try load())
    }

    public static func settings(_ choices: Config, file: Config) -> ResolvedSettings {
        ResolvedSettings(commandLine: choices, file: file, defaultRoutines: Paths().routinesFolder,
                         bundledRoutines: Installation.routinesFolder)
    }
}

/// Reads and decodes a routine file, turning every problem into one line for the person.
public enum RoutineFile {
    public static func load(_ path: String) throws(Failure) -> Routine {
        let text = try TextFile.text(path)
        do {
            return try RoutineDecoder(file: path).decode(text)
        } catch {
            throw .located(error)
        }
    }
}
