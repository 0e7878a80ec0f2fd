import CALSA

extension PCM {
    /// When the device wakes its writer and when it starts: read from the device, changed,
    /// then installed.
    public final class SoftwareParameters {
        let pointer: OpaquePointer

        public init(of pcm: PCM) throws(ALSAError) {
            var params: OpaquePointer?
            _ = try ALSAError.check(snd_pcm_sw_params_malloc(&params), "snd_pcm_sw_params_malloc")
            pointer = params!
            _ = try ALSAError.check(snd_pcm_sw_params_current(pcm.handle, pointer), "snd_pcm_sw_params_current", device: pcm.name)
        }

        deinit {
            snd_pcm_sw_params_free(pointer)
        }

        /// Wake the writer only once this many frames have room.
        public func setAvailMin(_ frames: Int, on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_sw_params_set_avail_min(pcm.handle, pointer, snd_pcm_uframes_t(frames)),
                                    "snd_pcm_sw_params_set_avail_min", device: pcm.name)
        }

        /// Start playing on its own once this many frames are queued.
        public func setStartThreshold(_ frames: Int, on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_sw_params_set_start_threshold(pcm.handle, pointer, snd_pcm_uframes_t(frames)),
                                    "snd_pcm_sw_params_set_start_threshold", device: pcm.name)
        }

        public func install(on pcm: PCM) throws(ALSAError) {
            _ = try ALSAError.check(snd_pcm_sw_params(pcm.handle, pointer), "snd_pcm_sw_params", device: pcm.name)
        }
    }
}
