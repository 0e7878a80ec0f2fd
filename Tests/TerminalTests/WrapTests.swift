import Terminal
import Testing

@Suite("text broken into rows where a person would break it")
struct WrapTests {
    func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    @Test func wordsFillEachRowAndLaterRowsAreIndented() {
        let rows = Wrap.rows(words("Lower back: 13 exercises, 16:05 (fitted; as written 20:10)"), indent: 2, width: 24)
        #expect(rows == ["Lower back: 13", "  exercises, 16:05", "  (fitted; as written", "  20:10)"])
    }

    @Test func aUnitThatFitsARowOfItsOwnIsNotBroken() {
        let rows = Wrap.rows(["space pause/resume", "n or → next exercise", "p or ← previous (or restart)"],
                             separator: " · ", lead: "keys: ", indent: 6, width: 40)
        #expect(rows == ["keys: space pause/resume", "      n or → next exercise", "      p or ← previous (or restart)"])
    }

    @Test func aUnitTooLongForARowIsBrokenAtItsSpacesFromWhereItWouldGo() {
        let rows = Wrap.rows(["2/13", "Sitting rotational stretch with a ball"], separator: "  ", lead: "00:46  ", indent: 7, width: 32)
        #expect(rows == ["00:46  2/13  Sitting rotational", "       stretch with a ball"])
    }

    @Test func onlyAWordLongerThanARowIsCut() {
        #expect(Wrap.rows(["a", "Supercalifragilistic"], indent: 2, width: 10) == ["a Supercal", "  ifragili", "  stic"])
        #expect(Wrap.rows(["猫のポーズ"], indent: 0, width: 5) == ["猫の", "ポー", "ズ"])
    }

    /// Whatever the width, every row fits it, in display columns, and nothing is lost.
    @Test(arguments: 1...50)
    func everyRowFitsAndEveryWordIsKept(width: Int) {
        let units = ["00:46", "2/13", "Sitting rotational stretch", "left 2/3", "\"Lie on your back, knees bent; let them fall to one side.\" (3.4 s)", "猫のポーズ"]
        let rows = Wrap.rows(units, separator: "  ", indent: 7, width: width)
        // A wide character is cut whole, even onto a row of one column.
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= max(width, 2) }, "\(rows)")
        let kept = rows.joined().filter { !$0.isWhitespace }
        #expect(kept == units.joined().filter { !$0.isWhitespace }, "\(rows)")
    }

    @Test func nothingToLayOutIsTheLeadAlone() {
        #expect(Wrap.rows([], lead: "keys: ", indent: 6, width: 40) == ["keys: "])
        #expect(Wrap.rows(["", "a"], indent: 0, width: 40) == ["a"])
    }
}
