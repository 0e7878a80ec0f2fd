import Foundation
import Testing

/// The units in dist/ as systemd's own checker reads them, wherever systemd is installed.
@Suite("the systemd units", .enabled(if: SystemdAnalyze.path != nil, "systemd-analyze is not installed"))
struct SystemdUnitTests {
    static let units = ["stretchcue.service", "stretchcue-morning.service", "stretchcue-morning.timer"]

    @Test func verifyPassesWithoutAWord() throws {
        let home = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let bin = home.appendingPathComponent(".local/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("stretchcue"),
                                                   withDestinationURL: Program.binary)
        let units = try SystemdUnitTests.units.map { name in
            let copy = home.appendingPathComponent(name)
            try FileManager.default.copyItem(at: Program.root.appendingPathComponent("dist/\(name)"), to: copy)
            return copy
        }
        let result = try SystemdAnalyze.verifyUser(units, home: home)
        #expect(result.status == 0, "\(result.stderr)")
        // Unknown keys and bad values are only warnings: any output at all is a mistake.
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }
}
