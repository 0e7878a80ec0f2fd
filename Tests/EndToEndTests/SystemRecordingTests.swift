import Foundation
import Testing

/// The recordings of the system tier (scripts/test-system): sessions that a Debian guest played
/// through a kernel sound card with no sound server (snd-aloop's `hw:Loopback,0,0`, driven by
/// the user service), recorded bit for bit at the card's other end. They are judged here, where
/// the cue sounds are; the guest saved each session's `show --json` beside its recording, in
/// the folder `STRETCHCUE_SYSTEM_RESULTS` names. The commands were sent by the guest
/// (scripts/system/guest-checks) as its status showed the moment had come.
@Suite("recorded on a Debian system through a kernel sound card",
       .enabled(if: SystemResults.folder != nil, "needs the recordings scripts/test-system brings back"))
struct SystemRecordings {
    static let rate = 48_000
    static let millisecond = 48

    func load(_ name: String) throws -> (audio: [Float], show: ShowDocument) {
        let folder = try #require(SystemResults.folder)
        let (audio, rate) = try Program.readMono(folder.appendingPathComponent("\(name).wav").path)
        try #require(rate == Self.rate)
        let show = try JSONDecoder().decode(ShowDocument.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        return (audio, show)
    }

    /// The frame of the first cue of `kind` in an exercise (from 1), as scheduled.
    func scheduled(_ kind: String, of exercise: Int, in show: ShowDocument) throws -> Int {
        try #require(show.cues.first { $0.kind == kind && $0.exercise == exercise }).frame
    }

    @Test func everyCueSitsAtTheSpacingShowGivesWithinOneMillisecond() throws {
        let (audio, show) = try load("spacing")
        let found = try CueFinder(rate: Self.rate).locate(show.cues, in: audio)
        try #require(found.count == show.cues.count)
        var worst = 0
        for i in 1..<found.count {
            let measured = found[i] - found[i - 1]
            let scheduled = show.cues[i].frame - show.cues[i - 1].frame
            #expect(abs(measured - scheduled) <= Self.millisecond,
                    "cue \(i) (\(show.cues[i].kind)): \(measured - scheduled) frames off")
            worst = max(worst, abs(measured - scheduled))
        }
        // scripts/test-system prints this line with the guest's figures.
        print("FIGURE: \(found.count) cues played to hw:Loopback,0,0, each at most \(worst) frames from the spacing show --json gives")
    }

    /// One's transition paused and resumed, Two's skipped with `next`, Three's breathing changed
    /// from 2-2 to 3-3 in its hold: each heard where it should be, to the millisecond, since on
    /// a sound card the queued sound is taken back by rewinding it.
    @Test func pauseResumeNextAndTempoOnTheHardwarePath() throws {
        let (audio, show) = try load("controls")
        let finder = try CueFinder(rate: Self.rate)
        let kinds = ["exercise", "hold-start", "hold-end", "inhale", "exhale", "end", "pause", "resume"]
        let heard = Onsets.find(in: audio, quiet: 4_800).map { finder.identify(near: $0, in: audio, among: kinds) }
        let sequence = heard.map(\.kind)
        try #require(Array(sequence.prefix(7)) == ["exercise", "pause", "resume", "hold-start", "hold-end", "exercise", "exercise"],
                     "heard \(sequence)")
        let at = heard.map(\.frame)
        let ms = Self.millisecond

        // Paused: One's transition is longer by the pause and the lead-in after it, exactly.
        let transition = try scheduled("hold-start", of: 1, in: show) - scheduled("exercise", of: 1, in: show)
        let leadIn = Self.rate * 3 / 2
        #expect(abs((at[3] - at[0]) - (transition + (at[2] - at[1]) + leadIn)) <= ms,
                "One's transition: \(at[3] - at[0]) frames, paused for \(at[2] - at[1])")
        #expect(abs((at[4] - at[3]) - (try scheduled("hold-end", of: 1, in: show) - scheduled("hold-start", of: 1, in: show))) <= ms)
        #expect(abs((at[5] - at[4]) - (try scheduled("exercise", of: 2, in: show) - scheduled("hold-end", of: 1, in: show))) <= ms)

        // Skipped: Three's chime came when asked, well before Two's 20 s transition was over,
        // and Three goes on from its own beginning.
        #expect(at[6] - at[5] < 10 * Self.rate, "Three's chime \(Double(at[6] - at[5]) / Double(Self.rate)) s after Two's")
        try #require(sequence.count > 8)
        let threeTransition = try scheduled("hold-start", of: 3, in: show) - scheduled("exercise", of: 3, in: show)
        #expect(abs((at[7] - at[6]) - threeTransition) <= ms)

        // Retimed: breath cues 2 s apart, then 3 s apart, each to the millisecond; the hold
        // keeps its length.
        let holdEnd = try #require(sequence.indices.dropFirst(8).first { sequence[$0] == "hold-end" }, "heard \(sequence)")
        let breaths = Array(at[7..<holdEnd])
        let gaps = zip(breaths.dropFirst(), breaths).map { $0 - $1 }
        let seconds = gaps.map { gap in [2, 3].first { abs(gap - $0 * Self.rate) <= ms } }
        #expect(!seconds.contains(nil), "breath gaps \(gaps) frames")
        let tempo = seconds.compactMap { $0 }
        #expect(tempo.first == 2 && tempo.last == 3 && tempo == tempo.sorted(), "breath gaps \(gaps) frames")
        #expect(abs((at[holdEnd] - at[7]) - (try scheduled("hold-end", of: 3, in: show) - scheduled("hold-start", of: 3, in: show))) <= ms)
    }
}

/// Where scripts/test-system put what the guest brought back.
enum SystemResults {
    static var folder: URL? {
        ProcessInfo.processInfo.environment["STRETCHCUE_SYSTEM_RESULTS"].map { URL(fileURLWithPath: $0) }
    }
}
