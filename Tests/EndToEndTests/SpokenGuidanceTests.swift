import Foundation
import Testing

@Suite("spoken guidance: heard where announced, never over a chime")
struct SpokenGuidanceTests {
    static let rate = 48_000
    /// Quiet, for the speech alone: within two 16-bit steps of nothing.
    static let quiet: Float = 3.0 / 32_768

    func rms(_ samples: ArraySlice<Float>) -> Float {
        (samples.reduce(0) { $0 + $1 * $1 } / Float(max(1, samples.count))).squareRoot()
    }

    /// The rendered session minus the chimes its cue list calls for (rebuilt from the sound
    /// files): what is left is the voice alone. A chime a frame off would be left over too, so
    /// the quiet around every chime below also proves each chime is at its frame: this is the
    /// one render of the whole bundled routine in the tests.
    func speechAlone(_ arguments: [String], in folder: URL) throws -> (speech: [Float], document: ShowDocument) {
        let document = try ShowDocument.load(arguments)
        let output = folder.appendingPathComponent("voice.wav").path
        let result = try Program.run(["render"] + arguments + ["--channels", "1", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let (audio, rate) = try Program.readMono(output)
        #expect(rate == Self.rate)
        let chimes = try CueFinder(rate: rate).expected(document.cues.filter { $0.kind != "speech" }, length: audio.count)
        return (zip(audio, chimes).map { $0 - $1 }, document)
    }

    @Test func bundledRoutineSpeaksInEachWindowAndIsQuietAtEveryChime() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (speech, document) = try speechAlone([], in: folder)
        let spoken = document.cues.filter { $0.kind == "speech" }
        let chimes = document.cues.filter { $0.kind != "speech" }
        // Each exercise is announced, each side switch and repetition said, halfway once, the end.
        #expect(spoken.count == 36)
        #expect(spoken.filter { $0.text?.hasPrefix("Next: ") == true }.count == 13)
        #expect(spoken.filter { $0.text == "Halfway." }.count == 1)
        #expect(spoken.last?.text == "Session complete.")
        #expect(spoken.contains { $0.text == "Left knee." } && spoken.contains { $0.text == "2 of 3." })

        for cue in spoken {
            // The voice starts on its frame: nothing before, clearly speech in the half second after.
            let before = speech[max(0, cue.frame - 4_800)..<cue.frame]
            #expect(before.allSatisfy { abs($0) < Self.quiet }, "\(cue.text!) starts early")
            let start = rms(speech[cue.frame..<(cue.frame + Self.rate / 2)])
            #expect(start > 0.01, "'\(cue.text!)' at \(cue.frame): only \(start) RMS")
        }
        for chime in chimes where chime.kind != "end" {
            // From a second before each chime until the speech after it may begin: no voice.
            let around = speech[(chime.frame - Self.rate)..<(chime.frame + Self.rate * 7 / 10)]
            let loudest = around.map(abs).max() ?? 0
            #expect(loudest < Self.quiet, "speech at \(chime.kind) \(chime.frame): \(loudest)")
        }
        // The ends of the session: silence before the first line and after the last.
        #expect(speech[(document.duration_frames - Self.rate / 2)...].allSatisfy { abs($0) < Self.quiet })
    }

    @Test func voiceOffGivesTheChimeOnlyTimeline() throws {
        let off = try Program.run(["show", "--json", "--voice", "off"])
        #expect(off.status == 0 && off.stderr.isEmpty)
        let document = try JSONDecoder().decode(ShowDocument.self, from: Data(off.stdout.utf8))
        #expect(!document.cues.contains { $0.kind == "speech" || $0.text != nil })
        #expect(document.duration_frames == 45_216_000, "the bundled routine lasts 15:42 with chimes only")
        #expect(!off.stdout.contains("\"text\""))
        // The voice on adds room for its lines: the session grows and no chime comes earlier.
        let on = try ShowDocument.load([])
        #expect(on.duration_frames > document.duration_frames)
        let onChimes = on.cues.filter { $0.kind != "speech" }
        #expect(onChimes.map(\.kind) == document.cues.map(\.kind))
        #expect(zip(onChimes, document.cues).allSatisfy { $0.frame >= $1.frame })
        // The text form lists each spoken line with its time and how long it lasts.
        let text = try Program.run(["show"])
        #expect(text.stdout.contains { $0 == "\"" })
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("00:02") && $0.contains("speech") && $0.contains("\"Next: Child's pose.") })
    }

    @Test func longSayStretchesTheTransition() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func holdDelay(say: String) throws -> (delay: Int, speech: ShowDocument.Cue) {
            let path = try Program.write("""
                name: Say
                exercises:
                  - name: Reach
                    instruction: Reach up.
                    say: \(say)
                    transition: 4s
                    hold: 5s
                """, to: "say.yaml", in: folder)
            let document = try ShowDocument.load([path])
            let exercise = document.cues.first { $0.kind == "exercise" }!
            let hold = document.cues.first { $0.kind == "hold-start" }!
            return (hold.frame - exercise.frame, document.cues.first { $0.kind == "speech" }!)
        }
        let short = try holdDelay(say: "Reach.")
        #expect(short.delay == 4 * Self.rate, "a short line fits the 4 s transition")
        #expect(short.speech.text == "Reach.")
        let long = "Stand tall with your feet apart, raise both arms slowly over your head, lace your fingers, and reach toward the ceiling as you breathe in."
        let stretched = try holdDelay(say: long)
        #expect(stretched.speech.text == long)
        #expect(stretched.delay > 9 * Self.rate, "the 4 s transition grows to fit about 8 s of speech")
        // And the voice has ended before the hold starts.
        let (speech, document) = try speechAlone([folder.appendingPathComponent("say.yaml").path], in: folder)
        let hold = document.cues.first { $0.kind == "hold-start" }!.frame
        #expect(speech[(hold - Self.rate / 2)..<(hold + Self.rate / 2)].allSatisfy { abs($0) < Self.quiet })
        #expect(rms(speech[(hold - 5 * Self.rate)..<(hold - 3 * Self.rate)]) > 0.01, "still speaking 3 s before the hold")
    }

    @Test(arguments: [
        (["--voice-name", "nosuch"], [:], "stretchcue: no voice 'nosuch' in espeak-ng (try en-us, en, de, fr, es); playing chimes only"),
        ([], ["ESPEAK_DATA_PATH": "EMPTY"], "stretchcue: espeak-ng cannot speak (espeak_ng_Initialize: No such file or directory); playing chimes only"),
    ])
    func missingVoiceSaysSoOnceAndPlaysChimes(arguments: [String], environment: [String: String], notice: String) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // espeak-ng looks for its data in $ESPEAK_DATA_PATH/espeak-ng-data: here, an empty folder.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("espeak-ng-data"), withIntermediateDirectories: true)
        // No lines kept from an earlier test: this one is about espeak-ng itself.
        let environment = environment.mapValues { $0 == "EMPTY" ? folder.path : $0 }
            .merging(["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]) { $1 }
        let chimesOnly = try Program.run(["show", "--json", "--voice", "off"])
        let show = try Program.run(["show", "--json"] + arguments, environment: environment)
        #expect(show.status == 0)
        #expect(show.stderr == notice + "\n")
        #expect(show.stdout == chimesOnly.stdout)
        // render says so too, and renders the chimes alone (a short routine: the timeline is the same).
        let routine = try Program.write("name: Short\nexercises:\n  - {name: One, instruction: a, hold: 2s}\n", to: "short.yaml", in: folder)
        let output = folder.appendingPathComponent("out.wav").path
        let render = try Program.run(["render", routine, "-o", output] + arguments, environment: environment)
        #expect(render.status == 0)
        #expect(render.stderr == notice + "\n")
        let (audio, _) = try Program.readMono(output)
        #expect(audio.count == (try ShowDocument.load([routine, "--voice", "off"])).duration_frames)
    }

    /// A line is spoken once: the next session takes it from the cache, even with espeak-ng's
    /// data gone; a damaged cache file is spoken again.
    @Test func spokenLinesAreKeptForTheNextSession() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("espeak-ng-data"), withIntermediateDirectories: true)
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let noEspeak = cache.merging(["ESPEAK_DATA_PATH": folder.path]) { $1 }
        let routine = try Program.write("name: Kept\nexercises:\n  - {name: Reach, instruction: Reach up high., hold: 2s}\n",
                                        to: "kept.yaml", in: folder)
        let first = try Program.run(["show", "--json", routine], environment: cache)
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        let kept = try Program.run(["show", "--json", routine], environment: noEspeak)
        #expect(kept.stderr.isEmpty, "no espeak-ng needed: \(kept.stderr)")
        #expect(kept.stdout == first.stdout, "the same lines, the same lengths")

        let clips = folder.appendingPathComponent("cache/stretchcue/clips")
        let files = try FileManager.default.contentsOfDirectory(atPath: clips.path).filter { $0.hasSuffix(".clip") }
        #expect(files.count == 2, "the announcement and the end (no halfway in so short a routine): \(files)")
        try Data("damaged".utf8).write(to: clips.appendingPathComponent(files[0]))
        let missing = try Program.run(["show", "--json", routine], environment: noEspeak)
        #expect(missing.stderr.contains("espeak-ng cannot speak"), "a damaged file is not trusted")
        #expect(try Program.run(["show", "--json", routine], environment: cache).stdout == first.stdout)
        #expect(try Program.run(["show", "--json", routine], environment: noEspeak).stderr.isEmpty, "spoken again and kept")

        let cleared = try Program.run(["cache", "--clear"], environment: cache)
        #expect(cleared.stdout.hasPrefix("removed 2 spoken lines"), "\(cleared.stdout)")
    }

    @Test func anotherVoiceAndRateAreUsed() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Program.write("""
            name: Rate
            exercises:
              - {name: Reach, instruction: Stand tall and reach both arms slowly over your head toward the ceiling., transition: 1s}
            """, to: "rate.yaml", in: folder)
        func holdStart(_ arguments: [String]) throws -> Int {
            try ShowDocument.load([path] + arguments).cues.first { $0.kind == "hold-start" }!.frame
        }
        let slow = try holdStart(["--voice-rate", "90"]), fast = try holdStart(["--voice-rate", "300"])
        #expect(Double(slow) > 1.8 * Double(fast), "at 90 words a minute the line takes far longer than at 300")
        #expect(try holdStart(["--voice-name", "de"]) != holdStart(["--voice-name", "en-us"]))
    }

    @Test(arguments: [
        (["--voice-rate", "20"], "stretchcue: --voice-rate must be from 80 to 400 words a minute; got 20"),
        (["--voice", "loud"], "stretchcue: The value 'loud' is invalid for '--voice <on|off>'"),
        (["--voice-name", ""], "stretchcue: --voice-name takes one voice name such as en-us or de (espeak-ng) or slt (flite); got ''"),
    ])
    func badVoiceOptionsAreRefused(arguments: [String], message: String) throws {
        let result = try Program.run(["show"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }
}
