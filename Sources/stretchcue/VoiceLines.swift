import ArgumentParser
import Config
import Foundation
import Preparation
import Routine
import Session
import Storage
import Timeline

struct VoiceLines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice-lines",
        abstract: "Print the lines a routine says, to record them in your own voice.",
        discussion: """
            Each line the voice says in the routine, once, after the file to record it into: \
            the lines a session says with the same --guidance, --countdown and --language. \
            With --pack, a folder gets an index.yaml (which file holds which line) and a \
            README.txt for whoever records; a folder that has an index keeps its lines and \
            their files, and the routine's other lines are added after them. Record into that \
            folder (WAV, FLAC, OGG, any rate), then play with --voice-pack FOLDER or voice_pack \
            in the config file: the recorded lines are heard as recorded, the voice says the \
            rest (docs/voices.md).

            Examples:
              stretchcue voice-lines
              stretchcue voice-lines morning --pack ~/my-voice
              stretchcue play morning --voice-pack ~/my-voice
            """
    )

    @Argument(help: ArgumentHelp("A routine file or name; by default the one play would play.", valueName: "routine"),
              completion: .custom(SessionOptions.complete))
    var routine: String?

    @Option(name: .long, help: ArgumentHelp("The language of the program's own words (Next, Left side, Halfway): en, de, fr or es; by default the routine's lang:.",
                                            valueName: "code"))
    var language: String?

    @Option(name: .long, help: VoiceOptions.guidanceHelp)
    var guidance: Guidance.Level?

    @Option(name: .long, help: VoiceOptions.countdownHelp)
    var countdown: Int?

    @Option(name: .long, help: ArgumentHelp("A folder to write the index and README into (made if missing).", valueName: "folder"),
            completion: .directory)
    var pack: String?

    func validate() throws {
        if let language, let problem = RoutineDecoder.problem(language: language) {
            throw ValidationError("--language \(problem)")
        }
        if pack?.isEmpty == true { throw ValidationError("--pack needs a folder") }
        if let countdown, let problem = Defaults.problem(countdown: countdown) {
            throw ValidationError("--countdown \(problem)")
        }
    }

    func run() throws {
        var choices = Config()
        choices.routine = routine.map(SessionOptions.reference)
        choices.language = language
        choices.guidance = guidance
        choices.countdown = countdown
        let settings = try ConfigFile.settings(choices)
        let routine = try RoutineFile.load(try settings.routinePath())
        let lines = try settings.lines(of: routine)
        guard let pack else {
            print("# \(routine.name): \(lines.count) lines; record each into the file named before it")
            print(VoiceScript(lines: lines).text())
            return
        }
        let folder = RoutineReference.absolute(pack, in: FileManager.default.currentDirectoryPath)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.system("cannot make the folder \(folder): \(error.localizedDescription)")
        }
        let index = folder + "/" + VoicePack.indexName
        let existing = FileManager.default.fileExists(atPath: index) ? try VoicePack.load(folder).entries : []
        let script = VoiceScript(lines: lines, existing: existing)
        try AtomicFile.write(to: index) { path in
            try VoicePack.encode(script.entries).write(toFile: path, atomically: false, encoding: .utf8)
        }
        try AtomicFile.write(to: folder + "/" + VoicePack.readmeName) { path in
            try script.readme(routine: routine.name, folder: folder).write(toFile: path, atomically: false, encoding: .utf8)
        }
        let recorded = VoicePack(folder: folder, entries: script.entries).recorded().keys.filter(lines.contains).count
        print(script.text())
        print("wrote \(index) (\(script.entries.count) lines, \(script.added) new) and \(VoicePack.readmeName); "
            + "\(recorded) of this routine's \(lines.count) lines are recorded")
    }
}
