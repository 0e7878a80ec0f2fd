/// The keys of Linux input devices a button can be, by the names `evtest` prints and the codes
/// of the kernel's input-event-codes.h (its ABI: they never change). These are the ones a media
/// remote, a USB button, a keypad or a Raspberry Pi's `gpio-key` overlay sends; any other is
/// written as its number.
public enum InputKeys {
    public static let names: [String: Int] = [
        // Media remotes and headsets.
        "KEY_PLAYPAUSE": 164, "KEY_PLAY": 207, "KEY_PAUSE": 119, "KEY_PLAYCD": 200, "KEY_PAUSECD": 201,
        "KEY_NEXTSONG": 163, "KEY_PREVIOUSSONG": 165, "KEY_STOPCD": 166, "KEY_STOP": 128,
        "KEY_FASTFORWARD": 208, "KEY_REWIND": 168, "KEY_RECORD": 167, "KEY_MEDIA": 226,
        "KEY_VOLUMEUP": 115, "KEY_VOLUMEDOWN": 114, "KEY_MUTE": 113,
        "KEY_NEXT": 0x197, "KEY_PREVIOUS": 0x19C, "KEY_CHANNELUP": 0x192, "KEY_CHANNELDOWN": 0x193,
        "KEY_OK": 0x160, "KEY_SELECT": 0x161, "KEY_MENU": 139, "KEY_BACK": 158, "KEY_HOME": 102, "KEY_POWER": 116,
        "KEY_PROG1": 148, "KEY_PROG2": 149, "KEY_PROG3": 202, "KEY_PROG4": 203,
        // Keypads and keyboards.
        "KEY_ENTER": 28, "KEY_SPACE": 57, "KEY_ESC": 1, "KEY_UP": 103, "KEY_DOWN": 108, "KEY_LEFT": 105, "KEY_RIGHT": 106,
        "KEY_KPPLUS": 78, "KEY_KPMINUS": 74, "KEY_F1": 59, "KEY_F2": 60, "KEY_F3": 61, "KEY_F4": 62,
        "KEY_1": 2, "KEY_2": 3, "KEY_3": 4, "KEY_4": 5, "KEY_5": 6, "KEY_6": 7, "KEY_7": 8, "KEY_8": 9, "KEY_9": 10, "KEY_0": 11,
        // Buttons.
        "BTN_0": 0x100, "BTN_1": 0x101, "BTN_2": 0x102, "BTN_3": 0x103, "BTN_4": 0x104,
        "BTN_5": 0x105, "BTN_6": 0x106, "BTN_7": 0x107, "BTN_8": 0x108, "BTN_9": 0x109,
        "BTN_LEFT": 0x110, "BTN_RIGHT": 0x111, "BTN_MIDDLE": 0x112, "BTN_TRIGGER": 0x120,
        "BTN_SOUTH": 0x130, "BTN_EAST": 0x131, "BTN_NORTH": 0x133, "BTN_WEST": 0x134, "BTN_SELECT": 0x13A, "BTN_START": 0x13B,
    ]

    /// The highest key code (KEY_MAX).
    public static let maximum = 0x2FF

    /// A key as a person writes it: a name above, or a number from 1 to KEY_MAX.
    public static func code(_ text: String) -> Int? {
        if let code = names[text.uppercased()] { return code }
        guard let number = Int(text), (1...maximum).contains(number) else { return nil }
        return number
    }

    /// The name for a code, for messages; its number when it has none here.
    public static func name(_ code: Int) -> String {
        // Several names share a code in the kernel's table (BTN_A is BTN_SOUTH); none do here.
        names.first { $0.value == code }?.key ?? String(code)
    }
}
