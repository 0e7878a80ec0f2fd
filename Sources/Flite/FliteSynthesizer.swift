import CFlite
import Glibc
import Synchronization

/// flite (Festival Lite, CMU) turning English text into speech, as mono samples scaled to
/// -1...1 at the voice's own rate (16 kHz; 8 kHz for kal).
///
/// flite keeps global state and is not thread-safe, so the process has one synthesizer and
/// every call into the library happens under its lock. Each voice is registered once, on its
/// first use, and kept: registering builds the voice's tables. Synthesis runs near real time
/// for the larger voices: do it before playback, never on the audio thread.
public final class FliteSynthesizer: Sendable {
    /// The voices offered, the default first: slt (female, US), kal16 and kal (male, US,
    /// diphone: the classic flite sound), awb (male, Scottish), rms (male, US).
    public static let voices = ["slt", "kal16", "kal", "awb", "rms"]

    /// The library's version, which clips made by it are kept under.
    public static let version = FLITE_PROJECT_VERSION

    /// The registered voices, by name; the lock around every call into flite.
    private let registered = Mutex<[String: Voice]>([:])

    /// A registered voice: flite's pointer, which only this class touches, under its lock.
    private struct Voice: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<cst_voice>
    }

    public static let shared = FliteSynthesizer()

    private init() {
        _ = flite_init()
    }

    /// `text` spoken by `voice` (one of `voices`), its sounds held `durationStretch` times as
    /// long as the voice's own pace (2 is half as fast).
    public func speak(_ text: String, voice: String, durationStretch: Double) throws(FliteError) -> (samples: [Float], sampleRate: Int) {
        try registered.withLock { voices throws(FliteError) -> (samples: [Float], sampleRate: Int) in
            let chosen = try FliteSynthesizer.voice(voice, in: &voices)
            flite_feat_set_float(chosen.pointer.pointee.features, "duration_stretch", Float(durationStretch))
            guard let wave = flite_text_to_wave(text, chosen.pointer) else {
                throw FliteError(call: "flite_text_to_wave", message: "no speech made")
            }
            defer { delete_wave(wave) }
            let count = Int(wave.pointee.num_samples), channels = Int(max(1, wave.pointee.num_channels))
            guard count > 0, let samples = wave.pointee.samples else { return ([], Int(wave.pointee.sample_rate)) }
            // flite's voices are mono; should one not be, its first channel is taken.
            let buffer = UnsafeBufferPointer(start: samples, count: count * channels)
            let mono = stride(from: 0, to: buffer.count, by: channels).map { Float(buffer[$0]) / 32_768 }
            return (mono, Int(wave.pointee.sample_rate))
        }
    }

    /// The voice named, registered on first use: its library is loaded then, and its
    /// `register_cmu_us_NAME` called, as flite's own program does for a voice it was not built with.
    private static func voice(_ name: String, in voices: inout [String: Voice]) throws(FliteError) -> Voice {
        if let voice = voices[name] { return voice }
        guard FliteSynthesizer.voices.contains(name) else { throw .unknownVoice(name) }
        let library = "libflite_cmu_us_\(name).so.1", function = "register_cmu_us_\(name)"
        // Kept loaded for the life of the process, like the voice it registers.
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            throw FliteError(call: "dlopen", message: String(cString: dlerror()))
        }
        guard let symbol = dlsym(handle, function) else {
            throw FliteError(call: "dlsym", message: String(cString: dlerror()))
        }
        typealias Register = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<cst_voice>?
        guard let registered = unsafeBitCast(symbol, to: Register.self)(nil) else {
            throw FliteError(call: function, message: "the voice did not load")
        }
        let voice = Voice(pointer: registered)
        voices[name] = voice
        return voice
    }
}
