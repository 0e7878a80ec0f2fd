/// One event from an input device, as the kernel's `struct input_event` holds it.
public struct InputEvent: Sendable, Equatable {
    /// Seconds, on the clock the device stamps its events with.
    public let time: Double
    public let type: UInt16
    public let code: UInt16
    public let value: Int32

    public init(time: Double, type: UInt16, code: UInt16, value: Int32) {
        self.time = time
        self.type = type
        self.code = code
        self.value = value
    }

    // The kernel's input-event-codes.h: its ABI, fixed.
    public static let synchronization: UInt16 = 0x00 // EV_SYN
    public static let key: UInt16 = 0x01 // EV_KEY
    public static let report: UInt16 = 0 // SYN_REPORT: the end of one frame of events
    public static let dropped: UInt16 = 3 // SYN_DROPPED: the kernel's buffer overran; events were lost

    /// EV_KEY values.
    public static let released: Int32 = 0
    public static let pressed: Int32 = 1
    public static let repeated: Int32 = 2
}
