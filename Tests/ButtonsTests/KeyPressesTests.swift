import Config
import Control
import Evdev
import Testing
@testable import Buttons

/// What buttons ask of the player, from event streams as input devices send them, written in
/// the format `evemu-record` prints (E: seconds type code value, in hex as evemu writes them).
/// This machine has no /dev/uinput to make a virtual device with; these streams stand in for
/// one, and show each device's habits: MSC_SCAN before a key, auto-repeat, a contact bouncing,
/// the kernel dropping events.
@Suite("buttons: key presses from an input device's events")
struct KeyPressesTests {
    /// A Bluetooth headset's play button, through BlueZ's AVRCP input device.
    static let headset = """
        E: 10.000000 0001 00a4 0001
        E: 10.000000 0000 0000 0000
        E: 10.120000 0001 00a4 0000
        E: 10.120000 0000 0000 0000
        E: 14.500000 0001 00a3 0001
        E: 14.500000 0000 0000 0000
        E: 14.600000 0001 00a3 0000
        E: 14.600000 0000 0000 0000
        """

    /// A USB media remote (HID consumer keys): the scan code first, and a key held down
    /// repeating (value 2) until released.
    static let usbRemote = """
        E: 3.000000 0004 0004 000c00b5
        E: 3.000000 0001 00a3 0001
        E: 3.000000 0000 0000 0000
        E: 3.250000 0001 00a3 0002
        E: 3.250000 0000 0000 0000
        E: 3.283000 0001 00a3 0002
        E: 3.283000 0000 0000 0000
        E: 3.400000 0004 0004 000c00b5
        E: 3.400000 0001 00a3 0000
        E: 3.400000 0000 0000 0000
        E: 5.000000 0004 0004 000c00cd
        E: 5.000000 0001 00a4 0001
        E: 5.000000 0000 0000 0000
        E: 5.090000 0001 00a4 0000
        E: 5.090000 0000 0000 0000
        """

    /// A push button on a GPIO pin (gpio-key overlay, keycode 164) whose contact bounces past
    /// the kernel's debounce, then pressed again a second later.
    static let gpioButton = """
        E: 100.000000 0001 00a4 0001
        E: 100.000000 0000 0000 0000
        E: 100.030000 0001 00a4 0000
        E: 100.030000 0000 0000 0000
        E: 100.060000 0001 00a4 0001
        E: 100.060000 0000 0000 0000
        E: 100.200000 0001 00a4 0000
        E: 100.200000 0000 0000 0000
        E: 101.200000 0001 00a4 0001
        E: 101.200000 0000 0000 0000
        E: 101.300000 0001 00a4 0000
        E: 101.300000 0000 0000 0000
        """

    /// The kernel's buffer overran in the middle of a frame: that frame is lost, the next one counts.
    static let overrun = """
        E: 7.000000 0001 00a5 0001
        E: 7.000000 0000 0003 0000
        E: 7.010000 0001 00a5 0000
        E: 7.010000 0000 0000 0000
        E: 9.000000 0001 00a6 0001
        E: 9.000000 0000 0000 0000
        """

    static func events(_ recording: String) -> [InputEvent] {
        recording.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return InputEvent(time: Double(fields[1])!, type: UInt16(fields[2], radix: 16)!, code: UInt16(fields[3], radix: 16)!,
                              value: Int32(truncatingIfNeeded: UInt32(fields[4], radix: 16)!))
        }
    }

    static func presses(_ recording: String) -> [Int] {
        var presses = KeyPresses()
        return events(recording).flatMap { presses.take($0) }
    }

    /// The requests a recording comes to with these settings, as the player gets them.
    static func requests(_ recording: String, _ settings: ButtonSettings = ButtonSettings(), in state: SessionStatus.State = .playing)
        -> [ControlRequest] {
        presses(recording).compactMap { settings.bindings[$0]?.fromMediaKey(in: state) }
    }

    @Test func aHeadsetsButtonsPlayPauseAndSkip() {
        #expect(Self.requests(Self.headset) == [.toggle, .next])
        #expect(Self.requests(Self.headset, in: .idle) == [.start(StartOptions()), .next], "play on a waiting player starts")
    }

    @Test func aHeldKeyCountsOnceAndScanCodesAreNotKeys() {
        #expect(Self.presses(Self.usbRemote) == [163, 164])
        #expect(Self.requests(Self.usbRemote) == [.next, .toggle])
    }

    @Test func aBouncingContactIsOnePressAndASecondPressLaterIsAnother() {
        #expect(Self.presses(Self.gpioButton) == [164, 164])
        #expect(Self.requests(Self.gpioButton) == [.toggle, .toggle])
    }

    @Test func aFrameTheKernelDroppedIsLost() {
        #expect(Self.presses(Self.overrun) == [166])
        #expect(Self.requests(Self.overrun) == [.stop])
    }

    @Test func aPressCountsWhenItsFrameEnds() {
        var presses = KeyPresses()
        #expect(presses.take(InputEvent(time: 1, type: InputEvent.key, code: 164, value: InputEvent.pressed)).isEmpty)
        #expect(presses.take(InputEvent(time: 1, type: InputEvent.synchronization, code: InputEvent.report, value: 0)) == [164])
        #expect(presses.take(InputEvent(time: 1, type: InputEvent.synchronization, code: InputEvent.report, value: 0)).isEmpty)
    }

    @Test func twoKeysInOneFrameAreBothPressed() {
        var presses = KeyPresses()
        _ = presses.take(InputEvent(time: 1, type: InputEvent.key, code: 163, value: 1))
        _ = presses.take(InputEvent(time: 1, type: InputEvent.key, code: 165, value: 1))
        #expect(presses.take(InputEvent(time: 1, type: InputEvent.synchronization, code: InputEvent.report, value: 0)) == [163, 165])
    }

    /// Every default key, pressed on its own, and on a waiting player.
    @Test(arguments: [("KEY_PLAYPAUSE", ControlRequest.toggle), ("KEY_PLAY", .resume), ("KEY_PLAYCD", .resume),
                      ("KEY_PAUSE", .pause), ("KEY_PAUSECD", .pause), ("KEY_NEXTSONG", .next),
                      ("KEY_PREVIOUSSONG", .previous), ("KEY_STOPCD", .stop)])
    func theDefaultKeys(_ name: String, _ request: ControlRequest) throws {
        let code = try #require(InputKeys.code(name))
        let stream = "E: 1.000000 0001 \(String(code, radix: 16)) 0001\nE: 1.000000 0000 0000 0000"
        #expect(Self.requests(stream) == [request])
        let idle = Self.requests(stream, in: .idle)
        #expect(idle == [[.toggle, .resume].contains(request) ? .start(StartOptions()) : request])
    }

    @Test func keysOfNoMeaningDoNothing() {
        let volume = "E: 1.000000 0001 0073 0001\nE: 1.000000 0000 0000 0000" // KEY_VOLUMEUP
        #expect(Self.requests(volume).isEmpty)
        let bound = ButtonSettings(keys: [115: .faster, 164: nil])
        #expect(Self.requests(volume, bound) == [.faster], "a key the config file binds")
        #expect(Self.requests(Self.headset, bound) == [.next], "a default the config file turns off")
    }

    @Test func everyNamedKeyHasOneCode() {
        #expect(Set(InputKeys.names.values).count == InputKeys.names.count)
        for (name, code) in InputKeys.names {
            #expect(InputKeys.name(code) == name)
            #expect((1...InputKeys.maximum).contains(code))
        }
        #expect(InputKeys.code("key_playpause") == 164)
        #expect(InputKeys.code("240") == 240)
        #expect(InputKeys.code("0") == nil)
        #expect(InputKeys.code("768") == nil)
        #expect(InputKeys.code("KEY_PLAYPUASE") == nil)
    }

    @Test func theFolderWatchedIsTheNearestThatExists() {
        #expect(FolderWatch.parent(of: "/dev/input/by-id/usb-remote-event-kbd") == "/dev/input/by-id")
        #expect(FolderWatch.parent(of: "/dev") == "/")
        #expect(FolderWatch.parent(of: "remote") == "/")
    }
}
