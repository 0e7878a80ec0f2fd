import CueSounds
import Foundation
import SoundFile
import Testing
import Timeline

@Suite("a folder of one's own cue sounds")
struct SoundLibraryTests {
    /// A file is a kind's sound by its name less its last extension, in any case, whatever
    /// the extension says: libsndfile finds out what it holds.
    @Test(arguments: [("end.wav", CueKind.end), ("End.WAV", .end), ("END.au", .end), ("end", .end), ("end.mp3", .end),
                      ("Hold-Start.flac", .holdStart), ("breath-hold.aiff", .breathHold), ("pause.opus", .pause),
                      ("Resume.Ogg", .resume), ("switch-side.caf", .switchSide)])
    func aFileIsFoundByItsNameAlone(name: String, kind: CueKind) throws {
        #expect(try SoundLibrary.files(in: "/s", named: [name, "notes.txt"]) == [kind: "/s/\(name)"])
    }

    @Test(arguments: ["end.wav.bak", ".end.wav", "the end.wav", "ending.wav", "end-old.flac", "speech.wav", "README", "endwav"])
    func anotherFileIsLeftAlone(name: String) throws {
        #expect(try SoundLibrary.files(in: "/s", named: [name]).isEmpty)
    }

    @Test func twoFilesForOneKindAreAnErrorNamingBoth() {
        #expect {
            try SoundLibrary.files(in: "/s", named: ["inhale.ogg", "end.wav", "End.flac"])
        } throws: { error in
            (error as? SoundFolderError)?.description
                == "the sounds folder /s has 2 files for the end sound (End.flac, end.wav): keep one, since only one can play"
        }
    }

    /// A kind the folder lacks is the bundled one; a single file given for a kind wins over both.
    @Test func theFolderOverTheBundledSoundsAndOneFileOverTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("exercise"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["End.au", "inhale.flac"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
        }
        let library = try SoundLibrary(bundled: "/bundled", folder: folder.path, overrides: [.inhale: "/mine/in.wav"])
        #expect(library.files[.end] == folder.appendingPathComponent("End.au").path)
        #expect(library.files[.inhale] == "/mine/in.wav")
        #expect(library.files[.exercise] == "/bundled/exercise.wav", "a folder named for a kind is no sound")
        #expect(library.files[.resume] == "/bundled/resume.wav")
    }

    /// A file named for a kind that libsndfile cannot read stops the session with its name,
    /// rather than the bundled chime playing in its place without a word.
    @Test func aFileNamedForAKindThatCannotBeReadIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("end.mp3").path
        try "not a sound".write(toFile: path, atomically: true, encoding: .utf8)
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sounds").path
        let library = try SoundLibrary(bundled: bundled, folder: folder.path)
        #expect(library.files[.end] == path)
        #expect { try library.chimes() } throws: { ($0 as? SoundLoadError)?.path == path }
    }
}
