/// Parses plain decimal numbers ("5", "5.5", ".25") exactly, as a fraction, with at most
/// three decimal places: the precision a person types, and enough for any audio frame.
enum DecimalText {
    static func parse(_ text: Substring) -> Seconds? {
        try? read(text).get()
    }

    /// The number, or why it is not one a routine takes.
    static func read(_ text: Substring) -> Result<Seconds, DurationText.Problem> {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !text.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              !(whole.isEmpty && fraction.isEmpty) else { return .failure(.unreadable) }
        guard fraction.count <= 3 else { return .failure(.tooPrecise) }
        guard whole.count <= 9 else { return .failure(.tooLarge) }
        let wholeValue = whole.isEmpty ? 0 : Int64(whole)!
        var scale: Int64 = 1
        for _ in fraction { scale *= 10 }
        let fractionValue = fraction.isEmpty ? 0 : Int64(fraction)!
        return .success(Seconds(wholeValue * scale + fractionValue, over: scale))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
