import Foundation

/// systemd's unit checker, run without a running systemd.
enum SystemdAnalyze {
    static var path: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/bin"]).lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("systemd-analyze") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `systemd-analyze verify --user` as the user manager of a person whose home is
    /// `home` would load the units (it checks that each ExecStart= program is there and runs),
    /// with a runtime folder of its own, so no running systemd is needed.
    static func verifyUser(_ units: [URL], home: URL) throws -> Program.Result {
        let runtime = home.appendingPathComponent("runtime")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return try Program.run(["verify", "--user"] + units.map(\.path),
                               environment: ["HOME": home.path, "XDG_RUNTIME_DIR": runtime.path], program: path!)
    }
}
