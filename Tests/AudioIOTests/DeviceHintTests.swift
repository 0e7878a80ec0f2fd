import ALSA
import Testing

@Suite("the devices ALSA's configuration names")
struct DeviceHintTests {
    @Test func nullIsListedForPlaybackWithItsDescription() throws {
        let devices = try DeviceHint.pcmDevices()
        let null = try #require(devices.first { $0.name == "null" })
        #expect(null.canPlay)
        #expect(null.description.first?.hasPrefix("Discard all samples") == true, "\(null.description)")
    }

    @Test func everyDeviceHasANameAndDescriptionLinesWithoutBreaks() throws {
        let devices = try DeviceHint.pcmDevices()
        #expect(!devices.isEmpty)
        for device in devices {
            #expect(!device.name.isEmpty)
            #expect(device.description.allSatisfy { !$0.contains("\n") && !$0.isEmpty }, "\(device)")
        }
    }
}
