import CEspeakNG
import Synchronization

/// espeak-ng turning text into speech, as 16-bit mono samples scaled to -1...1 at `sampleRate`.
///
/// The library keeps one global, unsynchronised state, so the process has one synthesizer,
/// initialised on first use, and every call into the library happens under its lock. Synthesis
/// takes a good fraction of real time: do it before playback, never on the audio thread. It
/// keeps nothing: a clip is the caller's, and goes when the caller is done with it.
public final class Synthesizer: Sendable {
    public let sampleRate: Int
    /// Held while the library works: its state is global.
    private let lock = Mutex(())

    /// The library's version, which clips made by it are kept under (a new version may speak
    /// differently). Needs no initialisation.
    public static var version: String {
        String(cString: espeak_Info(nil))
    }

    /// The one synthesizer, or why espeak-ng could not start (its data missing, say). The
    /// attempt is made once: the library cannot be initialised twice.
    public static func shared() throws(SpeechError) -> Synthesizer {
        try started.get()
    }

    private static let started: Result<Synthesizer, SpeechError> = Result { () throws(SpeechError) in
        try Synthesizer()
    }

    private init() throws(SpeechError) {
        // A null path: $ESPEAK_DATA_PATH, else the data installed with the library.
        espeak_ng_InitializePath(nil)
        var context: espeak_ng_ERROR_CONTEXT? = nil
        defer { espeak_ng_ClearErrorContext(&context) }
        try SpeechError.check(espeak_ng_Initialize(&context), "espeak_ng_Initialize")
        // Synchronous: each synthesis call returns once all its samples went to the callback.
        try SpeechError.check(espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil), "espeak_ng_InitializeOutput")
        espeak_SetSynthCallback(collectSamples)
        sampleRate = Int(espeak_ng_GetSampleRate())
    }

    /// The languages espeak-ng's voices speak, as `speak` takes them (`en-us`, `de`, ...),
    /// each voice's first, sorted.
    public func voiceNames() -> [String] {
        lock.withLock { _ in
            guard var entry = espeak_ListVoices(nil) else { return [] }
            var names: Set<String> = []
            while let voice = entry.pointee {
                // Pairs of a priority byte and a language name: the first name follows the first byte.
                if let languages = voice.pointee.languages, languages.pointee != 0 {
                    let name = String(cString: languages + 1)
                    if !name.isEmpty { names.insert(name) }
                }
                entry += 1
            }
            return names.sorted()
        }
    }

    /// `text` spoken by `voice` (an espeak-ng voice such as `en`, `en-us` or `de`).
    public func speak(_ text: String, voice: String, wordsPerMinute: Int) throws(SpeechError) -> [Float] {
        try lock.withLock { _ throws(SpeechError) -> [Float] in
            try SpeechError.check(espeak_ng_SetVoiceByName(voice), "espeak_ng_SetVoiceByName")
            try SpeechError.check(espeak_ng_SetParameter(espeakRATE, Int32(wordsPerMinute), 0), "espeak_ng_SetParameter")
            var samples: [Float] = []
            let bytes = Array(text.utf8CString)
            let status = withUnsafeMutablePointer(to: &samples) { sink in
                espeak_ng_Synthesize(bytes, bytes.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, sink)
            }
            try SpeechError.check(status, "espeak_ng_Synthesize")
            return samples
        }
    }
}

/// Receives each block of samples during a synchronous synthesis call; `user_data` points at
/// the caller's array.
private func collectSamples(_ wave: UnsafeMutablePointer<Int16>?, _ count: Int32,
                            _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let wave, count > 0, let sink = events?.pointee.user_data?.assumingMemoryBound(to: [Float].self) else {
        return 0
    }
    let block = UnsafeBufferPointer(start: wave, count: Int(count))
    sink.pointee.append(contentsOf: block.lazy.map { Float($0) / 32768 })
    return 0 // go on
}
