import Control

/// What a terminal shows above the status line, laid out to its width: a line that fits is
/// printed as a pipe or the journal gets it; a longer one is broken where a person would break
/// it, instead of wherever the terminal runs out of columns.
public enum TerminalLines {
    /// The narrowest a cue's last column (what to do, or the words spoken) may be for the cue
    /// to keep `show`'s columns, its words wrapped under it; narrower, the columns give way.
    public static let narrowestMeaning = 24

    /// The cue that begins an exercise, as `CueColumns.kind` names it.
    static let exerciseKind = "exercise"

    /// A cue: as `show` prints it where it fits. Where only its last column does not, that
    /// column wraps under itself (a long spoken line at 120 columns). Where the columns
    /// themselves leave too little room (80 columns, a phone's 40), they close up and the kind
    /// goes, since its meaning says it in words: "00:46  2/13  Supine twist  next exercise: get
    /// into position", and what does not fit goes on under the name, indented past the time.
    /// Which of the two depends on the width alone, not on the cue, so that one session's
    /// lines all look alike.
    public static func cue(_ event: SessionEvent, width: Int) -> [String] {
        guard let columns = event.columns, event.text.hasSuffix(columns.meaning) else { return text(event.text, width: width) }
        let start = DisplayWidth.of(event.text) - DisplayWidth.of(columns.meaning)
        if width - start >= narrowestMeaning {
            guard DisplayWidth.of(event.text) > width else { return [event.text] }
            let lead = String(event.text.dropLast(columns.meaning.count))
            return Wrap.rows(words(columns.meaning), lead: lead, indent: start, width: width)
        }
        // Which cue first (the time, the exercise, its name), then what it asks, on the same row
        // where it fits whole.
        let indent = DisplayWidth.of(columns.time) + 2
        let lead = columns.time + "  "
        let rest = [columns.detail, columns.meaning]
        guard !columns.exercise.isEmpty || !columns.name.isEmpty else {
            return Wrap.rows(rest, separator: "  ", lead: lead, indent: indent, width: width)
        }
        var rows = Wrap.rows([columns.exercise, columns.name], separator: "  ", lead: lead, indent: indent, width: width)
        let tail = rest.filter { !$0.isEmpty }.joined(separator: "  ")
        if DisplayWidth.of(rows[rows.count - 1]) + 2 + DisplayWidth.of(tail) <= width {
            rows[rows.count - 1] += "  " + tail
        } else if columns.kind != Self.exerciseKind {
            rows += Wrap.rows(rest, separator: "  ", lead: String(repeating: " ", count: indent), indent: indent, width: width)
        }
        // An exercise's chime has a row that says it already (a new number and name): on a
        // phone, "next exercise: get into position" under every one would double the lines.
        return rows
    }

    /// A line of prose (the session's heading, the tempo, the end), wrapped between words.
    public static func text(_ line: String, width: Int) -> [String] {
        DisplayWidth.of(line) <= width ? [line] : Wrap.rows(words(line), indent: 2, width: width)
    }

    /// A key list, broken between keys, under the first.
    public static func keys(_ items: [String], width: Int) -> [String] {
        Wrap.rows(items, separator: " · ", lead: KeyBindings.lead, indent: DisplayWidth.of(KeyBindings.lead), width: width)
    }

    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}
