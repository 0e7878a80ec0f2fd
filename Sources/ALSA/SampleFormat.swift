import CALSA

/// The sample formats the player can produce, in the machine's byte order.
public enum SampleFormat: Sendable, CaseIterable, CustomStringConvertible {
    case float32
    case signed32
    case signed16

    public var bytesPerSample: Int {
        switch self {
        case .float32, .signed32: 4
        case .signed16: 2
        }
    }

    var alsaValue: snd_pcm_format_t {
        switch self {
        case .float32: SND_PCM_FORMAT_FLOAT_LE
        case .signed32: SND_PCM_FORMAT_S32_LE
        case .signed16: SND_PCM_FORMAT_S16_LE
        }
    }

    public var description: String {
        switch self {
        case .float32: "FLOAT_LE"
        case .signed32: "S32_LE"
        case .signed16: "S16_LE"
        }
    }
}
