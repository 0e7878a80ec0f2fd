import Foundation
import SoundFile
import Testing

@Suite("a session fitted to the time a person has")
struct SessionLengthTests {
    @Test func showPrintsTheFittedLengthBesideTheRoutinesOwn() throws {
        let result = try Program.run(["show", "--length", "10m", "--voice", "off"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Lower back release: 13 exercises, 10:00 (fitted; as written 15:42)\n"), "\(result.stdout.prefix(90))")
        let document = try ShowDocument.load(["--length", "10m", "--voice", "off"])
        #expect(abs(document.duration_frames - 600 * 48_000) <= 1, "ten minutes, to the frame")
        #expect(result.stdout.hasSuffix("\ntotal 10:00 (\(document.duration_frames) frames at 48000 Hz)\n"), "\(result.stdout.suffix(60))")
    }

    /// The heading rounded, the total cut to the second: they disagreed, a fitted session's
    /// length being a little short of what was asked.
    @Test(arguments: ["16m", "3h"])
    func theHeadingAndTheTotalGiveTheLengthAsked(length: String) throws {
        let result = try Program.run(["show", "--length", length])
        #expect(result.status == 0, "\(result.stderr)")
        let clock = length == "16m" ? "16:00" : "3:00:00"
        #expect(result.stdout.hasPrefix("Lower back release: 13 exercises, \(clock) (fitted; as written 16:05)\n"))
        let seconds = length == "16m" ? 960 : 10_800
        #expect(result.stdout.hasSuffix("\ntotal \(clock) (\(seconds * 48_000) frames at 48000 Hz)\n"), "\(result.stdout.suffix(60))")
    }

    /// How long each bundled chime sounds, in frames at 48 kHz.
    static func chimeFrames() throws -> [String: Int] {
        var frames: [String: Int] = [:]
        for kind in ["exercise", "hold-start", "hold-end", "switch-side", "repetition", "inhale", "breath-hold", "exhale", "end"] {
            let file = try SoundFile(readingAt: Program.root.appendingPathComponent("sounds/\(kind).wav").path)
            frames[kind] = Int(file.frames) * 48_000 / file.sampleRate
            try file.close()
        }
        return frames
    }

    /// A short session's pauses shrink, but never so far that a chime still rings when the
    /// next one strikes; its holds are seldom whole breaths, and no breath cue rings into their end.
    @Test(arguments: [["5m", "--voice", "off"], ["7m", "--voice", "off"], ["8m"], ["12m"]])
    func noChimeRunsIntoTheNextInAShortSession(arguments: [String]) throws {
        let lengths = try Self.chimeFrames()
        let document = try ShowDocument.load(["--length"] + arguments)
        let chimes = document.cues.filter { $0.kind != "speech" }
        for (cue, next) in zip(chimes, chimes.dropFirst()) where next.frame != cue.frame {
            #expect(next.frame - cue.frame >= lengths[cue.kind]!,
                    "\(cue.kind) at \(cue.frame), then \(next.kind) \(next.frame - cue.frame) frames later")
        }
    }

    /// Fitted holds are seldom whole breaths, so a breath cue can fall just before a counted
    /// second: the number is left out rather than said over the chime.
    @Test func aCountdownNeverStartsOverAChime() throws {
        let document = try ShowDocument.load(["--length", "10m", "--countdown", "3"])
        let chimes = document.cues.filter { $0.kind != "speech" }.map(\.frame)
        let counted = document.cues.filter { $0.kind == "speech" && $0.text?.first?.isNumber == true }
        #expect(!counted.isEmpty)
        for cue in counted {
            #expect(!chimes.contains { $0 < cue.frame && cue.frame - $0 < 48_000 * 8 / 10 },
                    "\(cue.text ?? "") at \(cue.frame) starts within 0.8 s of a chime")
        }
    }

    @Test func aLengthOutOfReachIsSaidAndTheNearestPlays() throws {
        let result = try Program.run(["show", "--length", "1m", "--voice", "off"])
        #expect(result.status == 0)
        #expect(result.stderr == "stretchcue: Lower back release cannot fit into 1 min: it lasts 05:04, the shortest it goes, with holds of at least 5 s, 2 s to get into position and 00:38 for the chimes to ring out\n")
        // With the voice, much of the shortest is room for what it says.
        let spoken = try Program.run(["show", "--length", "1m"])
        #expect(spoken.stderr.range(of: #"^stretchcue: Lower back release cannot fit into 1 min: it lasts \d\d:\d\d, the shortest it goes, with holds of at least 5 s, 2 s to get into position, \d\d:\d\d of room for the spoken lines and \d\d:\d\d for the chimes to ring out\n$"#,
                                    options: .regularExpression) != nil, "\(spoken.stderr)")
        let holds = try ShowDocument.load(["--length", "1m", "--voice", "off"]).exercises.flatMap(\.holds)
        #expect(holds.allSatisfy { $0.end_frame - $0.start_frame >= 5 * 48_000 }, "no hold under the floor")
    }

    /// A routine of one short hold cannot fill 12 hours: a hundred times is as far as fitting
    /// scales, long before its hold reaches 30 min.
    @Test func aLengthTooLongForTheScaleNamesTheScale() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiny = try Program.write("name: Tiny\nexercises:\n  - {name: One, hold: 10s}\n", to: "tiny.yaml", in: folder)
        let result = try Program.run(["show", tiny, "--voice", "off", "--length", "12h"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("stretchcue: Tiny cannot fill 12 h: it lasts "), "\(result.stderr)")
        #expect(result.stderr.hasSuffix(", the longest it goes, with no part more than 100 times as long as written\n"), "\(result.stderr)")
    }

    @Test func theRoutineAndTheConfigFileMayAskForALengthAndTheCommandLineWins() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("""
            name: Fitted
            length: 5 min
            defaults: {hold: 30s, sides: both}
            exercises: [{name: a}, {name: b}, {name: c}]
            """, to: "fitted.yaml", in: folder)
        func heading(_ arguments: [String], config: String? = nil) throws -> String {
            var environment: [String: String] = [:]
            if let config {
                let home = folder.appendingPathComponent("config-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: home.appendingPathComponent("stretchcue"), withIntermediateDirectories: true)
                try config.write(to: home.appendingPathComponent("stretchcue/config.yaml"), atomically: true, encoding: .utf8)
                environment["XDG_CONFIG_HOME"] = home.path
            }
            let result = try Program.run(["show", routine, "--voice", "off"] + arguments, environment: environment)
            return String(result.stdout.prefix { $0 != "\n" })
        }
        #expect(try heading([]) == "Fitted: 3 exercises, 05:00 (fitted; as written 03:59)")
        #expect(try heading([], config: "length: 4m\n") == "Fitted: 3 exercises, 04:00 (fitted; as written 03:59)")
        #expect(try heading(["--length", "6 minutes"], config: "length: 4m\n") == "Fitted: 3 exercises, 06:00 (fitted; as written 03:59)")
    }

    @Test(arguments: [(["--length", "soon"], "stretchcue: The value 'soon' is invalid for '--length <length>': must be a length such as 10m, 20 minutes, 1h or 1:15:00; got 'soon'\n"),
                      (["--length", "13h"], "stretchcue: The value '13h' is invalid for '--length <length>': a session can be fitted to 1 min up to 12 h; got 13 h\n")])
    func aLengthThatIsNoneIsOneLine(arguments: [String], message: String) throws {
        let result = try Program.run(["show"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
    }
}
