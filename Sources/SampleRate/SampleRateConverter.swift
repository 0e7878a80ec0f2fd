import CSampleRate

/// A failed libsamplerate call.
public struct SampleRateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let call: String

    public var description: String { "\(call): \(String(cString: src_strerror(code)))" }
}

/// Converts whole sounds between sample rates with libsamplerate; used when sounds load,
/// never while playing.
public enum SampleRateConverter {
    public enum Quality: Sendable {
        case best, medium, fastest

        var converter: Int32 {
            switch self {
            case .best: Int32(SRC_SINC_BEST_QUALITY)
            case .medium: Int32(SRC_SINC_MEDIUM_QUALITY)
            case .fastest: Int32(SRC_SINC_FASTEST)
            }
        }
    }

    public static func convert(_ interleaved: [Float], channels: Int, from inputRate: Int, to outputRate: Int,
                               quality: Quality = .best) throws(SampleRateError) -> [Float] {
        guard inputRate != outputRate, !interleaved.isEmpty else { return interleaved }
        let ratio = Double(outputRate) / Double(inputRate)
        let inputFrames = interleaved.count / channels
        let capacity = Int((Double(inputFrames) * ratio).rounded(.up)) + 16
        var output = [Float](repeating: 0, count: capacity * channels)
        var generated = 0
        let result: Int32 = interleaved.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var data = SRC_DATA()
                data.data_in = input.baseAddress
                data.input_frames = inputFrames
                data.data_out = out.baseAddress
                data.output_frames = capacity
                data.src_ratio = ratio
                data.end_of_input = 1
                let code = src_simple(&data, quality.converter, Int32(channels))
                generated = data.output_frames_gen
                return code
            }
        }
        guard result == 0 else { throw SampleRateError(code: result, call: "src_simple") }
        output.removeSubrange((generated * channels)...)
        return output
    }
}
