import ChildProcess
import Foundation
import SoundFile

/// A program of the person's own: it reads the line on standard input and writes it, spoken,
/// as WAV (or anything libsndfile reads) on standard output. It is run through `sh -c` once
/// a line, with `STRETCHCUE_TEXT`, `STRETCHCUE_VOICE_RATE` and (when one is chosen)
/// `STRETCHCUE_VOICE_NAME` in its environment, and ended at its time limit.
public struct CommandEngine: SpeechEngine {
    public let command: String
    /// Empty: the command speaks with its own voice.
    public let voice: String
    public let wordsPerMinute: Int
    /// The longest one line may take, in seconds.
    public let timeLimit: Double

    public init(command: String, voice: String, wordsPerMinute: Int, timeLimit: Double) {
        self.command = command
        self.voice = voice
        self.wordsPerMinute = wordsPerMinute
        self.timeLimit = timeLimit
    }

    /// A line's sound longer than this is not a line: a program gone wrong.
    static let longestLine = 120.0

    /// The command as a person wrote it, cut short if it is long.
    public var name: String {
        let shown = command.count > 60 ? command.prefix(57) + "..." : command[...]
        return "the voice command '\(shown)'"
    }

    public var identity: String { "command \(command)\n\(voice)\n\(wordsPerMinute)" }

    public func speak(_ line: String) throws(VoiceError) -> SpokenClip {
        var environment = ["STRETCHCUE_TEXT": line, "STRETCHCUE_VOICE_RATE": String(wordsPerMinute)]
        if !voice.isEmpty { environment["STRETCHCUE_VOICE_NAME"] = voice }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(shell: command, input: Array((line + "\n").utf8), environment: environment,
                                           timeLimit: timeLimit)
        } catch {
            throw VoiceError("\(name) cannot be run (\(error))")
        }
        let said = Self.firstLine(outcome.standardError).map { ": " + $0 } ?? ""
        switch outcome.end {
        case .timedOut:
            throw VoiceError("\(name) took more than \(Int(timeLimit)) s to speak one line\(said)")
        case .signalled(let signal):
            throw VoiceError("\(name) was killed by signal \(signal)\(said)")
        case .exited(let status) where status != 0:
            throw VoiceError("\(name) failed with exit status \(status)\(said)")
        case .exited:
            break
        }
        do {
            let file = try SoundFile(readingFrom: outcome.output.descriptor, name: "its output")
            guard file.channels > 0, file.sampleRate > 0, file.frames > 0 else {
                throw VoiceError("\(name) wrote no sound\(said)")
            }
            guard Double(file.frames) <= Self.longestLine * Double(file.sampleRate) else {
                throw VoiceError("\(name) wrote more than \(Int(Self.longestLine)) s of sound for one line")
            }
            let samples = SoundLibrary.downmix(try file.readAll(), channels: file.channels)
            try file.close()
            return SpokenClip(sampleRate: file.sampleRate, samples: SpeechLevel.trimmed(samples))
        } catch let error as VoiceError {
            throw error
        } catch let error as SoundFileError {
            let size = (try? outcome.output.size()) ?? 0
            throw VoiceError(size == 0 ? "\(name) wrote nothing on its standard output\(said)"
                : "\(name) wrote no sound that libsndfile reads (\(error.message))")
        } catch {
            throw VoiceError("\(name): \(error)")
        }
    }

    /// The first line with words in it, as the program's own explanation.
    static func firstLine(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).lazy
            .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else { return nil }
        return line.count > 200 ? String(line.prefix(197)) + "..." : line
    }
}
