import ALSA

/// Turns the mixer's float samples into the device's sample format, in place in a buffer
/// allocated once, so the audio thread never allocates.
struct SampleEncoder {
    let format: SampleFormat
    private(set) var bytes: UnsafeMutableRawBufferPointer

    init(format: SampleFormat, capacity samples: Int) {
        self.format = format
        bytes = .allocate(byteCount: samples * format.bytesPerSample, alignment: 16)
    }

    func deallocate() {
        bytes.deallocate()
    }

    /// Encodes `samples`; returns the bytes to hand to the device.
    func encode(_ samples: UnsafeBufferPointer<Float>) -> UnsafeRawBufferPointer {
        let count = samples.count
        switch format {
        case .float32:
            let out = bytes.bindMemory(to: Float.self)
            for i in 0..<count { out[i] = samples[i] }
        case .signed16:
            let out = bytes.bindMemory(to: Int16.self)
            // Rounded half to even, as the processor rounds: a single instruction, where
            // rounding half away from zero is a library call for every sample.
            for i in 0..<count { out[i] = Int16((min(1, max(-1, samples[i])) * 32767).rounded(.toNearestOrEven)) }
        case .signed32:
            let out = bytes.bindMemory(to: Int32.self)
            for i in 0..<count { out[i] = Int32((Double(min(1, max(-1, samples[i]))) * 2147483647).rounded(.toNearestOrEven)) }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[0..<count * format.bytesPerSample])
    }
}
