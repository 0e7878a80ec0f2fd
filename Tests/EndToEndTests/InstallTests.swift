import Foundation
import Testing

@Suite("scripts/install puts a working program and its units in place")
struct InstallTests {
    static let script = Program.root.appendingPathComponent("scripts/install")

    /// Installs the built program for a person whose home is `home`.
    static func install(home: URL, prefix: String? = nil) throws -> Program.Result {
        var environment = ["HOME": home.path, "BINARY": Program.binary.path, "XDG_CONFIG_HOME": ""]
        if let prefix { environment["PREFIX"] = prefix }
        return try Program.run([], environment: environment, program: script)
    }

    @Test func installsIntoTheHomeFolderAndAgainChangesNothing() throws {
        let home = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let first = try InstallTests.install(home: home)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("install: \(home.path)/.local/bin/stretchcue\n"), "\(first.stdout)")
        #expect(first.stdout.contains(" files installed, 0 already up to date"), "\(first.stdout)")
        let again = try InstallTests.install(home: home)
        #expect(again.status == 0)
        #expect(again.stdout.contains("install: 0 files installed, "), "\(again.stdout)")

        // The installed copy finds its sounds and routine under share/stretchcue.
        let program = home.appendingPathComponent(".local/bin/stretchcue")
        let shown = try Program.run(["show"], environment: ["STRETCHCUE_DATA": ""], program: program)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("Lower back release"), "\(shown.stdout)")

        let units = home.appendingPathComponent(".config/systemd/user")
        let service = try String(contentsOf: units.appendingPathComponent("stretchcue.service"), encoding: .utf8)
        #expect(service.contains("ExecStart=%h/.local/bin/stretchcue serve\n"))

        // The man page where man looks beside ~/.local/bin, and completions where each shell looks.
        let local = home.appendingPathComponent(".local/share")
        #expect(FileManager.default.fileExists(atPath: local.appendingPathComponent("man/man1/stretchcue.1").path))
        let bash = local.appendingPathComponent("bash-completion/completions/stretchcue").path
        let sourced = try Program.run(["-c", "source '\(bash)' && complete -p stretchcue"], program: URL(fileURLWithPath: "/bin/bash"))
        #expect(sourced.status == 0 && sourced.stdout.contains("stretchcue"), "\(sourced.stderr)")
        #expect(FileManager.default.fileExists(atPath: local.appendingPathComponent("zsh/site-functions/_stretchcue").path))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(".config/fish/completions/stretchcue.fish").path))
    }

    @Test(.enabled(if: SystemdAnalyze.path != nil, "systemd-analyze is not installed"))
    func anotherPrefixIsWrittenIntoTheUnits() throws {
        let home = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let prefix = home.appendingPathComponent("opt").path
        let result = try InstallTests.install(home: home, prefix: prefix)
        #expect(result.status == 0, "\(result.stderr)")
        let units = ["stretchcue.service", "stretchcue-morning.service", "stretchcue-morning.timer"]
            .map { home.appendingPathComponent(".config/systemd/user/\($0)") }
        let morning = try String(contentsOf: units[1], encoding: .utf8)
        #expect(morning.contains("ExecStart=\(prefix)/bin/stretchcue ctl start\n"), "\(morning)")
        let verified = try SystemdAnalyze.verifyUser(units, home: home)
        #expect(verified.status == 0 && verified.stderr.isEmpty, "\(verified.stderr)")
    }

    @Test func aMissingBuildSaysHowToMakeIt() throws {
        let home = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try Program.run([], environment: ["HOME": home.path, "BINARY": home.appendingPathComponent("nothing").path],
                                     program: InstallTests.script)
        #expect(result.status == 1)
        #expect(result.stderr.contains("run scripts/setup first"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".local").path))
    }
}
