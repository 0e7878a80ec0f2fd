import CSoxr

/// A failed libsoxr call: the call and libsoxr's own words.
public struct SampleRateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public let call: String

    public var description: String { "\(call): \(reason)" }
}

/// Converts whole sounds between sample rates with libsoxr; used when sounds load and the
/// voice is prepared, never while playing.
///
/// libsoxr at its high-quality recipe (20-bit precision, flat to 91 % of the band) converts the
/// bundled routine's speech 85 times faster than libsamplerate's best sinc, and the two differ
/// by 58 dB under the signal: bench/converters.
public enum SampleRateConverter {
    public enum Quality: Sendable {
        /// libsoxr's default: what every sound gets.
        case high
        /// 28-bit precision, about three times slower.
        case veryHigh

        var recipe: UInt {
            switch self {
            case .high: UInt(SOXR_HQ)
            case .veryHigh: UInt(SOXR_VHQ)
            }
        }
    }

    public static func convert(_ interleaved: [Float], channels: Int, from inputRate: Int, to outputRate: Int,
                               quality: Quality = .high) throws(SampleRateError) -> [Float] {
        guard inputRate != outputRate, !interleaved.isEmpty else { return interleaved }
        let inputFrames = interleaved.count / channels
        let capacity = Int((Double(inputFrames) * Double(outputRate) / Double(inputRate)).rounded(.up)) + 16
        var output = [Float](repeating: 0, count: capacity * channels)
        var generated = 0
        var spec = soxr_quality_spec(quality.recipe, 0)
        let error: soxr_error_t? = interleaved.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                soxr_oneshot(Double(inputRate), Double(outputRate), UInt32(channels), input.baseAddress, inputFrames, nil,
                             out.baseAddress, capacity, &generated, nil, &spec, nil)
            }
        }
        if let error { throw SampleRateError(reason: String(cString: error), call: "soxr_oneshot") }
        // No longer than the sound lasts at the new rate, rounded down: a spoken line then ends
        // within the room the timeline made for it (whose start and length it rounds on its own),
        // never a frame into the quiet before the next chime.
        let frames = inputFrames * outputRate / inputRate
        output.removeSubrange((min(generated, frames) * channels)...)
        return output
    }
}
