import CALSA

extension PCM {
    /// A device's hardware configuration space, narrowed one choice at a time and then installed.
    public final class HardwareParameters {
        let pointer: OpaquePointer

        public enum Access: Sendable {
            case readWriteInterleaved
        }

        public init() throws(ALSAError) {
            var params: OpaquePointer?
            _ = try ALSAError.check(snd_pcm_hw_params_malloc(&params), "snd_pcm_hw_params_malloc")
            pointer = params!
        }

        deinit {
            snd_pcm_hw_params_free(pointer)
        }

        public func any(on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_hw_params_any(pcm.handle, pointer), "snd_pcm_hw_params_any", device: pcm.name)
        }

        public func setAccess(_ access: Access, on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_hw_params_set_access(pcm.handle, pointer, SND_PCM_ACCESS_RW_INTERLEAVED),
                                    "snd_pcm_hw_params_set_access", device: pcm.name)
        }

        public func testFormat(_ format: SampleFormat, on pcm: PCM) -> Bool {
            snd_pcm_hw_params_test_format(pcm.handle, pointer, format.alsaValue) == 0
        }

        public func setFormat(_ format: SampleFormat, on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_hw_params_set_format(pcm.handle, pointer, format.alsaValue),
                                    "snd_pcm_hw_params_set_format", device: pcm.name)
        }

        public func setChannelsNear(_ channels: Int, on pcm: PCM) throws(ALSAError) -> Int {
            var value = UInt32(channels)
            _ = try ALSAError.check(snd_pcm_hw_params_set_channels_near(pcm.handle, pointer, &value),
                                    "snd_pcm_hw_params_set_channels_near", device: pcm.name)
            return Int(value)
        }

        public func setRateNear(_ rate: Int, on pcm: PCM) throws(ALSAError) -> Int {
            var value = UInt32(rate)
            var direction: Int32 = 0
            _ = try ALSAError.check(snd_pcm_hw_params_set_rate_near(pcm.handle, pointer, &value, &direction),
                                    "snd_pcm_hw_params_set_rate_near", device: pcm.name)
            return Int(value)
        }

        public func setBufferSizeNear(_ frames: Int, on pcm: PCM) throws(ALSAError) -> Int {
            var value = snd_pcm_uframes_t(frames)
            _ = try ALSAError.check(snd_pcm_hw_params_set_buffer_size_near(pcm.handle, pointer, &value),
                                    "snd_pcm_hw_params_set_buffer_size_near", device: pcm.name)
            return Int(value)
        }

        public func setPeriodSizeNear(_ frames: Int, on pcm: PCM) throws(ALSAError) -> Int {
            var value = snd_pcm_uframes_t(frames)
            var direction: Int32 = 0
            _ = try ALSAError.check(snd_pcm_hw_params_set_period_size_near(pcm.handle, pointer, &value, &direction),
                                    "snd_pcm_hw_params_set_period_size_near", device: pcm.name)
            return Int(value)
        }

        public func install(on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_hw_params(pcm.handle, pointer), "snd_pcm_hw_params", device: pcm.name)
        }
    }
}
