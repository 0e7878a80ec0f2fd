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
}
