/// What a person records for a voice pack: each line a routine says, with the file to save it
/// under. Pure: no I/O.
public struct VoiceScript: Sendable, Equatable {
    /// Every line, in the order the routine says them (after the lines the pack had before).
    public let entries: [VoicePack.Entry]
    /// How many of them the pack did not have.
    public let added: Int

    /// The lines of `lines` that `existing` lacks, named after their place and first words,
    /// after the entries `existing` already has, which keep their names.
    public init(lines: [String], existing: [VoicePack.Entry] = []) {
        var entries = existing
        var known = Set(existing.map(\.text))
        var taken = Set(existing.map(\.file))
        var number = existing.compactMap { Int($0.file.prefix { $0.isNumber }) }.max() ?? 0
        let width = max(2, String(number + lines.count).count)
        var added = 0
        for line in lines where !known.contains(line) {
            number += 1
            var name = VoiceScript.fileName(line, number: number, width: width)
            var extra = 1
            while taken.contains(name) {
                extra += 1
                name = VoiceScript.fileName(line, number: number, width: width, suffix: "-\(extra)")
            }
            entries.append(VoicePack.Entry(text: line, file: name))
            known.insert(line)
            taken.insert(name)
            added += 1
        }
        self.entries = entries
        self.added = added
    }

    /// At most this many words of the line go into its file's name.
    static let wordsInName = 5

    /// `07-next-knee-to-chest-stretch.wav`: the line's place, then its first words in lower
    /// case letters and digits, so the files sort in the order they are said and a person can
    /// tell them apart at a glance.
    static func fileName(_ line: String, number: Int, width: Int, suffix: String = "") -> String {
        let words = line.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }
            .map { $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
            .filter { !$0.isEmpty }
            .prefix(wordsInName)
        let digits = String(number)
        let place = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return ([place] + words).joined(separator: "-") + suffix + ".wav"
    }

    /// The script as `voice-lines` prints it: a file name, then the words to say into it.
    public func text() -> String {
        let width = entries.map(\.file.count).max() ?? 0
        return entries.map { $0.file.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.text }
            .joined(separator: "\n")
    }

    /// The README for whoever records: how, then the lines.
    public func readme(routine: String, folder: String) -> String {
        """
        A voice pack for StretchCue: your own voice guiding a routine ("\(routine)").

        Record each line below into its own file in this folder, under the name given. Any
        format works (WAV, FLAC, OGG; any sample rate, mono or stereo), and a line saved as
        07-next-hip-airplanes.flac is found as well as the .wav named here.

        How to record
        - A quiet room, the microphone a hand's width away, the same place and level for
          every line.
        - Speak as you would to someone on the mat: calm and unhurried. Say the words as they
          are written: the lines are matched by their words.
        - A little silence before and after each line is fine: it is trimmed. The loudness is
          matched to the chimes, so there is no need to make every file equally loud.
        - Lines you have not recorded yet are spoken by the synthesized voice, so a pack can
          grow a few lines at a time.

        To play with the pack:
            stretchcue play --voice-pack \(folder)
        or, for every session, in ~/.config/stretchcue/config.yaml:
            voice_pack: \(folder)

        index.yaml says which file holds which line; stretchcue voice-lines ROUTINE --pack
        \(folder) adds the lines of another routine to it and leaves these as they are.

        The lines (\(entries.count)):

        \(text())

        """
    }
}
