import Foundation
import Testing

@Suite("any sound file a person might use as a cue")
struct SoundFormatTests {
    static let routine = "name: One\nexercises:\n  - {name: a, instruction: b, transition: 2s, hold: 2s, breath: off}\n"

    /// Makes a 0.3 s, 440 Hz tone at amplitude 0.5 with sox, in the given format.
    func tone(_ name: String, _ options: [String], in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let sox = Process()
        sox.executableURL = URL(fileURLWithPath: "/usr/bin/sox")
        sox.arguments = ["-n"] + options + [path, "synth", "0.3", "sine", "440", "vol", "0.5"]
        try sox.run()
        sox.waitUntilExit()
        return path
    }

    @Test(arguments: [
        ("u8.wav", ["-r", "48000", "-c", "1", "-b", "8", "-e", "unsigned-integer"]),
        ("s24.wav", ["-r", "48000", "-c", "1", "-b", "24"]),
        ("float.wav", ["-r", "48000", "-c", "1", "-b", "32", "-e", "floating-point"]),
        ("six.wav", ["-r", "48000", "-c", "6"]),
        ("low.wav", ["-r", "8000", "-c", "1"]),
        ("high.flac", ["-r", "192000", "-c", "2"]),
        ("cd.ogg", ["-r", "44100", "-c", "2"]),
    ])
    func playsConvertedAtLoad(name: String, options: [String]) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sound = try tone(name, options, in: folder)
        let routine = try Program.write(Self.routine, to: "r.yaml", in: folder)
        let output = folder.appendingPathComponent("out.wav").path
        let result = try Program.run(["render", routine, "--sound", "end=\(sound)", "--channels", "1", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let end = try ShowDocument.load([routine]).cues.first { $0.kind == "end" }!.frame
        let (audio, _) = try Program.readMono(output)
        // 0.3 s of the tone at the mix level (0.5 headroom), then silence.
        let body = audio[(end + 1_000)..<(end + 13_000)]
        let energy: Float = body.reduce(0) { $0 + $1 * $1 }
        let rms = (energy / Float(body.count)).squareRoot()
        let expected: Float = 0.5 * 0.5 / Float(2).squareRoot()
        #expect(abs(rms - expected) < 0.02, "level \(rms)")
        #expect(audio[(end + 15_000)..<min(audio.count, end + 20_000)].allSatisfy { abs($0) < 0.01 }, "the tone lasts 0.3 s")
    }

    @Test func unusableFilesAreNamedInOneLine() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.wav").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let silent = try tone("none.wav", ["-r", "48000", "-c", "1"], in: folder)
        let header = try Data(contentsOf: URL(fileURLWithPath: silent)).prefix(44)
        let noFrames = folder.appendingPathComponent("header-only.wav").path
        try header.write(to: URL(fileURLWithPath: noFrames))
        let output = folder.appendingPathComponent("out.wav").path
        for (path, reason) in [(empty, "Format not recognised"), (noFrames, ""), (folder.path, "")] {
            let result = try Program.run(["render", "--sound", "hold-start=\(path)", "-o", output])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("stretchcue: \(path): cannot use this cue sound: \(reason)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A folder of one's own sounds may hold only some kinds, in any format: the rest are the
    /// bundled ones.
    @Test func aSoundsFolderWithSomeKindsInAnyFormat() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sounds = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: sounds, withIntermediateDirectories: true)
        _ = try tone("end.flac", ["-r", "44100", "-c", "1"], in: sounds)
        let routine = try Program.write(Self.routine, to: "one.yaml", in: folder)
        let mine = folder.appendingPathComponent("mine.wav").path, bundled = folder.appendingPathComponent("bundled.wav").path
        let rendered = try Program.run(["render", routine, "--voice", "off", "--channels", "1", "--sounds", sounds.path, "-o", mine])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(try Program.run(["render", routine, "--voice", "off", "--channels", "1", "-o", bundled]).status == 0)
        let end = try ShowDocument.load([routine, "--voice", "off"]).cues.first { $0.kind == "end" }!.frame
        let (a, _) = try Program.readMono(mine), (b, _) = try Program.readMono(bundled)
        let before = zip(a[..<end], b[..<end]).map { abs($0 - $1) }.max() ?? 1
        let after = zip(a[end...], b[end...]).map { abs($0 - $1) }.max() ?? 0
        #expect(before == 0, "every other cue is the bundled one")
        #expect(after > 0.05, "the end is the folder's own FLAC")

        let missing = try Program.run(["render", routine, "--sounds", folder.appendingPathComponent("nowhere").path, "-o", mine])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("stretchcue: the sounds folder "), "\(missing.stderr)")
    }
    /// A folder's file is its kind's sound by its name in any case, in any format libsndfile
    /// reads (Sun's .au among them), not only the extensions once listed.
    @Test(arguments: ["end.au", "End.wav", "END.aiff"])
    func aSoundsFolderFileIsFoundByItsNameInAnyCase(name: String) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sounds = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: sounds, withIntermediateDirectories: true)
        _ = try tone(name, ["-r", "48000", "-c", "1"], in: sounds)
        let routine = try Program.write(Self.routine, to: "one.yaml", in: folder)
        let mine = folder.appendingPathComponent("mine.wav").path, bundled = folder.appendingPathComponent("bundled.wav").path
        let rendered = try Program.run(["render", routine, "--voice", "off", "--channels", "1", "--sounds", sounds.path, "-o", mine])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(try Program.run(["render", routine, "--voice", "off", "--channels", "1", "-o", bundled]).status == 0)
        let end = try ShowDocument.load([routine, "--voice", "off"]).cues.first { $0.kind == "end" }!.frame
        let (a, _) = try Program.readMono(mine), (b, _) = try Program.readMono(bundled)
        let after = zip(a[end...], b[end...]).map { abs($0 - $1) }.max() ?? 0
        #expect(after > 0.05, "the end is the folder's own \(name), not the bundled chime")
    }

    /// A file named for a kind that cannot be read, or two files for one kind, is one line
    /// naming them, not the bundled chime played without a word.
    @Test func aSoundsFolderFileThatCannotPlayIsNamed() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.routine, to: "one.yaml", in: folder)
        let output = folder.appendingPathComponent("out.wav").path
        let sounds = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: sounds, withIntermediateDirectories: true)
        let unreadable = try Program.write("not a sound", to: "end.mp3", in: sounds)
        let bad = try Program.run(["render", routine, "--voice", "off", "--sounds", sounds.path, "-o", output])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("stretchcue: \(unreadable): cannot use this cue sound: "), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1)

        try FileManager.default.removeItem(atPath: unreadable)
        _ = try tone("end.wav", ["-r", "48000", "-c", "1"], in: sounds)
        _ = try tone("End.flac", ["-r", "48000", "-c", "1"], in: sounds)
        let twice = try Program.run(["render", routine, "--voice", "off", "--sounds", sounds.path, "-o", output])
        #expect(twice.status == 2)
        #expect(twice.stderr == "stretchcue: the sounds folder \(sounds.path) has 2 files for the end sound (End.flac, end.wav): "
            + "keep one, since only one can play\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
