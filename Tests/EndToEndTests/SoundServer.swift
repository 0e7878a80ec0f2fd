import Foundation
import Testing

/// The PulseAudio server that `scripts/test` starts, with a null sink that paces in real
/// time. Each test gets a sink of its own and records its monitor, so tests can run at once.
enum SoundServer {
    /// Set by `scripts/test` once its server answers; real-time tests need it.
    static var address: String? { ProcessInfo.processInfo.environment["STRETCHCUE_TEST_PULSE_SERVER"] }
    static var available: Bool { address != nil }

    static func pactl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pactl")
        process.arguments = arguments
        process.environment = ["PULSE_SERVER": address ?? ""]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// One test's sink, the recorder on its monitor, and a private runtime folder (so that each
/// player has its own control socket).
final class Studio {
    let sink = "cue\(UInt32.random(in: 0...UInt32.max))"
    let folder: URL
    let module: String
    private var recorder: Process?
    let recording: URL
    static let rate = 48_000

    init() throws {
        folder = try Program.temporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        module = try SoundServer.pactl(["load-module", "module-null-sink", "sink_name=\(sink)",
                                        "rate=\(Studio.rate)", "channels=1", "format=float32le"])
        recording = folder.appendingPathComponent("recording.f32")
        _ = FileManager.default.createFile(atPath: recording.path, contents: nil)
        let recorder = Process()
        recorder.executableURL = URL(fileURLWithPath: "/usr/bin/parec")
        recorder.arguments = ["-d", "\(sink).monitor", "--rate=\(Studio.rate)", "--channels=1",
                              "--format=float32le", "--latency-msec=10", "--raw"]
        recorder.environment = ["PULSE_SERVER": SoundServer.address ?? ""]
        recorder.standardOutput = try FileHandle(forWritingTo: recording)
        try recorder.run()
        self.recorder = recorder
        // Nothing may play before the recorder listens: it writes silence as soon as it does.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, ((try? FileManager.default.attributesOfItem(atPath: recording.path)[.size] as? Int) ?? 0) < 4_800 * 4 {
            usleep(20_000)
        }
    }

    deinit {
        stopRecorder()
        _ = try? SoundServer.pactl(["unload-module", module])
        try? FileManager.default.removeItem(at: folder)
    }

    /// parec may have inherited a mask that blocks SIGTERM, so it is killed outright; it
    /// writes the raw samples as they come, so nothing recorded is lost.
    private func stopRecorder() {
        guard let recorder else { return }
        kill(recorder.processIdentifier, SIGKILL)
        recorder.waitUntilExit()
        self.recorder = nil
    }

    /// The environment a player needs to play into this sink with its own control socket.
    var environment: [String: String] {
        ["PULSE_SERVER": SoundServer.address ?? "", "PULSE_SINK": sink, "XDG_RUNTIME_DIR": folder.path,
         "XDG_STATE_HOME": folder.appendingPathComponent("state").path]
    }

    /// Starts `stretchcue` with this studio's environment; its output goes to a file.
    func start(_ arguments: [String], extra: [String: String] = [:]) throws -> Player {
        try Player(arguments: arguments, studio: self, extra: extra)
    }

    func ctl(_ arguments: [String]) throws -> Program.Result {
        try Program.run(["ctl"] + arguments, environment: environment)
    }

    /// Waits until a player answers on this studio's control socket.
    func waitForSocket() {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? ctl(["status"]).status) != 0 { usleep(50_000) }
    }

    func status() throws -> [String: Any] {
        let result = try ctl(["status", "--json"])
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    /// Everything recorded so far.
    func recorded() throws -> [Float] {
        stopRecorder()
        let data = try Data(contentsOf: recording)
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    final class Player {
        let process = Process()
        let output: URL

        init(arguments: [String], studio: Studio, extra: [String: String] = [:]) throws {
            output = studio.folder.appendingPathComponent("player-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = Program.binary
            process.arguments = arguments
            process.environment = Program.environment(studio.environment.merging(extra) { $1 })
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = process.standardOutput
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// Waits for the player to end, up to `seconds`; kills it after that.
        func finish(within seconds: Double) -> Int32 {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return process.terminationStatus
        }

        var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Waits until the control socket answers.
        func waitUntilControllable(_ studio: Studio) {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, (try? studio.ctl(["status"]).status) != 0 { usleep(50_000) }
        }
    }
}

/// Finds where sounds start in a recording.
enum Onsets {
    /// Frames where the signal rises above `threshold` after at least `quiet` frames below it.
    static func find(in samples: [Float], threshold: Float = 0.004, quiet: Int = 2_400) -> [Int] {
        var onsets: [Int] = []
        var silentRun = quiet
        for (index, sample) in samples.enumerated() {
            if abs(sample) > threshold {
                if silentRun >= quiet { onsets.append(index) }
                silentRun = 0
            } else {
                silentRun += 1
            }
        }
        return onsets
    }
}

/// Waits until `condition` holds, checking every 50 ms, up to `seconds`: tests wait on what a
/// person would notice (a line printed, a status field), never a fixed time.
@discardableResult
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
        if try condition() { return true }
        usleep(50_000)
    } while Date() < deadline
    return false
}

extension Studio {
    /// One field of `ctl status --json`.
    func status(_ key: String) -> Any? {
        (try? status())?[key]
    }
}

extension Studio.Player {
    /// Waits until the player's output holds `text` (after `after` earlier occurrences).
    func waitForLog(_ text: String, count: Int = 1, within seconds: Double = 15) -> Bool {
        eventually(within: seconds) { log.components(separatedBy: text).count > count }
    }
}
