import Foundation
import Testing

@Suite("render and play put every cue at its frame")
struct RenderTests {
    static let edgeCases = """
        name: Edge cases
        lead_in: 0s
        outro: 1s
        exercises:
          - name: No transition
            instruction: Hold at once.
            transition: 0s
            hold: 3s
            breath: 4-4-4-4
            gap: 0s
          - name: Back to back
            instruction: Sides and repetitions with no pauses.
            transition: 1s
            sides: [one, two]
            switch: 0s
            rest: 0s
            repetitions: 2
            hold: 1.5s
            breath: off
          - name: Flow
            instruction: Positions on the breath.
            breath: 4-7-8
            rest: 0s
            repetitions: 2
            positions:
              - name: Up
                hold: inhale
              - name: Down
                hold: exhale
        """

    /// Renders mono at 48 kHz and checks the audio sample by sample against the cue list
    /// that `show --json` gives, so a cue one frame early or late fails. Chimes only: the
    /// spoken guidance has its own tests.
    func checkRendered(routine: [String]) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = routine + ["--voice", "off"]
        let document = try ShowDocument.load(routine)
        let output = folder.appendingPathComponent("out.wav").path
        let result = try Program.run(["render"] + routine + ["--channels", "1", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let (audio, rate) = try Program.readMono(output)
        #expect(rate == 48_000)
        #expect(audio.count >= document.duration_frames)

        let finder = try CueFinder(rate: rate)
        let expected = finder.expected(document.cues, length: audio.count)
        var worst: Float = 0
        for i in 0..<audio.count { worst = max(worst, abs(audio[i] - expected[i])) }
        // 16-bit WAV: one quantisation step is 1/32768.
        #expect(worst < 2.0 / 32768, "rendered audio differs from the cue list by \(worst)")

        // Correlation finds a chime where it sounds alone at its start; two chimes starting
        // on one frame are covered by the sample-exact comparison above.
        let structural = document.cues.filter { !CueFinder.breathKinds.contains($0.kind) }
        let shared = Dictionary(grouping: structural, by: \.frame).filter { $0.value.count > 1 }.keys
        for cue in structural where !shared.contains(cue.frame) {
            #expect(finder.bestLag(of: cue.kind, near: cue.frame, in: audio) == 0,
                    "\(cue.kind) of exercise \(cue.exercise ?? 0) not found at frame \(cue.frame)")
        }
    }

    @Test func edgeCasesLandOnTheirFrames() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Program.write(Self.edgeCases, to: "edge.yaml", in: folder)
        let document = try ShowDocument.load([path, "--voice", "off"])
        // Zero transition: the first hold starts on the exercise chime's frame.
        #expect(document.cues.prefix(3).map(\.kind) == ["exercise", "hold-start", "inhale"])
        #expect(document.cues.prefix(3).map(\.frame) == [0, 0, 0])
        try checkRendered(routine: [path])
    }

    @Test func veryLongHoldDoesNotDrift() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Program.write("""
            name: Long
            exercises:
              - name: Long hold
                instruction: Stay.
                hold: 30m
                breath: 5.5/min
            """, to: "long.yaml", in: folder)
        let document = try ShowDocument.load([path, "--rate", "8000"])
        let breaths = document.cues.filter { $0.kind == "inhale" || $0.kind == "exhale" }
        let holdStart = document.cues.first { $0.kind == "hold-start" }!.frame
        // 5.5/min: each phase lasts 60/11 s; boundary k is at exactly k × 60/11 s after the
        // hold starts (2 s lead-in + 10 s transition), 8000 frames a second.
        for (k, cue) in breaths.enumerated() {
            let numerator = (12 * 11 + 60 * k) * 8000 // (12 + 60k/11) s × 8000, over 11
            #expect(cue.frame == (2 * numerator + 11) / 22, "breath cue \(k)")
        }
        #expect(holdStart == 12 * 8000)
        #expect(breaths.count == 330) // 30 min at 5.5 breaths a minute, two phases each
        let output = folder.appendingPathComponent("long.flac").path
        let result = try Program.run(["render", path, "--rate", "8000", "--channels", "1", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let (audio, rate) = try Program.readMono(output)
        #expect(rate == 8000)
        #expect(audio.count >= document.duration_frames)
    }

    @Test func playingToTheFileDeviceRecordsTheRenderedSession() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.edgeCases, to: "edge.yaml", in: folder)
        let rendered = folder.appendingPathComponent("rendered.wav").path
        let recorded = folder.appendingPathComponent("recorded.wav").path
        #expect(try Program.run(["render", routine, "-o", rendered]).status == 0)
        let play = try Program.run(["play", routine, "-D", "file:FILE=\(recorded),FORMAT=wav"])
        #expect(play.status == 0, "\(play.stderr)")
        // The heading, one line per cue in order, and what was done.
        let document = try ShowDocument.load([routine])
        var lines = play.stdout.split(separator: "\n").dropFirst()
        #expect(lines.popLast() == "session complete: 3 exercises in 1 min")
        #expect(lines.count == document.cues.count)
        #expect(zip(lines, document.cues).allSatisfy { $0.contains($1.kind) })

        let (a, _) = try Program.readMono(rendered)
        let (b, _) = try Program.readMono(recorded)
        #expect(b.count >= document.duration_frames)
        let length = min(a.count, b.count)
        var worst: Float = 0
        for i in 0..<length { worst = max(worst, abs(a[i] - b[i])) }
        #expect(worst < 2.0 / 32768, "the device received different audio: \(worst)")
    }

    /// Nothing a person can set distorts: turned up past what overlapping cues allow, the
    /// session plays as loud as it can without clipping, and says so.
    @Test func aVolumeThatWouldClipIsHeldBelowFullScale() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.edgeCases, to: "edge.yaml", in: folder)
        let output = folder.appendingPathComponent("loud.wav").path
        let result = try Program.run(["render", routine, "--voice", "off", "--volume", "12", "--channels", "1", "-o", output])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("stretchcue: playing at "), "\(result.stderr)")
        #expect(result.stderr.hasSuffix(" dB, not 12: louder would clip where cues overlap\n"))
        let (audio, _) = try Program.readMono(output)
        let peak = audio.map(abs).max() ?? 0
        #expect(peak < 1 && peak > 0.5, "loud, and not one sample at full scale: \(peak)")
        let quiet = try Program.run(["render", routine, "--voice", "off", "-o", output])
        #expect(quiet.stderr.isEmpty, "at 0 dB nothing to say")
    }

    /// Ogg Vorbis overshoots the peaks it encodes: turned up all the way with sounds at full
    /// scale, a lossy file keeps a margin more, so that it decodes below full scale, and says so.
    @Test func aLossyFileKeepsRoomForItsEncodingToOvershoot() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("name: One\nexercises:\n  - {name: a, instruction: b, transition: 2s, hold: 2s, breath: off}\n",
                                        to: "one.yaml", in: folder)
        let full = folder.appendingPathComponent("full.wav").path
        let sox = Process()
        sox.executableURL = URL(fileURLWithPath: "/usr/bin/sox")
        sox.arguments = ["-n", "-r", "48000", "-c", "1", full, "synth", "0.5", "sine", "440", "vol", "1.0"]
        try sox.run()
        sox.waitUntilExit()
        let output = folder.appendingPathComponent("loud.ogg").path
        let sounds = ["exercise", "hold-start", "hold-end", "end"].flatMap { ["--sound", "\($0)=\(full)"] }
        let result = try Program.run(["render", routine, "--voice", "off", "--volume", "12", "--channels", "1", "-o", output] + sounds)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasSuffix(": louder would clip where cues overlap (1 dB more is kept for the lossy encoding, "
            + "which overshoots)\n"), "\(result.stderr)")
        let (audio, _) = try Program.readMono(output)
        let peak = audio.map(abs).max() ?? 0
        #expect(peak < 0.99 && peak > 0.8, "loud, and never at full scale once decoded: \(peak)")
    }

    @Test func toStandardOutputASessionPipesIntoAnotherProgram() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.edgeCases, to: "edge.yaml", in: folder)
        let document = try ShowDocument.load([routine, "--voice", "off"])
        let piped = folder.appendingPathComponent("piped.au").path
        let command = "'\(Program.binary.path)' render '\(routine)' --voice off --channels 1 -o - | cat > '\(piped)'"
        let result = try Program.run(["-c", command], program: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.range(of: #"^wrote standard output: \d\d:\d\d of sound, in \d+\.\d s\n$"#, options: .regularExpression) != nil,
                "\(result.stderr)")
        let (audio, rate) = try Program.readMono(piped)
        #expect(rate == 48_000 && audio.count >= document.duration_frames)
        let file = folder.appendingPathComponent("file.wav").path
        #expect(try Program.run(["render", routine, "--voice", "off", "--channels", "1", "-o", file]).status == 0)
        let (same, _) = try Program.readMono(file)
        #expect(same == audio, "the same session whichever way it is written")

        let raw = folder.appendingPathComponent("raw.pcm").path
        let rawCommand = "'\(Program.binary.path)' render '\(routine)' --voice off --format raw -o - | cat > '\(raw)'"
        #expect(try Program.run(["-c", rawCommand], program: URL(fileURLWithPath: "/bin/sh")).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: raw)[.size] as? Int
        #expect(size == same.count * 2 * 2, "16-bit stereo, no header")
    }

    @Test func aWAVIntoAPipeIsRefusedWithWhatToDoInstead() throws {
        let command = "'\(Program.binary.path)' render --voice off --format wav -o - | cat > /dev/null; exit ${PIPESTATUS:-0}"
        let result = try Program.run(["-c", "set -o pipefail; \(command)"], program: URL(fileURLWithPath: "/bin/bash"))
        #expect(result.status == 2)
        #expect(result.stderr == "stretchcue: WAV cannot be streamed into a pipe (its header is written last): use --format au, flac or raw\n")
    }

    @Test func aRenderEndsWithOneLineOfWhatItWrote() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.edgeCases, to: "edge.yaml", in: folder)
        let output = folder.appendingPathComponent("out.flac").path
        let result = try Program.run(["render", routine, "--voice", "off", "-o", output])
        #expect(result.stdout.range(of: #"^wrote .*out\.flac: \d\d:\d\d of sound, \d+ KiB, in \d+\.\d s\n$"#,
                                    options: .regularExpression) != nil, "\(result.stdout)")
    }

    /// On a terminal (script(1) gives one) a render past half a second shows a bar that
    /// grows, then takes it away before its closing line; off a terminal it shows none.
    @Test func aLongRenderShowsItsProgressOnATerminal() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("""
            name: Long
            exercises: [{name: a, hold: 30 min}, {name: b, hold: 30 min}, {name: c, hold: 30 min}, {name: d, hold: 30 min}]
            """, to: "long.yaml", in: folder)
        let output = folder.appendingPathComponent("long.wav").path
        let command = "'\(Program.binary.path)' render '\(routine)' --voice off --rate 8000 --channels 1 -o '\(output)'"
        let result = try Program.run(["-qfec", command, "/dev/null"], environment: ["TERM": "xterm"],
                                     program: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.status == 0)
        let bars = result.stdout.components(separatedBy: "\r\u{1B}[K").filter { $0.hasPrefix("writing ") }
        let percents = bars.compactMap { $0.split(separator: " ").last.flatMap { Int($0.dropLast()) } }
        #expect(percents.count >= 2 && percents == percents.sorted(), "\(bars)")
        #expect(result.stdout.contains("%\r\u{1B}[Kwrote "), "the bar is cleared before the closing line")
    }
}
