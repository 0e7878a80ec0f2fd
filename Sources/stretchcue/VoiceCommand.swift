import ArgumentParser
import Config
import CueSounds
import Flite
import Foundation
import Preparation
import Session
import Speech
import Storage

struct VoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice",
        abstract: "Show the voices there are, or speak routines' lines ahead of time.",
        discussion: """
            Alone: the voice a session would speak with and where that comes from, the \
            engines and their voices, and the lines kept. With --prepare: every line of the \
            routines named (by default the one play would play) spoken by the voice chosen \
            and kept in the cache, so that the sessions that say them start at once: worth \
            it for a slow engine such as Piper on a Raspberry Pi. A line is kept under its \
            words, engine, voice and speed; lines a voice pack has are not spoken. \
            docs/voices.md compares the engines.

            Examples:
              stretchcue voice
              stretchcue voice --prepare lower-back morning --voice-engine flite
              stretchcue voice --prepare --voice-command 'piper -m ~/piper/en_US-lessac-medium.onnx -f -'
            """
    )

    @Flag(name: .long, help: "Speak the lines of the routines named and keep them for the sessions to come.")
    var prepare = false

    @Argument(help: ArgumentHelp("Routines to prepare: files or names; by default the one play would play.", valueName: "routine"),
              completion: .custom(SessionOptions.complete))
    var routines: [String] = []

    @OptionGroup(title: "Spoken guidance") var voice: VoiceOptions

    func validate() throws {
        if !routines.isEmpty, !prepare { throw ValidationError("routines are named only with --prepare") }
    }

    func run() throws {
        let settings = try ConfigFile.settings(Config.chosen(voice: voice))
        if prepare { try prepareLines(settings) } else { try show(settings) }
    }

    private func prepareLines(_ settings: ResolvedSettings) throws(Failure) {
        let paths = try routines.isEmpty ? [settings.routinePath()] : routines.map { given throws(Failure) in
            try ResolvedSettings.find(SessionOptions.reference(given), in: settings.routineFolders,
                                      fileExists: FileManager.default.fileExists(atPath:))
        }
        for path in paths {
            let routine = try RoutineFile.load(path)
            let lines = try settings.lines(of: routine)
            let narrator = try settings.narrator(for: routine, lines: lines, notice: printNotice)
            let wanted = narrator.unkept(lines)
            let start = Date()
            let speaking = ProgressLine("speaking \(routine.name)")
            do {
                try narrator.prepare(lines, progress: speaking.update)
            } catch {
                speaking.finish()
                throw .system("\(routine.name): \(error)")
            }
            speaking.finish()
            let seconds = Date().timeIntervalSince(start)
            let unique = Set(lines).count
            print("\(routine.name): \(unique) lines ready for \(narrator.engines.first?.name ?? "no engine"): "
                + (wanted == 0 ? "all kept from before" : "\(wanted) spoken now in \(String(format: "%.1f", seconds)) s, \(unique - wanted - narrator.recorded.count) kept from before")
                + (narrator.recorded.isEmpty ? "" : ", \(narrator.recorded.count) recorded"))
        }
    }

    /// Words in lines of at most 100 characters, each line indented.
    static func wrapped(_ words: [String], indent: Int) -> String {
        var lines: [String] = [], line = ""
        for word in words {
            if !line.isEmpty, indent + line.count + 1 + word.count > 100 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n")
    }

    private func show(_ settings: ResolvedSettings) throws {
        func origin<Value>(_ resolved: ResolvedSettings.Resolved<Value>) -> String { "(\(resolved.origin.rawValue))" }
        let engine = settings.voiceEngine
        if !settings.voice.value {
            print("voice: off \(origin(settings.voice)): chimes only")
        } else {
            let name = settings.voiceName.value.isEmpty ? "its own voice"
                : engine.value == .espeak && settings.voiceName.origin == .builtIn ? "the language's own voice (en-us for English)"
                : "voice \(settings.voiceName.value)"
            print("voice: \(engine.value.rawValue) \(origin(engine)), \(name) \(origin(settings.voiceName)), "
                + "\(settings.voiceRate.value) words a minute \(origin(settings.voiceRate))")
        }
        print("")
        print("engines:")
        let espeak: String
        do {
            let names = try Synthesizer.shared().voiceNames()
            espeak = "espeak-ng \(Synthesizer.version), \(names.count) voices:\n" + VoiceCommand.wrapped(names, indent: 11)
        } catch {
            espeak = "espeak-ng cannot speak here (\(error))"
        }
        print("  espeak   " + espeak)
        print("  flite    flite \(FliteSynthesizer.version): " + FliteSynthesizer.voices.joined(separator: " "))
        let command = settings.voiceCommand.value.map { "'\($0)' \(origin(settings.voiceCommand)), at most \(settings.voiceTimeout.value) s a line" }
        print("  command  " + (command ?? "none set: a program that reads a line and writes WAV (voice_command, --voice-command)"))
        print("")
        if let folder = settings.voicePack.value {
            let pack = try VoicePack.load(folder)
            print("voice pack: \(folder) \(origin(settings.voicePack)): \(pack.recorded().count) of its \(pack.entries.count) lines recorded")
        } else {
            print("voice pack: none (stretchcue voice-lines --pack FOLDER starts one)")
        }
        let cache = ClipCache()
        let usage = cache.usage()
        print("kept: \(usage.files) spoken lines, \(Cache.size(usage.bytes)) in \(cache.folder)")
    }
}
