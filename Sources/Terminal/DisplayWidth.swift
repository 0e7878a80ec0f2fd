/// How many columns of a terminal text takes: East Asian wide and fullwidth characters (CJK,
/// Hangul, fullwidth forms, most emoji) take two, combining marks and other zero-width
/// characters none, the rest one. Glibc's `wcwidth` says much the same, but only under a UTF-8
/// locale, which a program started by a service or a script cannot count on.
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Control characters move the cursor rather than take a column.
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Hangul vowels and final consonants join the syllable before them.
        if (0x1160...0x11FF).contains(value) { return 0 }
        return wide.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian Wide and Fullwidth, after Markus Kuhn's wcwidth, with the emoji blocks.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3040...0xA4CF, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// The longest start of `text` that takes at most `columns`, whole characters only.
    public static func prefix(_ text: some StringProtocol, columns: Int) -> String {
        var taken = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(String(text[index]))
            guard taken + width <= columns else { break }
            taken += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
