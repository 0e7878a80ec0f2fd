import Foundation
import Testing

/// Buttons on a headless box: the input device is waited for without waking, and opened when
/// it appears. This machine has no /dev/uinput to make a virtual input device with, so what a
/// device's keys ask for is proven on recorded event streams (ButtonsTests.KeyPressesTests);
/// here, the waiting and the opening again.
extension RealTime {
@Suite("buttons: the input device of a waiting player")
struct ButtonsTests {
    @Test func aMissingDeviceIsWaitedForWithoutWakingAndTriedAgainWhenItAppears() throws {
        let studio = try Studio()
        let folder = studio.folder.appendingPathComponent("input")
        let remote = folder.appendingPathComponent("remote").path
        let player = try studio.start(["serve", "-D", "null", "--buttons", remote])
        defer { kill(player.process.processIdentifier, SIGKILL) }
        #expect(player.waitForLog("buttons: \(remote) is not there; waiting for it"), "\(player.log)")
        #expect(player.waitForLog("waiting for sessions"))

        // Nothing polls for it: the waiting service sleeps.
        let pid = player.process.processIdentifier
        let before = ProcessInfoFile.contextSwitches(of: pid)
        usleep(3_000_000)
        #expect(ProcessInfoFile.contextSwitches(of: pid) == before, "waiting for a device never wakes")

        // Its folder appears, then the device: each is seen as it comes, and tried.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        usleep(200_000)
        #expect(FileManager.default.createFile(atPath: remote, contents: Data("not a device".utf8)))
        #expect(player.waitForLog("buttons: \(remote) is not an input device"), "\(player.log)")
        #expect(player.log.components(separatedBy: "is not there").count == 2, "the same problem is said once: \(player.log)")

        kill(pid, SIGTERM)
        #expect(player.finish(within: 10) == 0)
    }

    @Test func aDeviceByNameThatIsNotThereIsSaidOnce() throws {
        let studio = try Studio()
        let routine = try Program.write(MediaKeysTests.routine, to: "desk.yaml", in: studio.folder)
        let play = try studio.start(["play", routine, "-D", "null", "--voice", "off", "--buttons", "No Such Remote"])
        #expect(play.finish(within: 30) == 0, "\(play.log)")
        let said = play.log.components(separatedBy: "buttons: ").count - 1
        #expect(said == 1, "\(play.log)")
        #expect(play.log.contains("buttons: no input device named 'No Such Remote' (stretchcue devices --buttons lists them); waiting for it")
                || play.log.contains("buttons: cannot read /dev/input"), "\(play.log)")
    }
}
}
