import Foundation
import SoundFile
import Testing

/// The voices a person can choose, heard as a person hears them: every line of the bundled
/// routine said by each engine, at the loudness espeak-ng always had against the chimes,
/// without clicks or clipping; a command that fails or hangs handing over to espeak-ng; a
/// voice pack's recordings used for the lines it has.
@Suite("voices: espeak-ng, flite, a command of your own, and recorded lines")
struct VoiceEngineTests {
    /// The lines are rendered at this rate, over silent chimes: what is heard is the voice alone.
    static let rate = 16_000

    /// espeak-ng's balance against the chimes before the voices were levelled, measured as
    /// here (bench/voices on that build): its lines sat from -2.2 to +0.3 dB against the
    /// exercise chime, median -0.1.
    static let espeakBalance = -0.1
    /// Whatever the engine, each line sits this close to that balance.
    static let balanceBound = 3.0
    /// The loudest a line may peak in the mix: -1 dBFS, at the speech gain, under the headroom.
    static let peakBound: Float = pow(10, -1.0 / 20) * 1.5 * 0.5 * 1.02

    /// The voiced loudness of `samples` in dBFS: RMS over blocks of 20 ms within 30 dB of the
    /// loudest, so that pauses between words do not count. Nil for silence.
    static func loudness(_ samples: ArraySlice<Float>, rate: Int) -> Double? {
        let size = rate / 50
        let powers = stride(from: samples.startIndex, to: samples.endIndex, by: size).map { start in
            let block = samples[start..<min(samples.endIndex, start + size)]
            return block.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(block.count)
        }
        guard let loudest = powers.max(), loudest > 0 else { return nil }
        let voiced = powers.filter { $0 >= loudest / 1_000 }
        return 10 * log10(voiced.reduce(0, +) / Double(voiced.count))
    }

    /// The exercise chime's loudness as it plays, under the mix headroom.
    static func chimeLoudness() throws -> Double {
        let (chime, rate) = try Program.readMono(Program.root.appendingPathComponent("sounds/exercise.wav").path)
        return try #require(loudness(chime[...], rate: rate)) + 20 * log10(0.5)
    }

    /// A folder of sounds that say nothing, one for every chime: a render with it is the voice alone.
    static func silentSounds(in folder: URL) throws -> String {
        let sounds = folder.appendingPathComponent("silent")
        try FileManager.default.createDirectory(at: sounds, withIntermediateDirectories: true)
        for kind in ["exercise", "hold-start", "hold-end", "switch-side", "repetition", "inhale", "breath-hold", "exhale",
                     "end", "pause", "resume"] {
            let file = try SoundFile(writingAt: sounds.appendingPathComponent("\(kind).wav").path, format: .wav16,
                                     sampleRate: rate, channels: 1)
            try [Float](repeating: 0, count: 16).withUnsafeBufferPointer { try file.writeFrames($0) }
            try file.close()
        }
        return sounds.path
    }

    /// A voice command of the test's own: espeak-ng's program speaking into WAV on standard
    /// output, noting each line it is asked for, so that the test knows it was the one heard.
    static func speakingScript(in folder: URL) throws -> (command: String, log: URL) {
        let log = folder.appendingPathComponent("spoken.log")
        let script = try Program.write("""
            #!/bin/sh
            read -r line
            printf '%s\\n' "$line" >> '\(log.path)'
            printf '%s' "$line" | exec espeak-ng -v en-gb -s "$STRETCHCUE_VOICE_RATE" --stdout
            """, to: "speak.sh", in: folder)
        chmod(script, 0o755)
        return (script, log)
    }

    struct Heard {
        let document: ShowDocument
        let audio: [Float]
        let stderr: String
    }

    /// The routine rendered over silent chimes with `arguments`, and its timeline.
    static func voiceAlone(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> Heard {
        let sounds = try silentSounds(in: folder)
        let show = try Program.run(["show", "--json", "--rate", String(rate)] + arguments, environment: environment)
        #expect(show.status == 0, "\(show.stderr)")
        let document = try JSONDecoder().decode(ShowDocument.self, from: Data(show.stdout.utf8))
        let output = folder.appendingPathComponent("voice-\(UUID().uuidString).wav").path
        let render = try Program.run(["render", "--sounds", sounds, "--rate", String(rate), "--channels", "1", "-o", output]
                                     + arguments, environment: environment)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stderr == show.stderr, "the same notices, or none")
        let (audio, rate) = try Program.readMono(output)
        #expect(rate == Self.rate)
        try? FileManager.default.removeItem(atPath: output)
        return Heard(document: document, audio: audio, stderr: show.stderr)
    }

    /// Each spoken line of `heard`, from its cue to the next one's, and where its sound ends.
    static func lines(of heard: Heard) -> [(text: String, sound: ArraySlice<Float>)] {
        let spoken = heard.document.cues.filter { $0.kind == "speech" }
        return spoken.enumerated().map { index, cue in
            let until = index + 1 < spoken.count ? spoken[index + 1].frame : heard.audio.count
            let window = heard.audio[cue.frame..<until]
            let end = window.lastIndex { $0 != 0 }.map { $0 + 1 } ?? cue.frame
            return (cue.text ?? "", heard.audio[cue.frame..<end])
        }
    }

    /// Every line is there, as loud against the chimes as espeak-ng's always was, peaks under
    /// the ceiling, and neither end starts or stops with a jump.
    static func expectWellSpoken(_ heard: Heard, engine: String) throws {
        let chime = try chimeLoudness()
        let lines = lines(of: heard)
        #expect(lines.count == 36, "\(engine): the bundled routine says 36 lines")
        for (text, sound) in lines {
            let seconds = Double(sound.count) / Double(rate)
            #expect(seconds > 0.3, "\(engine): '\(text)' lasts \(seconds) s")
            guard let level = loudness(sound, rate: rate) else {
                Issue.record("\(engine): '\(text)' is silent")
                continue
            }
            let balance = level - chime
            #expect(abs(balance - espeakBalance) <= balanceBound,
                    "\(engine): '\(text)' sits \(balance) dB against the chimes; espeak-ng's is \(espeakBalance)")
            let peak = sound.map(abs).max() ?? 0
            #expect(peak <= peakBound, "\(engine): '\(text)' peaks at \(peak)")
            let edge = rate / 2_000 // half a millisecond
            #expect(sound.prefix(edge).allSatisfy { abs($0) < 0.02 }, "\(engine): '\(text)' starts with a click")
            #expect(sound.suffix(edge).allSatisfy { abs($0) < 0.02 }, "\(engine): '\(text)' ends with a click")
        }
    }

    @Test(arguments: [
        ("espeak-ng", [String]()),
        ("flite slt", ["--voice-engine", "flite"]),
        ("flite kal16", ["--voice-engine", "flite", "--voice-name", "kal16"]),
    ])
    func eachEngineSaysEveryLineAtTheSameLevel(engine: String, arguments: [String]) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let heard = try Self.voiceAlone(arguments, in: folder, environment: cache)
        #expect(heard.stderr.isEmpty, "\(engine) spoke, with no fallback: \(heard.stderr)")
        try Self.expectWellSpoken(heard, engine: engine)
    }

    /// A command of the person's own says every line; the next session takes each from the
    /// cache and runs it not once.
    @Test func aVoiceCommandSaysEveryLineOnceAndTheCacheKeepsThem() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (command, log) = try Self.speakingScript(in: folder)
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let heard = try Self.voiceAlone(["--voice-command", command], in: folder, environment: cache)
        #expect(heard.stderr.isEmpty, "the command spoke: \(heard.stderr)")
        try Self.expectWellSpoken(heard, engine: "the command")
        let asked = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        let texts = Set(heard.document.cues.compactMap(\.text))
        #expect(asked.count == texts.count && Set(asked.map(String.init)) == texts, "each line asked once: \(asked.count)")

        // Another session: the same timeline, and the command is not run at all.
        let again = try Program.run(["show", "--json", "--voice-command", command, "--rate", String(Self.rate)], environment: cache)
        #expect(again.status == 0 && again.stderr.isEmpty)
        #expect(try JSONDecoder().decode(ShowDocument.self, from: Data(again.stdout.utf8)).cues.map(\.frame)
            == heard.document.cues.map(\.frame))
        #expect(try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count == asked.count)
        // Another rate is another voice: spoken anew.
        _ = try Program.run(["show", "--voice-command", command, "--voice-rate", "120"], environment: cache)
        #expect(try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count == 2 * asked.count)
    }

    static let short = "name: Short\nexercises:\n  - {name: Reach, instruction: Reach up., hold: 2s}\n"

    @Test(arguments: [
        ("echo 'no model at ~/piper/voice.onnx' >&2; exit 1",
         "stretchcue: the voice command 'echo 'no model at ~/piper/voice.onnx' >&2; exit 1' failed with exit status 1: no model at ~/piper/voice.onnx; speaking with espeak-ng instead\n"),
        ("echo hello", "stretchcue: the voice command 'echo hello' wrote no sound that libsndfile reads (Format not recognised.); speaking with espeak-ng instead\n"),
        ("no-such-speaker --wav", "stretchcue: the voice command 'no-such-speaker --wav' failed with exit status 127: /bin/sh: 1: no-such-speaker: not found; speaking with espeak-ng instead\n"),
    ])
    func aFailingCommandHandsOverToEspeakAndSaysSo(command: String, notice: String) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.short, to: "short.yaml", in: folder)
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let result = try Program.run(["show", "--json", routine, "--voice-command", command], environment: cache)
        #expect(result.status == 0)
        #expect(result.stderr == notice)
        #expect(result.stdout == (try Program.run(["show", "--json", routine], environment: cache)).stdout, "espeak-ng's timeline")
    }

    /// A command that hangs is given up on at its time limit, with whatever it started, and
    /// espeak-ng speaks; with espeak-ng unable too, the session has chimes only.
    @Test func aHangingCommandEndsAtItsLimit() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.short, to: "short.yaml", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("config/stretchcue"), withIntermediateDirectories: true)
        _ = try Program.write("voice_timeout: 1\n", to: "config/stretchcue/config.yaml", in: folder)
        let pids = folder.appendingPathComponent("pids")
        let command = "echo $$ >> \(pids.path); sleep 60 & echo $! >> \(pids.path); echo loading the model >&2; wait"
        let environment = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
                           "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
        let start = Date()
        let result = try Program.run(["show", "--json", routine, "--voice-command", command], environment: environment, timeout: 60)
        let took = Date().timeIntervalSince(start)
        #expect(result.status == 0)
        #expect(result.stderr == "stretchcue: the voice command '\(command.prefix(57))...' took more than 1 s to speak one line: loading the model; speaking with espeak-ng instead\n")
        #expect(took < 20, "the limit is 1 s a line; it took \(took) s")
        let started = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(started.count == 2)
        for pid in started {
            #expect(!Self.running(pid), "process \(pid) of the command still runs")
        }

        // Neither can speak: chimes only, timed as with the voice off.
        let empty = folder.appendingPathComponent("espeak-ng-data")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try Program.run(["show", "--json", routine, "--voice-command", "exit 1"], environment: [
            "XDG_CACHE_HOME": folder.appendingPathComponent("empty cache").path, "ESPEAK_DATA_PATH": folder.path])
        #expect(none.stderr == """
            stretchcue: the voice command 'exit 1' failed with exit status 1; speaking with espeak-ng instead
            stretchcue: espeak-ng cannot speak (espeak_ng_Initialize: No such file or directory); playing chimes only

            """)
        #expect(none.stdout == (try Program.run(["show", "--json", routine, "--voice", "off"])).stdout)
    }

    /// The script to record is what a session with the same choices says: at `--guidance
    /// names` no instructions, with `--countdown` the numbers.
    @Test func voiceLinesAreTheLinesOfTheSessionChosen() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("""
            name: Script
            exercises:
              - {name: Reach, instruction: Reach up., hold: 8s, transition: 2s, breath: off}
              - {name: Fold, instruction: Fold forward., sides: [left, right], hold: 8s, transition: 2s, breath: off}
            """, to: "script.yaml", in: folder)
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        func script(_ options: [String]) throws -> [String] {
            let result = try Program.run(["voice-lines", routine] + options, environment: cache)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").dropFirst().map { $0.drop { $0 != " " }.trimmingCharacters(in: .whitespaces) }
        }
        func said(_ options: [String]) throws -> [String] {
            let result = try Program.run(["show", "--json", routine] + options, environment: cache)
            let cues = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["cues"] as? [[String: Any]]
            var seen = Set<String>()
            return (cues ?? []).compactMap { $0["text"] as? String }.filter { seen.insert($0).inserted }
        }
        #expect(try script([]).first == "Next: Reach. Reach up.")
        for options in [["--guidance", "names"], ["--countdown", "3"], ["--guidance", "brief", "--countdown", "2", "--language", "de"]] {
            #expect(try script(options) == said(options), "\(options)")
        }
        #expect(try script(["--guidance", "names", "--countdown", "3"]) == ["Reach.", "3.", "2.", "1.", "Fold. Left side.", "Right side."])
        #expect(try script(["--guidance", "off"]).isEmpty)
    }

    /// Some lines recorded (tones that sox makes, in two formats and rates): those are heard as
    /// recorded, trimmed and levelled, and the engine says the rest.
    @Test func aVoicePackIsUsedForTheLinesItHas() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("""
            name: Packed
            exercises:
              - {name: Reach, instruction: Reach up., hold: 3s, transition: 2s}
              - {name: Fold, instruction: Fold forward., sides: [left, right], hold: 3s, transition: 2s}
            """, to: "packed.yaml", in: folder)
        let pack = folder.appendingPathComponent("my voice")
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let lines = try Program.run(["voice-lines", routine, "--pack", pack.path], environment: cache)
        #expect(lines.status == 0, "\(lines.stderr)")
        #expect(lines.stdout.hasSuffix("wrote \(pack.path)/index.yaml (4 lines, 4 new) and README.txt; 0 of this routine's 4 lines are recorded\n"),
                "\(lines.stdout)")
        let script = lines.stdout.split(separator: "\n").dropLast().map { line in
            (file: String(line.prefix { $0 != " " }), text: line.drop { $0 != " " }.trimmingCharacters(in: .whitespaces))
        }
        #expect(script.map(\.text) == ["Next: Reach. Reach up.", "Next: Fold. Fold forward. Left side first.", "Right side.",
                                       "Session complete."], "\(script)")
        #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent("README.txt").path))

        // Two lines recorded: a 6 s tone in stereo FLAC at 44.1 kHz with room noise at both
        // ends, saved as .flac where the index says .wav; a quiet 1 s tone at 8 kHz.
        let first = pack.appendingPathComponent((script[0].file as NSString).deletingPathExtension + ".flac").path
        let tone = folder.appendingPathComponent("tone.wav").path, room = folder.appendingPathComponent("room.wav").path
        try Self.sox(["-n", "-r", "44100", "-c", "2", "-b", "16", tone, "synth", "6", "sine", "300", "gain", "-6", "pad", "0.5", "0.5"])
        try Self.sox(["-n", "-r", "44100", "-c", "2", "-b", "16", room, "synth", "7", "whitenoise", "vol", "0.002"])
        try Self.sox(["-m", tone, room, first])
        try Self.sox(["-n", "-r", "8000", "-c", "1", pack.appendingPathComponent(script[2].file).path, "synth", "1", "sine", "500", "gain", "-30"])

        let show = try Program.run(["show", routine, "--voice-pack", pack.path], environment: cache)
        #expect(show.status == 0)
        #expect(show.stderr == "stretchcue: the voice pack \(pack.path) has 2 of this routine's 4 lines; espeak-ng says the rest\n")
        #expect(show.stdout.contains("\"Next: Reach. Reach up.\" (6.0 s)"), "the recording's length, trimmed: \(show.stdout)")
        #expect(show.stdout.contains("\"Right side.\" (1.0 s)"))
        // Room for the recording: the 2 s transition grows to 0.8 + 6 + 1 s.
        let document = try ShowDocument.load([routine, "--voice-pack", pack.path])
        let exercise = try #require(document.cues.first { $0.kind == "exercise" })
        let hold = try #require(document.cues.first { $0.kind == "hold-start" })
        #expect(hold.frame - exercise.frame >= document.sample_rate * 779 / 100, "\(hold.frame - exercise.frame)")

        let heard = try Self.voiceAlone([routine, "--voice-pack", pack.path], in: folder, environment: cache)
        let chime = try Self.chimeLoudness()
        for (text, sound) in Self.lines(of: heard) {
            let level = try #require(Self.loudness(sound, rate: Self.rate))
            #expect(abs(level - chime - Self.espeakBalance) <= Self.balanceBound, "'\(text)': \(level - chime) dB")
            #expect(sound.prefix(8).allSatisfy { abs($0) < 0.02 } && sound.suffix(8).allSatisfy { abs($0) < 0.02 })
            // The recorded lines are the tones: as many zero crossings as their pitch makes.
            let crossings = Double(zip(sound, sound.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count)
            let seconds = Double(sound.count) / Double(Self.rate)
            if text == "Next: Reach. Reach up." { #expect(abs(crossings / seconds - 300) < 5, "\(crossings) in \(seconds) s") }
            if text == "Right side." { #expect(abs(crossings / seconds - 500) < 5, "\(crossings) in \(seconds) s") }
        }
    }

    /// `voice --prepare` speaks every line ahead of time; the sessions after it never run the
    /// engine. It does not fall back: a voice that cannot speak is the answer, exit 1.
    @Test func prepareSpeaksTheLinesAheadOfTime() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write(Self.short, to: "short.yaml", in: folder)
        let log = try Self.speakingScript(in: folder).log
        let command = "sh speak.sh" // run in the folder the program runs in
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        func asked() throws -> Int { try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count }
        let prepared = try Program.run(["voice", "--prepare", routine, "--voice-command", command], in: folder, environment: cache)
        #expect(prepared.status == 0 && prepared.stderr.isEmpty, "\(prepared.stderr)")
        #expect(prepared.stdout.hasPrefix("Short: 2 lines ready for the voice command '\(command)': 2 spoken now in "), "\(prepared.stdout)")
        #expect(prepared.stdout.hasSuffix(" s, 0 kept from before\n"))
        #expect(try asked() == 2)
        let again = try Program.run(["voice", "--prepare", routine, "--voice-command", command], in: folder, environment: cache)
        #expect(again.stdout == "Short: 2 lines ready for the voice command '\(command)': all kept from before\n")
        let show = try Program.run(["show", routine, "--voice-command", command], in: folder, environment: cache)
        #expect(show.status == 0 && show.stderr.isEmpty)
        #expect(try asked() == 2, "the session took every line from the cache")

        let failing = try Program.run(["voice", "--prepare", routine, "--voice-command", "echo no voice >&2; exit 4"], environment: cache)
        #expect(failing.status == 1)
        #expect(failing.stderr == "stretchcue: Short: the voice command 'echo no voice >&2; exit 4' failed with exit status 4: no voice\n")
    }

    /// flite has English voices only: a German routine is spoken by espeak-ng's German voice.
    @Test func fliteLeavesAnotherLanguageToEspeak() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = try Program.write("name: Kurz\nlang: de\nexercises:\n  - {name: Strecken, hold: 2s}\n", to: "kurz.yaml", in: folder)
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let flite = try Program.run(["show", "--json", routine, "--voice-engine", "flite"], environment: cache)
        #expect(flite.status == 0)
        #expect(flite.stderr == "stretchcue: flite speaks English only; speaking with espeak-ng in 'de' instead\n")
        #expect(flite.stdout == (try Program.run(["show", "--json", routine], environment: cache)).stdout, "espeak-ng's German")
    }

    @Test func voiceTellsWhatWouldSpeak() throws {
        let result = try Program.run(["voice", "--voice-engine", "flite", "--voice-rate", "130"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "voice: flite (command line), voice slt (default), 130 words a minute (command line)")
        #expect(lines.contains("  flite    flite 2.2: slt kal16 kal awb rms"))
        #expect(lines.contains { $0.hasPrefix("  espeak   espeak-ng ") } && lines.contains { $0.split(separator: " ").contains("en-us") })
        #expect(lines.contains { $0.hasPrefix("voice pack: none") })
    }

    @Test(arguments: [
        (["voice-lines", "--language", "xx"], "stretchcue: --language 'xx' is not a language the voice has phrases for"),
        (["voice", "lower-back"], "stretchcue: routines are named only with --prepare"),
        (["show", "--voice-engine", "piper"], "stretchcue: The value 'piper' is invalid for '--voice-engine <engine>'"),
        (["show", "--voice-pack", "/no/such/pack"], "stretchcue: the voice pack folder /no/such/pack does not exist"),
        (["show", "--voice-command", " "], "stretchcue: --voice-command needs a program to run"),
        (["show", "--voice-engine", "command"], "stretchcue: the command voice engine needs a voice_command (or --voice-command)"),
    ])
    func badVoiceRequestsAreRefused(arguments: [String], message: String) throws {
        let result = try Program.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    /// Still running: there, and not a zombie waiting for a parent to reap it.
    static func running(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    static func sox(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sox")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sox \(arguments.joined(separator: " "))")
    }
}
