/// Text laid out in rows of a terminal's width, broken where a person would break it rather
/// than wherever the terminal runs out of columns.
public enum Wrap {
    /// `units` in rows of at most `width` columns: as many as fit on a row, joined by
    /// `separator`; the first row begins with `lead`, the others with `indent` spaces. A unit
    /// that does not fit where it would go starts the next row if it fits there whole, else it
    /// is broken at its spaces; only a word longer than a row is cut.
    public static func rows(_ units: [String], separator: String = " ", lead: String = "", indent: Int, width: Int) -> [String] {
        let width = max(1, width)
        // A row keeps room after its indent for any character (two columns for a wide one),
        // however narrow the terminal.
        let indent = max(0, min(indent, width - 2))
        let pad = String(repeating: " ", count: indent)
        var rows: [String] = []
        var row = lead
        var used = DisplayWidth.of(lead)
        var empty = true

        func fits(_ text: String, after joiner: String) -> Bool {
            used + (empty ? 0 : DisplayWidth.of(joiner)) + DisplayWidth.of(text) <= width
        }
        func put(_ text: String, after joiner: String) {
            if !empty {
                row += joiner
                used += DisplayWidth.of(joiner)
            }
            row += text
            used += DisplayWidth.of(text)
            empty = false
        }
        func nextRow() {
            rows.append(row)
            row = pad
            used = indent
            empty = true
        }

        for unit in units where !unit.isEmpty {
            if fits(unit, after: separator) {
                put(unit, after: separator)
                continue
            }
            if !empty, indent + DisplayWidth.of(unit) <= width {
                nextRow()
                put(unit, after: separator)
                continue
            }
            // Too long for a row of its own: word by word from here, the first word joined as
            // the unit would have been.
            var joiner = separator
            for word in unit.split(separator: " ").map(String.init) {
                if !fits(word, after: joiner), !empty, indent + DisplayWidth.of(word) <= width { nextRow() }
                var rest = word
                while !fits(rest, after: joiner) {
                    let room = width - used - (empty ? 0 : DisplayWidth.of(joiner))
                    var piece = DisplayWidth.prefix(rest, columns: room)
                    if piece.isEmpty, empty { piece = String(rest.prefix(1)) } // a wide character on a row one column wide
                    if !piece.isEmpty {
                        put(piece, after: joiner)
                        rest = String(rest.dropFirst(piece.count))
                    }
                    nextRow()
                }
                if !rest.isEmpty { put(rest, after: joiner) }
                joiner = " "
            }
        }
        if !empty || rows.isEmpty { rows.append(row) }
        return rows
    }
}
