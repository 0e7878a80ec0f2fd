import Terminal
import Testing

@Suite("how many columns text takes on a terminal")
struct DisplayWidthTests {
    @Test(arguments: [("Supine twist", 12), ("Étirement", 9), ("n/→ next", 8), ("·", 1),
                      ("ねじり", 6), ("猫のポーズ", 10), ("고양이 자세", 11), ("ＡＢ", 4), ("🧘 yoga", 7),
                      ("e\u{301}", 1), ("a\u{200B}b", 2), ("\u{1B}[K", 2), ("", 0)])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    /// Whole characters only: a wide one that would straddle the edge stays out.
    @Test(arguments: [("猫のポーズ", 5, "猫の"), ("猫のポーズ", 4, "猫の"), ("Supine", 3, "Sup"), ("é\u{301}x", 1, "é\u{301}"),
                      ("ab", 0, "")])
    func prefix(text: String, columns: Int, expected: String) {
        #expect(DisplayWidth.prefix(text, columns: columns) == expected)
    }
}
