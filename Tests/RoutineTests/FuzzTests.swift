import Foundation
import Routine
import StrictYAML
import Testing

/// A small deterministic generator, so that a failing input can be found again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("odd and hostile input never crashes the loader")
struct FuzzTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("routines/lower-back.yaml")

    static let fragments = [
        "hold: ", "breaths", "sides: [", "]", "{", "}", ": ", "- ", "\n", "  ", "&a ", "*a", "!!binary ", "1e309",
        "-", "0", "99999999999999999999", "inhale", "exhale", "positions:\n  - name: x\n    hold: 1s\n", "\t", "'", "\"",
        "repetitions: 100", "breath: 0.001/min", "breath: 30-30-30-30", "transition: 10m", "\u{0}", "é", "💥",
    ]

    /// Every mutation of a real routine either loads or gives a positioned error.
    @Test func mutatedRoutinesLoadOrFailCleanly() throws {
        let original = Array(try String(contentsOf: FuzzTests.seed, encoding: .utf8))
        var random = SplitMix(state: 20_261_124)
        let decoder = RoutineDecoder(file: "fuzz.yaml")
        var loaded = 0, refused = 0
        let start = ContinuousClock.now
        for _ in 0..<1_500 {
            var text = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0...text.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: text.insert(contentsOf: FuzzTests.fragments.randomElement(using: &random)!, at: at)
                case 1: text.removeSubrange(at..<min(text.count, at + Int.random(in: 1...20, using: &random)))
                default:
                    if at < text.count { text[at] = Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &random))) }
                }
            }
            do {
                let routine = try decoder.decode(String(text))
                #expect(!routine.exercises.isEmpty)
                loaded += 1
            } catch {
                #expect(error.line >= 1 && error.column >= 1)
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        #expect(loaded + refused == 1_500)
        #expect(refused > 100, "mutations do break routines")
        #expect(ContinuousClock.now - start < .seconds(60))
    }

    @Test func randomTextNeverCrashesThePatternParser() {
        var random = SplitMix(state: 7)
        let alphabet = Array("0123456789-./minoffbxcherlatv ")
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            do {
                let pattern = try BreathPattern(parsing: text)
                #expect(pattern.isOff || pattern.steps.allSatisfy { BreathPattern.phaseRange.contains($0.length) })
            } catch {
                #expect(error.description.contains("'\(text)'"))
            }
        }
    }
}
