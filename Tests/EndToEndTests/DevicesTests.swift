import Foundation
import Testing

@Suite("stretchcue devices: what there is to play on, and one chime to try it")
struct DevicesTests {
    @Test func listsDefaultFirstMarkedAndNull() throws {
        let result = try Program.run(["devices"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let marked = lines.filter { $0.hasPrefix("* ") }
        #expect(marked.count == 1, "\(result.stdout)")
        #expect(marked.first?.hasPrefix("* default ") == true, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("  null ") && $0.contains("Discard all samples") }, "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    struct Listed: Decodable {
        let name: String
        let description: [String]
        let `default`: Bool
    }

    @Test func jsonListsTheSameDevices() throws {
        let text = try Program.run(["devices"]).stdout
        let result = try Program.run(["devices", "--json"])
        #expect(result.status == 0)
        let listed = try JSONDecoder().decode([Listed].self, from: Data(result.stdout.utf8))
        #expect(listed.filter(\.default).map(\.name) == ["default"])
        #expect(listed.contains { $0.name == "null" })
        for device in listed {
            #expect(text.contains(" \(device.name) "), "\(device.name) is in the text list too")
        }
    }

    @Test(.enabled(if: SoundServer.available, "needs the sound server scripts/test starts"))
    func defaultIsTheSoundServerWhenOneRuns() throws {
        let result = try Program.run(["devices"], environment: ["PULSE_SERVER": SoundServer.address ?? ""])
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("* default ") }
        #expect(line?.contains("PulseAudio") == true, "\(result.stdout)")
    }

    /// The recorded file holds the exercise chime, sample for sample, at the mix level and the
    /// volume asked for, and nothing else.
    @Test(arguments: [0.0, -12.0])
    func testPlaysTheChimeIntoAFile(volume: Double) throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.wav").path
        let result = try Program.run(["devices", "--test", "file:FILE=\(path),FORMAT=wav", "--volume=\(volume)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Playing the exercise chime on 'file:FILE=\(path),FORMAT=wav'"))

        let (recorded, rate) = try Program.readMono(path)
        let (chime, chimeRate) = try Program.readMono(Program.root.appendingPathComponent("sounds/exercise.wav").path)
        #expect(rate == chimeRate)
        #expect(recorded.count == chime.count, "the chime lasts \(chime.count) frames; recorded \(recorded.count)")
        let level = Float(0.5 * pow(10, volume / 20))
        let worst = zip(recorded, chime).map { abs($0 - $1 * level) }.max() ?? 1
        #expect(worst < 1e-4, "recording differs from the chime by \(worst)")
        #expect((recorded.map(abs).max() ?? 0) > 0.05 * level / 0.5, "the chime is audible")
    }

    @Test func unknownDeviceFailsInOneLineWithAHint() throws {
        let result = try Program.run(["devices", "--test", "nosuchdevice"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "stretchcue: cannot open sound device 'nosuchdevice': snd_pcm_open(nosuchdevice): " +
                "No such file or directory; 'stretchcue devices' lists the devices there are\n")
    }

    @Test func jsonAndTestTogetherIsAMistake() throws {
        let result = try Program.run(["devices", "--json", "--test", "null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--json prints the list; leave it out with --test"), "\(result.stderr)")
    }
}

@Suite("stretchcue devices --test on a device that plays in real time",
       .enabled(if: SoundServer.available, "needs the sound server scripts/test starts"))
struct DevicesRealtimeTests {
    /// The whole chime is heard, at the mix level: the program waits for the device to play
    /// what it queued rather than closing it with the chime's end still in the buffer.
    @Test func theWholeChimeIsHeard() throws {
        let studio = try Studio()
        let result = try Program.run(["devices", "--test", "pulse"], environment: studio.environment)
        #expect(result.status == 0, "\(result.stderr)")
        usleep(300_000)
        let audio = try studio.recorded()
        let (chime, _) = try Program.readMono(Program.root.appendingPathComponent("sounds/exercise.wav").path)
        let onset = try #require(Onsets.find(in: audio).first, "no chime was recorded")
        let heard = audio[onset...].prefix(chime.count)
        let loud = chime.map { abs($0) }.max()! * 0.5
        #expect(abs((heard.map(abs).max() ?? 0) - loud) < loud * 0.05, "the chime's peak is heard at the mix level")
        // From 1 s in: sound still queued in the device once the program had written it all.
        let late = 48_000..<62_400
        let tail = chime[late].map { $0 * 0.5 }
        let tailHeard = Array(heard.dropFirst(late.lowerBound).prefix(late.count))
        #expect(tailHeard.count == tail.count, "the recording stops before the chime ends")
        let energy = { (x: [Float]) in x.reduce(0) { $0 + $1 * $1 } }
        #expect(energy(tailHeard) > energy(tail) * 0.5, "the chime's end is cut off")
    }
}
