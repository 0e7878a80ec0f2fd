import Foundation
import Testing

@Suite("the man page and shell completions")
struct ManualTests {
    struct Help: Decodable {
        struct Command: Decodable {
            let commandName: String
            let abstract: String?
            let shouldDisplay: Bool
            let arguments: [Argument]?
            let subcommands: [Command]?
        }

        struct Argument: Decodable {
            let abstract: String?
            let shouldDisplay: Bool
            let names: [Name]?
        }

        struct Name: Decodable {
            let kind: String
            let name: String
        }

        let command: Command
    }

    /// dist/stretchcue.1 is made by scripts/make-manual from the options themselves; this
    /// notices when a command, an option or its help changed and the page was not made again.
    @Test func theManPageSaysWhatTheHelpSays() throws {
        let dump = try Program.run(["--experimental-dump-help"])
        let help = try JSONDecoder().decode(Help.self, from: Data(dump.stdout.utf8))
        let page = try String(contentsOf: Program.root.appendingPathComponent("dist/stretchcue.1"), encoding: .utf8)
        var missing: [String] = []
        func visit(_ command: Help.Command, path: String) {
            guard command.shouldDisplay, command.commandName != "help" else { return }
            if let abstract = command.abstract, !page.contains(abstract) { missing.append("\(path): \(abstract)") }
            for argument in command.arguments ?? [] where argument.shouldDisplay {
                if let abstract = argument.abstract, !page.contains(abstract) { missing.append("\(path) option: \(abstract)") }
                for name in argument.names ?? [] where name.kind == "long"
                    && !page.contains("Fl -\(name.name)") && !page.contains(", -\(name.name)") {
                    missing.append("\(path) --\(name.name)")
                }
            }
            for sub in command.subcommands ?? [] { visit(sub, path: path + " " + sub.commandName) }
        }
        visit(help.command, path: "stretchcue")
        #expect(missing.isEmpty, "dist/stretchcue.1 is behind the program; run scripts/make-manual: \(missing)")
    }

    /// man reads the page without a warning, and the examples keep their lines and columns
    /// instead of being filled into a paragraph.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/man"), "man is not installed"))
    func theManPageReadsCleanly() throws {
        let page = Program.root.appendingPathComponent("dist/stretchcue.1").path
        let man = try Program.run(["--warnings", "-l", page], environment: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"],
                                  program: URL(fileURLWithPath: "/usr/bin/man"))
        #expect(man.status == 0)
        #expect(man.stderr.isEmpty, "\(man.stderr)")
        let lines = man.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("stretchcue play --voice off             chimes only, no voice"), "\(man.stdout)")
        #expect(lines.contains("stretchcue serve                     wait for `ctl start` (headless)"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionsComeFromTheProgram(shell: String) throws {
        let result = try Program.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("routines") && result.stdout.contains("---completion"), "commands and routine names")
    }

    @Test func routineNamesAreCompleted() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routines = folder.appendingPathComponent("data/stretchcue/routines")
        try FileManager.default.createDirectory(at: routines, withIntermediateDirectories: true)
        _ = try Program.write("name: M\nexercises: [{name: a}]\n", to: "morning.yaml", in: routines)
        _ = try Program.write("name: H\nexercises: [{name: a}]\n", to: "here.yaml", in: folder)
        let result = try Program.run(["---completion", "play", "--", "positional@0", "2", "0", "stretchcue", "play", ""],
                                     in: folder, environment: ["XDG_DATA_HOME": folder.appendingPathComponent("data").path])
        #expect(result.stdout.split(separator: "\n") == ["morning", "lower-back", "here.yaml"], "\(result.stdout)")
    }
}
