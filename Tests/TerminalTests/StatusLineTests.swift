import Control
import Terminal
import Testing

@Suite("the status line")
struct StatusLineTests {
    static func playing(name: String = "Supine twist") -> SessionStatus {
        var status = SessionStatus(state: .playing)
        status.exercise = 2
        status.exercises = 13
        status.name = name
        status.side = "left"
        status.phase = "hold"
        status.secondsLeft = 21.4
        status.breath = "inhale"
        status.elapsed = 34
        status.total = 965
        status.tempo = "6/min"
        return status
    }

    @Test func thePartsAreJoinedOnceEach() {
        let line = StatusLine.text(Self.playing(), width: 200)
        #expect(line == "playing · 2/13 Supine twist · left · hold 22 s · inhale · [#...................] 00:34/16:05 · 6/min")
        #expect(!line.contains("  "), "no double space after the bar")
    }

    @Test(arguments: [100, 79, 60, 39, 20, 10])
    func partsGoTheLeastUsefulFirst(width: Int) {
        let line = StatusLine.text(Self.playing(), width: width)
        #expect(DisplayWidth.of(line) <= width)
        #expect(line.hasPrefix("playing"))
        #expect(!line.contains("  ") && !line.hasSuffix(" ") && !line.contains("· ·"), "\(line)")
    }

    /// A name in Japanese takes two columns a character: the line is measured as the terminal
    /// shows it, and cut between characters.
    @Test(arguments: [79, 39, 20])
    func wideCharactersCountTwice(width: Int) {
        let line = StatusLine.text(Self.playing(name: "仰向けでのツイストと呼吸のストレッチ"), width: width)
        #expect(DisplayWidth.of(line) <= width, "\(line): \(DisplayWidth.of(line)) columns")
    }

    /// A status line 99 columns wide, once the terminal is 40: three rows, the cursor on the last.
    @Test(arguments: [(99, 100, "\r\u{1B}[K"), (99, 40, "\u{1B}[2A\r\u{1B}[J"), (80, 40, "\u{1B}[1A\r\u{1B}[J"),
                      (40, 40, "\r\u{1B}[K"), (39, 120, "\r\u{1B}[K"), (0, 40, "\r\u{1B}[K")])
    func aLineTheTerminalWrappedAnewIsClearedWhole(drawn: Int, columns: Int, erase: String) {
        #expect(StatusLine.erase(drawn: drawn, columns: columns) == erase)
    }

    /// `ctl status` while a session is made ready says which and how far, not an empty phase.
    @Test func aSessionBeingPreparedIsDescribedByHowFarItIs() {
        var status = SessionStatus(state: .preparing)
        #expect(StatusLine.describe(status) == "getting the session ready")
        status.routine = "Long"
        status.exercises = 200
        #expect(StatusLine.describe(status) == "getting Long ready (200 exercises)")
        status.prepared = 0.456
        #expect(StatusLine.describe(status) == "getting Long ready (200 exercises): 45% done")
        status.exercises = 1
        status.prepared = 1.5
        #expect(StatusLine.describe(status) == "getting Long ready (1 exercise): 100% done")
    }
}
