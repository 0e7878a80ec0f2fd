import Mixer
import Routine
import Testing
import Timeline

@Suite("mixing cues into buffers")
struct MixerTests {
    static let rate = 1_000

    /// A timeline whose cues sit at known frames: exercise at 2000, hold-start at 3000, hold-end
    /// at 5000, end at 6000 (1 kHz, no breath cues).
    static func timeline(transition: Int64 = 1, breath: BreathPattern = .off) throws -> Timeline {
        let routine = Routine(name: "r", leadIn: Seconds(2), outro: Seconds(1), exercises: [
            Exercise(name: "a", instruction: "i", hold: .time(Seconds(2)), transition: Seconds(transition), gap: Seconds(1), breath: breath),
        ])
        return try Timeline(routine: routine, settings: Settings(sampleRate: rate))
    }

    static func bank(_ sounds: [CueKind: [Float]]) -> CueBank {
        CueBank(sampleRate: rate, sounds: sounds)
    }

    func render(_ mixer: Mixer, from start: Int, frames: Int, channels: Int = 1) -> [Float] {
        var buffer = [Float](repeating: 7, count: frames * channels)
        buffer.withUnsafeMutableBufferPointer { mixer.render(from: start, into: $0, channels: channels) }
        return buffer
    }

    @Test func cueStartsOnItsFrame() throws {
        let mixer = Mixer(timeline: try Self.timeline(), bank: Self.bank([.holdStart: [1, 0.5, 0.25]]), volumeDecibels: 0)
        let out = render(mixer, from: 2_998, frames: 6)
        let h = Mixer.headroom
        #expect(out == [0, 0, 1 * h, 0.5 * h, 0.25 * h, 0])
    }

    @Test func chunksOfAnySizeGiveTheSameSignal() throws {
        let ramp = (0..<700).map { Float($0) / 1000 }
        let mixer = Mixer(timeline: try Self.timeline(), bank: Self.bank([.exercise: ramp, .holdStart: ramp, .holdEnd: ramp, .end: ramp]))
        let whole = render(mixer, from: 0, frames: 8_000)
        var pieces: [Float] = []
        var start = 0
        for size in [1, 7, 333, 1_000, 2, 999, 4_096] + Array(repeating: 1, count: 8_000) where start < 8_000 {
            let count = min(size, 8_000 - start)
            pieces += render(mixer, from: start, frames: count)
            start += count
        }
        #expect(pieces == whole)
    }

    @Test func overlappingCuesAreSummed() throws {
        // Zero transition: exercise and hold-start share frame 2000.
        let mixer = Mixer(timeline: try Self.timeline(transition: 0), bank: Self.bank([.exercise: [0.2, 0.2], .holdStart: [0.1, 0.1]]))
        let out = render(mixer, from: 2_000, frames: 3)
        #expect(out == [0.3 * Mixer.headroom, 0.3 * Mixer.headroom, 0].map { Float($0) })
    }

    @Test func stereoCarriesTheSameSignalOnBothChannels() throws {
        let mixer = Mixer(timeline: try Self.timeline(), bank: Self.bank([.holdStart: [1, -1]]))
        let out = render(mixer, from: 3_000, frames: 3, channels: 2)
        let h = Mixer.headroom
        #expect(out == [h, h, -h, -h, 0, 0])
    }

    @Test func breathCuesPlayQuieter() throws {
        let mixer = Mixer(timeline: try Self.timeline(breath: try BreathPattern(parsing: "1-1")),
                          bank: Self.bank([.inhale: [1], .exhale: [1]]))
        let out = render(mixer, from: 3_000, frames: 1_001)
        #expect(out[0] == CueBank.breathGain * Mixer.headroom)
        #expect(out[1_000] == CueBank.breathGain * Mixer.headroom, "the exhale a second later")
    }

    @Test func volumeAndClamp() throws {
        let quiet = Mixer(timeline: try Self.timeline(), bank: Self.bank([.holdStart: [1]]), volumeDecibels: -6.0206)
        #expect(abs(render(quiet, from: 3_000, frames: 1)[0] - Mixer.headroom / 2) < 1e-4)
        let loud = Mixer(timeline: try Self.timeline(transition: 0), bank: Self.bank([.exercise: [1.5], .holdStart: [1.5]]), volumeDecibels: 6)
        #expect(render(loud, from: 2_000, frames: 1)[0] == 1, "held at full scale, never past it")
    }

    @Test func pastTheEndIsSilence() throws {
        let mixer = Mixer(timeline: try Self.timeline(), bank: Self.bank([.end: Array(repeating: 0.5, count: 2_500)]))
        #expect(mixer.endFrame == 6_000 + 2_500, "a sound ringing past the outro extends the session")
        #expect(render(mixer, from: 9_000, frames: 100).allSatisfy { $0 == 0 })
        #expect(render(mixer, from: 8_499, frames: 2) == [0.5 * Mixer.headroom, 0])
    }

    @Test func speechSoundsAtItsFrameAndIsFoundWhileItLasts() throws {
        // One exercise, speech 0.8 s after its chime: frame 2800 at 1 kHz.
        let routine = Routine(name: "r", leadIn: Seconds(2), outro: Seconds(1), exercises: [
            Exercise(name: "a", instruction: "i", hold: .time(Seconds(2)), transition: Seconds(1), gap: Seconds(1), breath: .off),
        ])
        let timeline = try Timeline(routine: routine, settings: Settings(sampleRate: Self.rate, voice: Voice(lengths: [:])))
        let speech = timeline.cues.first { $0.kind == .speech }!
        #expect(speech.frame == 2_800)
        // A clip far longer than any chime: a buffer starting deep inside it still hears it.
        let clips = timeline.lines.indices.map { $0 == speech.line ? [Int16](repeating: 16_384, count: 5_000) : [] }
        let mixer = Mixer(timeline: timeline, bank: CueBank(sampleRate: Self.rate, sounds: [.exercise: [1]], speech: clips))
        let level = 0.5 * CueBank.speechGain * Mixer.headroom
        #expect(render(mixer, from: 2_799, frames: 2) == [0, level])
        #expect(render(mixer, from: 7_000, frames: 1) == [level], "4200 frames into the clip")
        #expect(render(mixer, from: 7_799, frames: 2) == [level, 0], "the clip's last frame, then quiet")
    }

    /// Lines kept by the test, which notes each line it is told may go.
    final class NotedLines: SpokenLines, @unchecked Sendable {
        let held: HeldLines
        private(set) var released: [Int] = []

        init(_ lines: [[Int16]]) { held = HeldLines(lines) }
        var count: Int { held.count }
        func samples(_ index: Int) -> UnsafeBufferPointer<Int16> { held.samples(index) }
        func release(_ index: Int) { released.append(index) }
    }

    @Test func aLineIsLetGoOnceItsLastFrameIsMixedAndNotBefore() throws {
        let routine = Routine(name: "r", leadIn: Seconds(2), outro: Seconds(1), exercises: [
            Exercise(name: "a", instruction: "i", hold: .time(Seconds(2)), transition: Seconds(1), gap: Seconds(1), breath: .off),
        ])
        let timeline = try Timeline(routine: routine, settings: Settings(sampleRate: Self.rate, voice: Voice(lengths: [:])))
        let speech = try #require(timeline.cues.first { $0.kind == .speech })
        let line = try #require(speech.line)
        let clips = timeline.lines.indices.map { $0 == line ? [Int16](repeating: 1, count: 500) : [] }
        let lines = NotedLines(clips)
        let bank = CueBank(sampleRate: Self.rate, sounds: [.exercise: [1]], lines: lines)
        #expect(lines.released == timeline.lines.indices.map { $0 }, "each read once for its envelope, then let go")
        let mixer = Mixer(timeline: timeline, bank: bank)
        let before = lines.released.count
        // The line sounds over frames 2800..<3300.
        mixer.mixed(through: 0..<3_299)
        #expect(lines.released.count == before, "its last frame is still to mix")
        mixer.mixed(through: 3_299..<3_300)
        #expect(Array(lines.released.dropFirst(before)) == [line])
        mixer.mixed(through: 3_300..<10_000)
        #expect(lines.released.count == before + 1, "once")
    }

    @Test func thePeakBoundAddsWhatSoundsAtOnceAndNeverUndercounts() throws {
        // Two cues 100 frames apart, each a 3000-frame sound at 0.5: they overlap.
        let routine = Routine(name: "r", leadIn: Seconds(1), outro: Seconds(1), exercises: [
            Exercise(name: "a", instruction: "i", hold: .time(Seconds(1, over: 10)), transition: Seconds(1, over: 10),
                     gap: Seconds(1), breath: .off),
        ])
        let timeline = try Timeline(routine: routine, settings: Settings(sampleRate: Self.rate))
        let loud = [Float](repeating: 0.5, count: 3_000)
        let bank = CueBank(sampleRate: Self.rate, sounds: [.exercise: loud, .holdStart: loud, .holdEnd: loud, .end: loud])
        let bound = Mixer.peakBound(timeline: timeline, bank: bank)
        // Under the limiter: what is heard is the plain sum.
        let mixer = Mixer(timeline: timeline, bank: bank, gain: 0.25)
        let heard = render(mixer, from: 0, frames: mixer.endFrame).map(abs).max() ?? 0
        #expect(mixer.peakBound >= heard, "a bound, never under what sounds")
        #expect(bound == 2, "exercise, hold-start, hold-end and end all ring at once, at 0.5 each")
        #expect(heard == 0.5, "and they do: 4 x 0.5 x 0.25")
        let volume = Mixer.loudestVolume(timeline: timeline, bank: bank)
        let atMost = Mixer(timeline: timeline, bank: bank, volumeDecibels: volume)
        #expect(atMost.peakBound <= 1.0001)
        let lossy = Mixer.loudestVolume(timeline: timeline, bank: bank, margin: 1)
        #expect(abs(volume - lossy - 1) < 1e-9, "a margin comes off the loudest volume")
        #expect(Mixer(timeline: timeline, bank: bank, volumeDecibels: lossy).peakBound <= 0.892)
    }
}
