import Foundation
import Testing

/// The config file as a person uses it: settings that apply unless the command line says
/// otherwise, `stretchcue config` telling where each comes from, and mistakes refused.
@Suite("config file")
struct ConfigFileTests {
    let folder: URL
    let environment: [String: String]

    init() throws {
        folder = try Program.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("config/stretchcue"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data/stretchcue/routines"), withIntermediateDirectories: true)
        environment = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
                       "XDG_DATA_HOME": folder.appendingPathComponent("data").path]
    }

    func configure(_ text: String) throws -> String {
        try Program.write(text, to: "config/stretchcue/config.yaml", in: folder)
    }

    func run(_ arguments: [String]) throws -> Program.Result {
        try Program.run(arguments, environment: environment)
    }

    @Test func commandLineThenConfigFileThenDefaults() throws {
        _ = try configure("device: pulse\nvolume: -6\nbreath: box\nsound:\n  end: gong.flac\n")
        let result = try run(["config", "--json", "-D", "null", "--sound", "inhale=in.wav"])
        #expect(result.status == 0, "\(result.stderr)")
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        func setting(_ key: String) -> (String, String) {
            let entry = settings[key] as? [String: Any]
            return ("\(entry?["value"] ?? "nil")", entry?["origin"] as? String ?? "")
        }
        #expect(setting("device") == ("null", "command line"))
        #expect(setting("volume") == ("-6", "config file"))
        #expect(setting("breath") == ("box", "config file"))
        #expect(setting("sound.end") == (folder.appendingPathComponent("config/stretchcue/gong.flac").path, "config file"))
        // A path on the command line is taken from the current folder, and shown absolute.
        #expect(setting("sound.inhale") == (FileManager.default.currentDirectoryPath + "/in.wav", "command line"))
        #expect(setting("routine").1 == "default")
        #expect(setting("routines") == (folder.appendingPathComponent("data/stretchcue/routines").path, "default"))

        let text = try run(["config"])
        let device = text.stdout.split(separator: "\n").first { $0.hasPrefix("device ") }
        #expect(device?.split(separator: " ") == ["device", "pulse", "(config", "file)"], "\(text.stdout)")
    }

    /// The player's own settings, the phone remote and the buttons, are listed too.
    @Test func theRemoteAndTheButtonsAreShownWithWhereTheyComeFrom() throws {
        /// Each setting as "VALUE (ORIGIN)".
        func settings(_ arguments: [String] = []) throws -> [String: String] {
            let result = try run(["config", "--json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return object.compactMapValues { entry in
                guard let entry = entry as? [String: Any] else { return nil }
                return "\(entry["value"] ?? "nil") (\(entry["origin"] ?? ""))"
            }
        }
        let none = try settings()
        #expect(none["remote"] == "<null> (default)", "off unless turned on: \(none)")
        #expect(none["buttons"] == "<null> (default)", "\(none)")

        _ = try configure("remote: {listen: 0.0.0.0:8765}\nbuttons:\n  device: BT Remote\n  keys: {KEY_F1: faster, KEY_STOPCD: none}\n")
        let file = try settings()
        #expect(file["remote"] == "0.0.0.0:8765 (config file)", "\(file)")
        #expect(file["buttons"]?.contains("BT Remote") == true && file["buttons"]?.hasSuffix("(config file)") == true, "\(file)")
        #expect(file["buttons.KEY_F1"] == "faster (config file)", "\(file)")
        #expect(file["buttons.KEY_STOPCD"] == "none (config file)", "\(file)")

        let given = try settings(["--remote", "127.0.0.1:9000", "--buttons", "Foot switch"])
        #expect(given["remote"] == "127.0.0.1:9000 (command line)", "\(given)")
        #expect(given["buttons"]?.contains("Foot switch") == true && given["buttons"]?.hasSuffix("(command line)") == true, "\(given)")

        let text = try run(["config"]).stdout.split(separator: "\n")
        #expect(text.contains { $0.hasPrefix("remote ") && $0.contains("0.0.0.0:8765") && $0.hasSuffix("(config file)") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("buttons ") && $0.contains("BT Remote") && $0.hasSuffix("(config file)") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("buttons.KEY_F1 ") && $0.contains("faster") }, "\(text)")
    }

    @Test func sessionsFollowTheConfigFileUnlessTheCommandLineSaysOtherwise() throws {
        _ = try Program.write("name: Morning\nexercises:\n  - {name: a, instruction: b, transition: 1s, hold: 20s}\n",
                              to: "data/stretchcue/routines/morning.yaml", in: folder)
        _ = try configure("routine: morning\nbreath: box\n")
        func breathHolds(_ arguments: [String]) throws -> Int {
            let result = try run(["show", "--json"] + arguments)
            let document = try JSONDecoder().decode(ShowDocument.self, from: Data(result.stdout.utf8))
            #expect(document.exercises.map(\.name) == ["a"], "the routine named in the config file")
            return document.cues.filter { $0.kind == "breath-hold" }.count
        }
        #expect(try breathHolds([]) == 2, "box breathing: 20 s holds a breath twice")
        #expect(try breathHolds(["--breath", "6/min"]) == 0, "the command line wins")
    }

    @Test func theVoiceFollowsTheConfigFileUnlessTheCommandLineSaysOtherwise() throws {
        _ = try configure("voice: off\nvoice_rate: 120\n")
        func spoken(_ arguments: [String]) throws -> Int {
            let result = try run(["show", "--json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONDecoder().decode(ShowDocument.self, from: Data(result.stdout.utf8)).cues.filter { $0.kind == "speech" }.count
        }
        #expect(try spoken([]) == 0, "the config file turned the voice off")
        #expect(try spoken(["--voice", "on"]) > 0, "the command line turns it back on")
        let settings = try run(["config", "--json", "--voice", "on"])
        #expect(settings.stdout.contains("\"voice_rate\" : {\n    \"origin\" : \"config file\",\n    \"value\" : 120"), "\(settings.stdout)")
    }

    @Test func theConfiguredVolumeIsWhatRenders() throws {
        let loud = folder.appendingPathComponent("loud.wav").path, quiet = folder.appendingPathComponent("quiet.wav").path
        let routine = try Program.write("name: V\nexercises:\n  - {name: a, instruction: b, transition: 1s, hold: 2s}\n",
                                        to: "v.yaml", in: folder)
        #expect(try run(["render", routine, "-o", loud]).status == 0)
        _ = try configure("volume: -20 dB\n")
        #expect(try run(["render", routine, "-o", quiet]).status == 0)
        let a = try Program.readMono(loud).samples.map(abs).max() ?? 0
        let b = try Program.readMono(quiet).samples.map(abs).max() ?? 0
        #expect(abs(b / a - 0.1) < 0.005, "-20 dB is a tenth: \(b / a)")
    }

    @Test(arguments: [["play", "-D", "null"], ["show"], ["render", "-o", "x.wav"], ["config"]])
    func aBadConfigFileStopsEverySessionCommand(arguments: [String]) throws {
        let file = try configure("device: null\nbreath: 4-\n")
        let result = try Program.run(arguments, in: folder, environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(file):2:9: invalid breathing pattern '4-'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.wav").path))
    }

    /// Some editors begin a UTF-8 file with a byte-order mark: it is no part of the settings.
    @Test func aByteOrderMarkIsTakenAsTheStartOfTheFile() throws {
        _ = try configure("\u{FEFF}device: pulse\nvolume: -6\n")
        let result = try run(["config"])
        #expect(result.status == 0, "\(result.stderr)")
        let device = result.stdout.split(separator: "\n").first { $0.hasPrefix("device ") }
        #expect(device?.split(separator: " ") == ["device", "pulse", "(config", "file)"], "\(result.stdout)")
    }

    /// YAML indents with spaces: a tab is named where it is, not reported as libyaml's "a
    /// character that cannot start any token".
    @Test func aTabIndentIsNamedWhereItIs() throws {
        let file = try configure("device: pulse\nsound:\n\tend: gong.flac\n")
        let result = try run(["config"])
        #expect(result.status == 2)
        #expect(result.stderr == "\(file):3:1: a tab indents this line: YAML indents with spaces only\n")
    }

    @Test func aRoutineNameThatIsNowhere() throws {
        let result = try run(["show", "evening"])
        #expect(result.status == 2)
        #expect(result.stderr == "stretchcue: no routine 'evening': no such file here, and no evening.yaml in \(folder.appendingPathComponent("data/stretchcue/routines").path) or among the bundled routines (stretchcue routines lists them)\n")
    }
}
