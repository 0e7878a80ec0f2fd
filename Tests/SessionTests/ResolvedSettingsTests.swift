import Config
import Control
import Routine
import Session
import Testing
import Timeline

@Suite("which setting wins: the command line, then the config file, then the defaults")
struct ResolvedSettingsTests {
    func settings(_ commandLine: Config = Config(), file: Config = Config()) -> ResolvedSettings {
        ResolvedSettings(commandLine: commandLine, file: file, defaultRoutines: "/data/routines", bundledRoutines: "/usr/share/routines")
    }

    @Test func defaultsWhenNothingIsSet() {
        let resolved = settings()
        #expect(resolved.device.value == "default" && resolved.device.origin == .builtIn)
        #expect(resolved.volume.value == 0)
        #expect(resolved.breath.value == nil)
        #expect(resolved.routine.value == nil)
        #expect(resolved.routines.value == "/data/routines")
        #expect(resolved.voice.value == true)
        #expect(resolved.voiceName.value == "en-us" && resolved.voiceRate.value == 150)
        #expect(resolved.sound.isEmpty)
    }

    @Test func eachEngineHasItsOwnDefaultVoice() {
        #expect(settings().voiceEngine.value == .espeak && settings().voiceEngine.origin == .builtIn)
        var flite = Config()
        flite.voiceEngine = .flite
        #expect(settings(flite).voiceName.value == "slt")
        flite.voiceName = "awb"
        #expect(settings(flite).voiceName.value == "awb" && settings(flite).voiceName.origin == .commandLine)
        var command = Config()
        command.voiceCommand = "piper -m v.onnx -f -"
        // A command given and no engine chosen: the command speaks, with its own voice.
        let resolved = settings(file: command)
        #expect(resolved.voiceEngine.value == .command && resolved.voiceEngine.origin == .configFile)
        #expect(resolved.voiceName.value == "" && resolved.voiceTimeout.value == 60)
        // An engine chosen wins over the command kept in the file.
        #expect(settings(flite, file: command).voiceEngine.value == .flite)
    }

    @Test func theCommandLineOverTheFileOverTheDefaults() {
        var file = Config()
        file.device = "pulse"
        file.volume = -6
        file.voiceRate = 120
        file.sound = [.end: "/file/gong.flac", .inhale: "/file/in.wav"]
        var commandLine = Config()
        commandLine.device = "null"
        commandLine.sound = [.inhale: "/cli/in.wav"]
        let resolved = settings(commandLine, file: file)
        #expect(resolved.device.value == "null" && resolved.device.origin == .commandLine)
        #expect(resolved.volume.value == -6 && resolved.volume.origin == .configFile)
        #expect(resolved.voiceRate.value == 120 && resolved.voiceRate.origin == .configFile)
        #expect(resolved.voiceName.origin == .builtIn)
        #expect(resolved.sound[.end]?.value == "/file/gong.flac" && resolved.sound[.end]?.origin == .configFile)
        #expect(resolved.sound[.inhale]?.value == "/cli/in.wav" && resolved.sound[.inhale]?.origin == .commandLine)
    }

    @Test func aRoutineByPathOrByNameInTheRoutinesFolder() throws {
        let files: Set = ["/data/routines/morning.yaml", "/data/routines/evening.yml", "/home/me/own.yaml",
                          "/usr/share/routines/lower-back.yaml", "/usr/share/routines/morning.yaml"]
        func routine(_ text: String) throws -> String? {
            var choices = Config()
            choices.routine = text
            return try settings(choices).routineFile(fileExists: files.contains)
        }
        #expect(try routine("morning") == "/data/routines/morning.yaml")
        #expect(try routine("evening") == "/data/routines/evening.yml")
        #expect(try routine("/home/me/own.yaml") == "/home/me/own.yaml")
        #expect(try routine("lower-back") == "/usr/share/routines/lower-back.yaml", "a bundled routine by its name")
        #expect(try settings().routineFile(fileExists: files.contains) == nil, "none chosen: the bundled one")
        #expect(throws: Failure.input("no routine 'noon': no such file here, and no noon.yaml in /data/routines or among the bundled routines (stretchcue routines lists them)")) {
            try routine("noon")
        }
    }

    @Test func aStartRequestBecomesChoicesCheckedAsTheCommandLineIs() throws {
        let options = StartOptions(routine: "morning", breath: "coherent", resume: true, device: "pulse", volume: -6,
                                   sounds: "/s", sound: ["end": "/gong.flac"], voice: false, voiceEngine: "command",
                                   voiceName: "de", voiceRate: 120, voiceCommand: "say-it --wav", voicePack: "/home/ana/pack",
                                   length: "10 min")
        let config = try Config(options)
        #expect(config.length == Seconds(600))
        #expect(config.routine == "morning" && config.device == "pulse" && config.volume == -6 && config.sounds == "/s")
        #expect(config.breath?.description == "coherent")
        #expect(config.sound == [.end: "/gong.flac"])
        #expect(config.voice == false && config.voiceName == "de" && config.voiceRate == 120)
        #expect(config.voiceEngine == .command && config.voiceCommand == "say-it --wav" && config.voicePack == "/home/ana/pack")
        #expect(try Config(StartOptions(config, resume: true)) == config, "a request carries the command line's choices whole")
    }

    @Test(arguments: [
        (StartOptions(routine: "routines/x.yaml"), "the routine 'routines/x.yaml' must be an absolute path or a name"),
        (StartOptions(breath: "4-"), "invalid breathing pattern"),
        (StartOptions(volume: 20), "the volume must be from -60 to 12 dB; got 20"),
        (StartOptions(sound: ["gong": "/g.wav"]), "unknown cue kind 'gong'"),
        (StartOptions(sound: ["end": "g.wav"]), "the sound 'g.wav' must be an absolute path"),
        (StartOptions(voiceName: "en us"), "the voice name takes one voice name such as en-us"),
        (StartOptions(voiceRate: 10), "the voice rate must be from 80 to 400 words a minute; got 10"),
        (StartOptions(device: ""), "the device name is empty"),
        (StartOptions(voiceEngine: "piper"), "unknown voice engine 'piper'; engines: espeak, flite, command"),
        (StartOptions(voiceCommand: " "), "the voice command needs a program to run"),
        (StartOptions(voicePack: "pack"), "the voice pack 'pack' must be an absolute path"),
        (StartOptions(length: "soon"), "the length must be a length such as 10m, 20 minutes, 1h or 1:15:00; got 'soon'"),
        (StartOptions(length: "30s"), "a session can be fitted to 1 min up to 12 h; got 30 s"),
    ])
    func aBadStartRequestIsBadInput(options: StartOptions, message: String) {
        do {
            _ = try Config(options)
            Issue.record("accepted \(options)")
        } catch {
            #expect(error.kind == .input)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func serveOptionsUnderAStartRequest() {
        var own = Config()
        own.device = "plughw:CARD=Device"
        own.volume = -6
        var request = Config()
        request.volume = -12
        request.routine = "morning"
        let merged = own.overlaid(by: request)
        #expect(merged.device == "plughw:CARD=Device" && merged.volume == -12 && merged.routine == "morning")
    }
}
