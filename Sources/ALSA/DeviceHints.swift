import CALSA
import Glibc

/// The list `snd_device_name_hint` returns, freed with the object. Each hint is a set of
/// text values: NAME, DESC (lines) and IOID ("Input", "Output", or absent for both).
final class DeviceHints {
    private let hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// Every card's devices (card -1) for one interface, such as "pcm".
    init(interface: String) throws(ALSAError) {
        var list: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        _ = try ALSAError.check(snd_device_name_hint(-1, interface, &list), "snd_device_name_hint")
        hints = list!
    }

    deinit {
        snd_device_name_free_hint(hints)
    }

    /// One value of the hint at `index`; nil when the hint does not have it.
    func value(_ key: String, at index: Int) -> String? {
        guard let text = snd_device_name_get_hint(hints[index], key) else { return nil }
        defer { free(text) }
        return String(cString: text)
    }

    /// The list ends with a null entry.
    var count: Int {
        var count = 0
        while hints[count] != nil { count += 1 }
        return count
    }

    var devices: [DeviceHint] {
        (0..<count).compactMap { index in
            guard let name = value("NAME", at: index) else { return nil }
            let description = value("DESC", at: index)?.split(separator: "\n").map(String.init) ?? []
            let direction: DeviceHint.Direction = switch value("IOID", at: index) {
            case "Output": .playback
            case "Input": .capture
            default: .both
            }
            return DeviceHint(name: name, description: description, direction: direction)
        }
    }
}
