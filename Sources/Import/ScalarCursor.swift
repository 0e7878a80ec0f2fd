/// A position in decoded text that keeps its line and column as it moves, so that the readers
/// (JSON, XML) can say where a file stops making sense.
struct ScalarCursor {
    let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private(set) var place = Place.start

    /// A byte-order mark before the text is passed over; it is not part of the first line.
    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        if scalars.first == "\u{FEFF}" { index = 1 }
    }

    /// The scalar `offset` ahead of the current one, nil past the end.
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Whether the text goes on with `text` here.
    func starts(with text: String) -> Bool {
        var at = index
        for scalar in text.unicodeScalars {
            guard at < scalars.count, scalars[at] == scalar else { return false }
            at += 1
        }
        return true
    }

    /// The text from `start` (an earlier index) to here.
    func text(from start: Int) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<index])
        return String(text)
    }

    mutating func advance() {
        if scalars[index] == "\n" {
            place = Place(line: place.line + 1, column: 1)
        } else {
            place = Place(line: place.line, column: place.column + 1)
        }
        index += 1
    }
}
