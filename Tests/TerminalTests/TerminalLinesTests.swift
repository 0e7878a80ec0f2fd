import Control
import Terminal
import Testing

@Suite("the lines above the status line, at a terminal's width")
struct TerminalLinesTests {
    /// A cue as `show` prints it, in columns as wide as the bundled routine's names need.
    static func event(_ columns: CueColumns) -> SessionEvent {
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let text = [columns.time, padded(columns.exercise, 5), padded(columns.name, 26), padded(columns.detail, 14),
                    padded(columns.kind, 11), columns.meaning].joined(separator: "  ")
        return SessionEvent(.cue, text, cue: columns.kind, columns: columns)
    }

    static let exercise = event(CueColumns(time: "00:46", exercise: "2/13", name: "Supine twist", detail: "", kind: "exercise",
                                           meaning: "next exercise: get into position"))
    static let side = event(CueColumns(time: "03:10", exercise: "3/13", name: "Sitting rotational stretch", detail: "left",
                                       kind: "switch-side", meaning: "switch sides"))
    static let spoken = event(CueColumns(time: "00:47", exercise: "2/13", name: "Supine twist", detail: "", kind: "speech",
                                         meaning: "\"Supine twist. Lie on your back, knees bent, and let them fall to one side.\" (4.1 s)"))
    static let end = event(CueColumns(time: "16:05", exercise: "", name: "", detail: "", kind: "end", meaning: "session complete"))

    @Test func theBundledRoutinesLineIsTheOneTheIssueSaw() {
        #expect(Self.exercise.text == "00:46  2/13   Supine twist                                exercise     next exercise: get into position")
    }

    @Test func aCueThatFitsIsPrintedAsShowPrintsIt() {
        #expect(TerminalLines.cue(Self.exercise, width: 119) == [Self.exercise.text])
    }

    /// At 80 columns the padding and the kind go: one line, nothing wrapped.
    @Test func atEightyColumnsTheColumnsCloseUp() {
        #expect(TerminalLines.cue(Self.exercise, width: 79) == ["00:46  2/13  Supine twist  next exercise: get into position"])
        #expect(TerminalLines.cue(Self.side, width: 79) == ["03:10  3/13  Sitting rotational stretch  left  switch sides"])
    }

    /// On a phone's 40 columns, what follows the name goes under it, past the time.
    @Test func onAPhoneWhatDoesNotFitGoesUnderTheName() {
        #expect(TerminalLines.cue(Self.exercise, width: 39) == ["00:46  2/13  Supine twist"],
                "a new number and name say it is the next exercise")
        #expect(TerminalLines.cue(Self.side, width: 39) == ["03:10  3/13  Sitting rotational stretch", "       left  switch sides"])
        #expect(TerminalLines.cue(Self.spoken, width: 39) == [
            "00:47  2/13  Supine twist",
            "       \"Supine twist. Lie on your back,",
            "       knees bent, and let them fall to",
            "       one side.\" (4.1 s)",
        ])
    }

    /// Wide enough for the columns, a long spoken line wraps under itself and the columns stay.
    @Test func atOneHundredAndTwentyColumnsALongLineWrapsUnderItsOwnColumn() {
        let rows = TerminalLines.cue(Self.spoken, width: 119)
        let start = Self.spoken.text.count - Self.spoken.columns!.meaning.count
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.first?.hasPrefix(String(Self.spoken.text.prefix(start)) + "\"Supine twist.") == true, "\(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: start)) && $0.dropFirst(start).first != " " })
        #expect(rows.joined(separator: " ").split(separator: " ") == Self.spoken.text.split(separator: " "))
    }

    @Test func theEndHasNoExerciseColumns() {
        #expect(TerminalLines.cue(Self.end, width: 39) == ["16:05  session complete"])
    }

    /// Whatever the width, nothing a terminal would wrap, and nothing lost.
    @Test(arguments: 20...140)
    func everyRowFits(width: Int) {
        for event in [Self.exercise, Self.side, Self.spoken] {
            let rows = TerminalLines.cue(event, width: width)
            #expect(rows.allSatisfy { DisplayWidth.of($0) <= width }, "\(rows)")
            let words = rows.joined(separator: " ").split(separator: " ")
            #expect(words.contains(where: { $0.contains("twist") || $0.contains("stretch") }))
            if event.cue != "exercise" { #expect(words.last == event.text.split(separator: " ").last) }
        }
    }

    /// The key list breaks between keys, never inside one.
    @Test func theKeyListBreaksBetweenKeys() {
        #expect(TerminalLines.keys(KeyBindings.helpItems, width: 159) == [KeyBindings.help])
        #expect(TerminalLines.keys(KeyBindings.helpItems, width: 79) == [
            "keys: space pause/resume · n or → next exercise · p or ← previous (or restart)",
            "      + or ↑ breathe faster · - or ↓ slower · q stop (the place is saved)",
        ])
        #expect(TerminalLines.keys(KeyBindings.helpItems, width: 39) == [
            "keys: space pause/resume",
            "      n or → next exercise",
            "      p or ← previous (or restart)",
            "      + or ↑ breathe faster",
            "      - or ↓ slower",
            "      q stop (the place is saved)",
        ])
        #expect(TerminalLines.keys(KeyBindings.summaryItems, width: 79) == [KeyBindings.summary])
    }

    @Test func proseWrapsBetweenWords() {
        #expect(TerminalLines.text("Lower back: 13 exercises, 16:05", width: 79) == ["Lower back: 13 exercises, 16:05"])
        #expect(TerminalLines.text("breathing 5.4 breaths a minute: 5.6 s in, 5.6 s out", width: 39)
                == ["breathing 5.4 breaths a minute: 5.6 s", "  in, 5.6 s out"])
    }

    /// An event from an older player, without columns, still fits: wrapped between words.
    @Test func aCueWithoutColumnsIsWrappedAsProse() {
        var event = Self.exercise
        event.columns = nil
        #expect(TerminalLines.cue(event, width: 79).allSatisfy { DisplayWidth.of($0) <= 79 })
    }
}
