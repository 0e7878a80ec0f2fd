import Foundation

/// systemd's unit checker, run without a running systemd.
enum SystemdAnalyze {
    static var path: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/bin"]).lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("systemd-analyze") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `systemd-analyze verify --user` as the user manager would load the units, with a
    /// home folder whose ~/.local/bin/stretchcue is the built program (verify checks that
    /// ExecStart= can run) and a runtime folder of its own, so no running systemd is needed.
    static func verifyUser(_ units: [URL], home: URL) throws -> Program.Result {
        let runtime = home.appendingPathComponent("runtime")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let process = Process()
        process.executableURL = path
        process.arguments = ["verify", "--user"] + units.map(\.path)
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["HOME": home.path, "XDG_RUNTIME_DIR": runtime.path, "SYSTEMD_PAGER": ""]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Program.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                              stderr: String(decoding: stderr, as: UTF8.self))
    }
}
