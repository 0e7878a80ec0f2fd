/// Parses plain decimal numbers ("5", "5.5", ".25") exactly, as a fraction, with at most
/// three decimal places: the precision a person types, and enough for any audio frame.
enum DecimalText {
    static func parse(_ text: Substring) -> Seconds? {
        guard !text.isEmpty, text.count <= 12 else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty || !whole.isEmpty else { return nil }
        guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              !(whole.isEmpty && fraction.isEmpty), fraction.count <= 3 else { return nil }
        let wholeValue = whole.isEmpty ? 0 : Int64(whole)!
        var scale: Int64 = 1
        for _ in fraction { scale *= 10 }
        let fractionValue = fraction.isEmpty ? 0 : Int64(fraction)!
        return Seconds(wholeValue * scale + fractionValue, over: scale)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
