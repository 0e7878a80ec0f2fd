import Config
import Control
import Routine
import StrictYAML
import Testing
import Timeline

@Suite("config file")
struct ConfigDecoderTests {
    let decoder = ConfigDecoder(file: "/home/ana/.config/stretchcue/config.yaml", home: "/home/ana")

    @Test func everyKeyIsRead() throws {
        let config = try decoder.decode("""
            device: plughw:CARD=Device
            volume: -6 dB
            breath: 4-7-8
            routine: morning
            routines: ~/stretches
            sounds: my-sounds
            sound:
              end: /usr/share/sounds/gong.flac
              inhale: ~/in.wav
            voice: off
            voice_name: en-us
            voice_rate: 140
            """)
        #expect(config.device == "plughw:CARD=Device")
        #expect(config.volume == -6)
        #expect(config.breath == (try BreathPattern(parsing: "4-7-8")))
        #expect(config.routine == "morning", "a bare name stays a name, for the routines folder")
        #expect(config.routines == "/home/ana/stretches")
        #expect(config.sounds == "/home/ana/.config/stretchcue/my-sounds", "relative to the file's folder")
        #expect(config.sound == [.end: "/usr/share/sounds/gong.flac", .inhale: "/home/ana/in.wav"])
        #expect(config.voice == false)
        #expect(config.voiceName == "en-us")
        #expect(config.voiceRate == 140)
    }

    @Test func theVoiceKeysAreRead() throws {
        let config = try decoder.decode("""
            voice_engine: command
            voice_command: piper --model ~/piper/en_US-lessac-medium.onnx --output-file -
            voice_pack: my-voice
            voice_timeout: 120
            """)
        #expect(config.voiceEngine == .command)
        #expect(config.voiceCommand == "piper --model ~/piper/en_US-lessac-medium.onnx --output-file -", "the shell expands its ~")
        #expect(config.voicePack == "/home/ana/.config/stretchcue/my-voice", "relative to the file's folder")
        #expect(config.voiceTimeout == 120)
        // An engine's name in 'voice' turns the voice on with that engine.
        let short = try decoder.decode("voice: flite")
        #expect(short.voice == true && short.voiceEngine == .flite)
        #expect(try decoder.decode("voice: flite\nvoice_engine: flite").voiceEngine == .flite)
        #expect(try decoder.decode("voice: on").voiceEngine == nil)
    }

    @Test func routinePathsAreResolvedButNamesAreNot() throws {
        #expect(try decoder.decode("routine: hips.yaml").routine == "/home/ana/.config/stretchcue/hips.yaml")
        #expect(try decoder.decode("routine: ../r/hips").routine == "/home/ana/.config/stretchcue/../r/hips")
        #expect(try decoder.decode("routine: /srv/r.yaml").routine == "/srv/r.yaml")
    }

    @Test func buttonsAreADeviceAndWhatItsKeysAsk() throws {
        let config = try decoder.decode("""
            buttons:
              device: BT Remote
              keys:
                KEY_VOLUMEUP: faster
                KEY_VOLUMEDOWN: slower
                KEY_STOPCD: none
                BTN_0: start morning
                BTN_1: start ~/hips.yaml
                KEY_F1: tempo 4-7-8
                240: Next
            """)
        let buttons = try #require(config.buttons)
        #expect(buttons.devices == ["BT Remote"], "a name, as the device gives it")
        let bindings = buttons.bindings
        #expect(bindings[115] == .faster)
        #expect(bindings[114] == .slower)
        #expect(bindings[166] == nil, "none turns a default off")
        #expect(bindings[0x100] == .start(StartOptions(routine: "morning")), "a routine's name stays a name")
        #expect(bindings[0x101] == .start(StartOptions(routine: "/home/ana/hips.yaml")))
        #expect(bindings[59] == .tempo("4-7-8"))
        #expect(bindings[240] == .next)
        #expect(bindings[164] == .toggle, "the defaults stay where the file is silent")
        #expect(bindings[163] == .next)

        let byPath = try decoder.decode("buttons:\n  device: /dev/input/by-id/usb-remote-event-kbd\n")
        #expect(byPath.buttons?.devices == ["/dev/input/by-id/usb-remote-event-kbd"])
        #expect(byPath.buttons?.bindings == ButtonSettings.defaultKeys)
        let relative = try decoder.decode("buttons:\n  device: ~/remote\n")
        #expect(relative.buttons?.devices == ["/home/ana/remote"])
        let several = try decoder.decode("buttons:\n  device: [button@11, button@1b]\n")
        #expect(several.buttons?.devices == ["button@11", "button@1b"], "each GPIO button is a device")
    }

    @Test func theCommandLinesButtonsGoOverTheFiles() {
        var file = Config()
        file.buttons = ButtonSettings(devices: ["BT Remote"], keys: [115: .faster])
        var command = Config()
        command.buttons = ButtonSettings(devices: ["/dev/input/event5"])
        let both = file.overlaid(by: command).buttons
        #expect(both?.devices == ["/dev/input/event5"])
        #expect(both?.bindings[115] == .faster, "the file's keys stay")
        #expect(file.overlaid(by: Config()).buttons == file.buttons)
    }

    @Test(arguments: ["", "\n", "# only a comment\n"])
    func anEmptyFileSetsNothing(text: String) throws {
        #expect(try decoder.decode(text) == Config())
    }

    @Test(arguments: [
        ("devise: pulse", 1, 1, "unknown key 'devise' in the config file (did you mean 'device'?)"),
        ("volume: loud", 1, 9, "'volume' must be a number of dB such as -6; found 'loud'"),
        ("volume: 20", 1, 9, "'volume' must be from -60 to 12 dB; found 20"),
        ("breath: 4-", 1, 9, "invalid breathing pattern '4-'"),
        ("device: pulse\nvoice: maybe", 2, 8, "'voice' must be on, off or an engine (espeak, flite, command); found 'maybe'"),
        ("voice_rate: 20", 1, 13, "'voice_rate' must be from 80 to 400; found 20"),
        ("voice_engine: piper", 1, 15, "'voice_engine' must be one of espeak, flite, command; found 'piper'"),
        ("voice: flite\nvoice_engine: espeak", 2, 15, "'voice_engine' is espeak but 'voice' says flite; keep one of them"),
        ("voice_command: '  '", 1, 16, "'voice_command' is empty"),
        ("voice_timeout: 0", 1, 16, "'voice_timeout' must be from 1 to 3600; found 0"),
        ("sound:\n  gong: x.wav", 2, 3, "unknown key 'gong' in 'sound'"),
        ("sound: x.wav", 1, 8, "'sound' must be a mapping of cue kinds to files, such as 'end: gong.flac'"),
        ("device: [a, b]", 1, 9, "'device' must be a single value, not a list"),
        ("- device", 1, 1, "the config file must be a mapping of settings, such as 'device: pulse'"),
        ("device: a\ndevice: b", 1, 1, "'device' appears twice"),
        ("device: 'unclosed", 1, 18, "YAML syntax error"),
        ("buttons: /dev/input/event3", 1, 10, "'buttons' must be a mapping such as 'device: /dev/input/event3'"),
        ("buttons:\n  devise: x", 2, 3, "unknown key 'devise' in 'buttons' (did you mean 'device'?)"),
        ("buttons:\n  keys:\n    KEY_PLAYPUASE: toggle", 3, 5, "unknown key 'KEY_PLAYPUASE' in 'keys' (did you mean 'KEY_PLAYPAUSE'?)"),
        ("buttons:\n  keys:\n    FOO: toggle", 3, 5, "unknown key 'FOO' in 'keys'; expected a name such as KEY_PLAYPAUSE or BTN_0, or a key code from 1 to 767"),
        ("buttons:\n  keys:\n    999: next", 3, 5, "unknown key '999' in 'keys'"),
        ("buttons:\n  keys:\n    KEY_F1: dance", 3, 13, "'KEY_F1' must be one of toggle, pause, resume, next, previous, faster, slower, stop, start [ROUTINE], tempo PATTERN or none; found 'dance'"),
        ("buttons:\n  keys:\n    KEY_F1: status", 3, 13, "'KEY_F1' must be one of"),
        ("buttons:\n  keys:\n    KEY_F1: next now", 3, 13, "'KEY_F1' must be one of"),
        ("buttons:\n  keys:\n    KEY_F1: tempo 4-", 3, 13, "'KEY_F1': invalid breathing pattern '4-'"),
        ("buttons:\n  keys:\n    KEY_F1: tempo", 3, 13, "'KEY_F1' must be one of"),
        ("buttons:\n  keys:\n    KEY_F1: next\n    59: stop", 4, 5, "'59' appears twice in 'keys'"),
        ("buttons:\n  device: []", 2, 11, "'device' is an empty list"),
        ("buttons:\n  keys: [KEY_F1]", 2, 9, "'keys' must be a mapping of keys to commands, such as 'KEY_VOLUMEUP: faster'"),
    ])
    func errorsPointAtTheProblem(yaml: String, line: Int, column: Int, message: String) {
        do {
            _ = try decoder.decode(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.file == decoder.file)
            #expect((error.line, error.column) == (line, column), "\(error)")
            #expect(error.message.hasPrefix(message), "\(error)")
        }
    }
}

@Suite("the remote's address")
struct RemoteAddressTests {
    let decoder = ConfigDecoder(file: "/home/ana/.config/stretchcue/config.yaml", home: "/home/ana")

    @Test func theConfigFileTurnsItOn() throws {
        #expect(try decoder.decode("remote: {listen: 127.0.0.1:8765}").remote == ListenAddress(host: "127.0.0.1", port: 8765))
        #expect(try decoder.decode("remote:\n  listen: 0.0.0.0:9000\n").remote == ListenAddress(host: "0.0.0.0", port: 9000))
        #expect(try decoder.decode("device: pulse").remote == nil, "off unless asked for")
    }

    @Test func mistakesAreTheirLineAndColumn() {
        func problem(_ yaml: String) -> String {
            do {
                _ = try decoder.decode(yaml)
                return "accepted"
            } catch {
                return error.description
            }
        }
        #expect(problem("remote: {listen: 8765}").contains("config.yaml:1:18: 'listen' takes ADDRESS:PORT such as 127.0.0.1:8765"))
        #expect(problem("remote: {listen: pi.local:8765}").contains("'pi.local' is not an IP address"))
        #expect(problem("remote: {listen: 127.0.0.1:70000}").contains("the port must be from 1 to 65535, got 70000"))
        #expect(problem("remote: {}").contains("config.yaml:1:9: 'remote' needs 'listen: ADDRESS:PORT'"))
        #expect(problem("remote: 127.0.0.1:8765").contains("'remote' must be a mapping such as '{listen: 127.0.0.1:8765}'"))
        #expect(problem("remote: {listen: 127.0.0.1:8765, port: 1}").contains("port"))
    }

    @Test(arguments: [("127.0.0.1:8765", "127.0.0.1", 8765), ("0.0.0.0:80", "0.0.0.0", 80), ("[::]:8765", "::", 8765),
                      ("[::1]:1", "::1", 1), ("localhost:8765", "localhost", 8765), ("192.168.1.20:65535", "192.168.1.20", 65535)])
    func addressesAsPeopleWriteThem(text: String, host: String, port: Int) {
        #expect(ListenAddress(parsing: text) == ListenAddress(host: host, port: port))
        #expect(ListenAddress(parsing: text)?.description == text)
    }

    @Test(arguments: ["", "8765", ":8765", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:x", "256.0.0.1:80",
                      "1.2.3:80", "::1:8765", "[::1]", "[]:80", "[xyz]:80", "host name:80", "127.0.0.1:+80", "127.0.0.1:٨٠"])
    func notAddresses(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
        #expect(ListenAddress.problem(parsing: text) != nil)
    }

    @Test func whoCanReachIt() {
        #expect(ListenAddress(host: "127.0.0.1", port: 1).isLoopback && !ListenAddress(host: "127.0.0.1", port: 1).isEveryNetwork)
        #expect(ListenAddress(host: "0.0.0.0", port: 1).isEveryNetwork && ListenAddress(host: "::", port: 1).isEveryNetwork)
        #expect(!ListenAddress(host: "192.168.1.2", port: 1).isLoopback)
    }
}
