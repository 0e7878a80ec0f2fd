import Foundation
import SoundFile

/// Runs the built `stretchcue` as a person would, and reads back what it left.
enum Program {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built beside this test bundle.
    static var binary: URL {
        let tests = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                        ?? CommandLine.arguments[0])
        return tests.deletingLastPathComponent().appendingPathComponent("stretchcue")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `program` (the built `stretchcue` unless another is named) and waits for it; one
    /// still running after `timeout` seconds is killed, so a program that hangs fails its test
    /// instead of the whole run.
    @discardableResult
    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
                    program: URL = binary, timeout: Double = 120) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = Program.environment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The tester's environment, but a saved place from `play` and kept spoken lines go to
    /// scratch folders, no config file is read and no session bus is reached, unless a test
    /// says otherwise: never the tester's own state, cache, settings or desktop.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let scratch = FileManager.default.temporaryDirectory
        let isolated = ["XDG_STATE_HOME": scratch.appendingPathComponent("stretchcue-test-state").path,
                        "XDG_CONFIG_HOME": scratch.appendingPathComponent("stretchcue-test-no-config").path,
                        "XDG_CACHE_HOME": scratch.appendingPathComponent("stretchcue-test-cache").path,
                        "DBUS_SESSION_BUS_ADDRESS": ""]
        return ProcessInfo.processInfo.environment.merging(isolated) { $1 }.merging(extra) { $1 }
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stretchcue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Channel 0 of an audio file, as floats.
    static func readMono(_ path: String) throws -> (samples: [Float], rate: Int) {
        let file = try SoundFile(readingAt: path)
        let all = try file.readAll()
        let channels = file.channels
        return (stride(from: 0, to: all.count, by: channels).map { all[$0] }, file.sampleRate)
    }
}

/// The `show --json` document, as scripts read it.
struct ShowDocument: Decodable {
    struct Exercise: Decodable {
        struct Hold: Decodable {
            let side: String?
            let rep: Int
            let start_frame: Int
            let end_frame: Int
        }
        let index: Int
        let name: String
        let holds: [Hold]
    }
    struct Cue: Decodable {
        let frame: Int
        let kind: String
        let exercise: Int?
        let side: String?
        let text: String?
    }
    let sample_rate: Int
    let duration_frames: Int
    let exercises: [Exercise]
    let cues: [Cue]

    static func load(_ arguments: [String]) throws -> ShowDocument {
        let result = try Program.run(["show", "--json"] + arguments)
        guard result.status == 0 else { throw ShowFailed(stderr: result.stderr) }
        return try JSONDecoder().decode(ShowDocument.self, from: Data(result.stdout.utf8))
    }

    struct ShowFailed: Error { let stderr: String }
}
