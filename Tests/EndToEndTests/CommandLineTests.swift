import Foundation
import Testing

@Suite("options as people type them")
struct CommandLineTests {
    @Test(arguments: [["--volume", "-6"], ["--volume=-6"], ["--volume", "-6dB"], ["--volume", "-6 dB"]])
    func aNegativeVolumeIsTakenAsItIsWritten(arguments: [String]) throws {
        let result = try Program.run(["config", "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let volume = settings["volume"] as? [String: Any]
        #expect(volume?["value"] as? Double == -6 && volume?["origin"] as? String == "command line")
    }

    @Test func aVolumeThatIsNoNumberIsSaid() throws {
        let result = try Program.run(["render", "--volume", "loud", "-o", "unused.wav"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--volume takes a number of dB such as -6 or -6dB; got 'loud'"), "\(result.stderr)")
    }

    @Test func versionIsOneLine() throws {
        let result = try Program.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test(arguments: [(["plya"], "stretchcue: unknown command 'plya' (did you mean 'play'?)\n"),
                      (["ctl", "pasue"], "stretchcue: unknown ctl command 'pasue' (did you mean 'pause'?)\n"),
                      (["dance"], "stretchcue: unknown command 'dance'; expected play, ctl, show, render, check, routines, new, import, history, config, devices, serve, cache, voice, voice-lines, remote\n")])
    func aMistypedCommandGetsAGuess(arguments: [String], message: String) throws {
        let result = try Program.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
    }

    @Test func stretchcueAloneIsAShortUsage() throws {
        let result = try Program.run([])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "usage: stretchcue <command> [options]")
        #expect(lines.count < 24, "a screen of a 24-line terminal, not the whole help: \(lines.count) lines")
        #expect(lines.contains("  voice-lines  Print the lines a routine says, to record them in your own voice."), "no name cut short")
        #expect(result.stdout.contains("  play         Play a routine"))
    }
}
