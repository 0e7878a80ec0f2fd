import Routine
import StrictYAML
import Timeline

/// Every built-in default and every limit a person can meet, in one place: the options, the
/// config file, `stretchcue config`, the help texts and the error messages all read them here.
public enum Defaults {
    /// ALSA's default device.
    public static let device = "default"

    /// Loudness in dB, and how far it may go.
    public static let volume = 0.0
    public static let volumeRange = -60.0...12.0
    /// How the volume limits read in help and errors.
    public static let volumeWording = "from \(Int(volumeRange.lowerBound)) to \(Int(volumeRange.upperBound)) dB"
    /// Kept below full scale in a lossy file (Ogg Vorbis): its encoding overshoots the peaks it
    /// was given by a few per cent, which a player then clips.
    public static let lossyMarginDecibels = 1.0

    /// Spoken guidance is on unless turned off.
    public static let voice = true
    /// What speaks, unless another engine or a `voice_command` is chosen.
    public static let voiceEngine = VoiceEngine.espeak
    /// The espeak-ng voice.
    public static let voiceName = "en-us"
    /// flite's voice: the one most people find clearest of its five.
    public static let fliteVoiceName = "slt"

    /// The voice each engine speaks with unless one is named; a command's is its own (none).
    public static func voiceName(for engine: VoiceEngine) -> String {
        switch engine {
        case .espeak: voiceName
        case .flite: fliteVoiceName
        case .command: ""
        }
    }

    /// The longest a voice command may take over one line before espeak-ng speaks instead, in
    /// seconds: Piper needs a few on a Raspberry Pi for a long line, and a hung program is
    /// given up on well before a person wonders.
    public static let voiceTimeout = 60
    public static let voiceTimeoutRange = 1...3600
    /// How much the voice says.
    public static let guidance = Guidance.Level.full
    public static let guidanceWording = "full, brief, names or off"

    /// Words a minute.
    public static let voiceRate = 150
    public static let voiceRateRange = 80...400
    public static let voiceRateWording = "from \(voiceRateRange.lowerBound) to \(voiceRateRange.upperBound) words a minute"

    /// The rate sessions are compiled at unless a device or a file asks for another.
    public static let sampleRate = 48_000
    /// What `show --rate` and `render --rate` take; libsndfile and the converters take all of it.
    public static let sampleRateRange = 8_000...192_000
    public static let sampleRateWording = "from \(sampleRateRange.lowerBound) to \(sampleRateRange.upperBound) Hz"

    /// How much disk the cache of spoken lines may take before the least recently used go.
    public static let clipCacheBytes = 128 << 20

    /// The phone remote, when it is turned on without an address: this machine only. The docs
    /// show `0.0.0.0` for a phone on the same network.
    public static let remotePort = 8765
    public static let remoteListen = "127.0.0.1:\(remotePort)"
    /// Random bytes in the remote's secret (128 bits, 22 characters in a link).
    public static let remoteTokenBytes = 16
    /// Open connections to the remote at once; more are closed as they come, so a flood costs
    /// a bounded amount of memory (each holds at most one read of requests and its queued answers).
    public static let remoteConnections = 64
    /// Pages following the session at once (server-sent event streams).
    public static let remoteStreams = 16
    /// The longest request head (its headers together) the remote reads; browsers send about 1 KiB.
    public static let remoteHeaderBytes = 8192
    /// The most header lines in a request head; browsers send about 15.
    public static let remoteHeaderFields = 64
    /// Bytes read from a connection at a time: a whole request, head and body, fits; requests
    /// a client sends ahead wait in its socket until those before them are answered.
    public static let remoteReadBytes = 16_384
    /// Answers queued for a connection before the remote answers it no more until its client
    /// reads them: one page or icon fits (the largest, icon-512.png, is 30 KB).
    public static let remoteQueuedBytes = 65_536
    /// The longest request body the remote reads (a start request is about 60 bytes).
    public static let remoteBodyBytes = 4096
    /// Seconds a connection may take to send its whole request, or to take the answers queued
    /// for it (slow clients, and clients that never read, are dropped).
    public static let remoteRequestSeconds = 10

    /// The longest value of a single-line setting in the config file (a device or voice name).
    public static let settingLength = 500
    /// The longest path in the config file.
    public static let pathLength = 4096

    /// A loudness as a person writes it: -6, -6dB, -6 dB, +3, 0.5; nil when it is not a number.
    public static func volume(parsing text: String) -> Double? {
        var number = text.trimmingSpaces.lowercased()
        if number.hasSuffix("db") { number = String(number.dropLast(2)).trimmingSpaces }
        if number.hasPrefix("+") { number.removeFirst() }
        guard let value = Double(number), value.isFinite else { return nil }
        return value
    }

    /// What is wrong with a volume, worded to follow the setting's name; nil when it is fine.
    public static func problem(volume: Double) -> String? {
        volumeRange.contains(volume) ? nil : "must be \(volumeWording); got \(volume.formatted)"
    }

    /// Seconds counted down before a hold ends, as a routine's `countdown:` takes them.
    public static func problem(countdown: Int) -> String? {
        let range = RoutineDecoder.limits.countdown
        return range.contains(countdown) ? nil : "must be from \(range.lowerBound) to \(range.upperBound) s; got \(countdown)"
    }

    public static func problem(voiceRate: Int) -> String? {
        voiceRateRange.contains(voiceRate) ? nil : "must be \(voiceRateWording); got \(voiceRate)"
    }

    public static func problem(sampleRate: Int) -> String? {
        sampleRateRange.contains(sampleRate) ? nil : "must be \(sampleRateWording); got \(sampleRate)"
    }

    /// One voice name, as the engines take them.
    public static func problem(voiceName: String) -> String? {
        voiceName.isEmpty || voiceName.contains(where: \.isWhitespace) || voiceName.count > settingLength
            ? "takes one voice name such as en-us or de (espeak-ng) or slt (flite); got '\(voiceName)'" : nil
    }

    public static func problem(voiceCommand: String) -> String? {
        if voiceCommand.allSatisfy(\.isWhitespace) { return "needs a program to run, such as 'piper --model ~/piper/en_US-lessac-medium.onnx --output-file -'" }
        if voiceCommand.contains(where: \.isNewline) { return "takes one line" }
        return voiceCommand.count > pathLength ? "is longer than \(pathLength) characters" : nil
    }
}

extension Double {
    /// 6 rather than 6.0, -6.5 as it is.
    var formatted: String {
        self == rounded() && abs(self) < 1e9 ? String(Int(self)) : String(self)
    }
}
