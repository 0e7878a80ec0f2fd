import ALSA
import Mixer
import Player
import Routine
import Timeline

/// Sessions at 1 kHz, so a frame lasts a millisecond, with sounds that tell what is heard.
enum Fixture {
    static let rate = 1_000

    /// Heard level of each pause-chime frame, over silence.
    static let pauseLevel: Float = 0.25
    /// Heard level of each resume-chime frame, on top of whatever else sounds.
    static let resumeLevel: Float = 0.5
    static let pauseChime = [Float](repeating: 2 * pauseLevel, count: 200)
    static let resumeChime = [Float](repeating: 2 * resumeLevel, count: 300)

    /// Two exercises, with no lead-in: a at 0 (hold 3 s to 11 s), b at 12 s (hold 15 s to
    /// 23 s), the end chime at 24 s, 25 s in all. Each exercise chime is a slow ramp as long as
    /// the session, so every frame of those 25 s sounds different from every other (the sum of
    /// two ramps after b's chime still rises), all of them far below the chimes' levels. (b's
    /// ramp rings on for 12 s after that.)
    static func tracked(breath: BreathPattern = .off) throws -> Mixer {
        let routine = Routine(name: "tracked", leadIn: .zero, outro: Seconds(1), exercises: ["a", "b"].map {
            Exercise(name: $0, instruction: "i", hold: .time(Seconds(8)), transition: Seconds(3), gap: Seconds(1), breath: breath)
        })
        let timeline = try Timeline(routine: routine, settings: Settings(sampleRate: rate))
        let ramp = (0..<timeline.durationFrames).map { Float($0 + 1) / 262_144 }
        let bank = CueBank(sampleRate: rate, sounds: [
            .exercise: ramp, .pause: pauseChime, .resume: resumeChime,
            .inhale: [Float](repeating: 0.4, count: 100), .exhale: [Float](repeating: 0.2, count: 100),
        ])
        return Mixer(timeline: timeline, bank: bank)
    }

    /// What `mixer` gives for `count` frames from `start`, one channel.
    static func render(_ mixer: Mixer, from start: Int, count: Int) -> [Float] {
        var buffer = [Float](repeating: 0, count: count)
        buffer.withUnsafeMutableBufferPointer { mixer.render(from: start, into: $0, channels: 1) }
        return buffer
    }
}

/// What a listener heard from a `Fixture.tracked` session: the session frames in order, with
/// the stretches of silence between them, and where each chime sounded on top.
struct Transcript: Equatable, CustomStringConvertible {
    enum Part: Equatable, CustomStringConvertible {
        case session(Range<Int>)
        case silence(Int)
        /// Frames that are neither: faded, or garbled.
        case other(Int)

        var description: String {
            switch self {
            case .session(let range): "session \(range.lowerBound)..<\(range.upperBound)"
            case .silence(let count): "silence \(count)"
            case .other(let count): "other \(count)"
            }
        }
    }

    struct Chime: Equatable, CustomStringConvertible {
        var kind: CueKind
        /// The index of its first frame among the frames heard.
        var at: Int
        var length: Int

        var description: String { "\(kind.rawValue) at \(at) for \(length)" }
    }

    var parts: [Part] = []
    var chimes: [Chime] = []

    var description: String { "parts \(parts), chimes \(chimes)" }

    init(parts: [Part], chimes: [Chime] = []) {
        self.parts = parts
        self.chimes = chimes
    }

    /// Reads `heard` against every frame of `mixer`'s session, which must all differ.
    init(_ heard: [Float], mixer: Mixer) {
        let session = Fixture.render(mixer, from: 0, count: mixer.timeline.durationFrames)
        let frames = Dictionary(session.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, _ in
            preconditionFailure("two session frames sound the same")
        })
        for (index, value) in heard.enumerated() {
            var rest = value
            var chime: CueKind?
            if value >= Fixture.resumeLevel {
                chime = .resume
                rest -= Fixture.resumeLevel
            } else if value >= Fixture.pauseLevel {
                chime = .pause
                rest -= Fixture.pauseLevel
            }
            if let chime {
                if let last = chimes.last, last.kind == chime, last.at + last.length == index {
                    chimes[chimes.count - 1].length += 1
                } else {
                    chimes.append(Chime(kind: chime, at: index, length: 1))
                }
            }
            let part: Part = if rest == 0 {
                .silence(1)
            } else if let frame = frames[rest] {
                .session(frame..<(frame + 1))
            } else {
                .other(1)
            }
            switch (parts.last, part) {
            case (.session(let run), .session(let next)) where run.upperBound == next.lowerBound:
                parts[parts.count - 1] = .session(run.lowerBound..<next.upperBound)
            case (.silence(let count), .silence):
                parts[parts.count - 1] = .silence(count + 1)
            case (.other(let count), .other):
                parts[parts.count - 1] = .other(count + 1)
            default:
                parts.append(part)
            }
        }
    }
}

/// Drives a `PlayerCore` on a simulated device the way the player's thread does, in virtual
/// time: it steps when the core asked to be woken, and at once when a command is sent.
final class Harness {
    final class Log {
        var events: [PlayerCore.Event] = []
    }

    let system: SoundSystem
    let core: PlayerCore
    let mixer: Mixer
    private let log = Log()
    private(set) var next: PlayerCore.Next = .sleep(milliseconds: 0)
    /// Virtual time (ms) at which the core asked to be stepped again.
    private(set) var wake = 0
    /// Every sleep the core asked for, in order.
    private(set) var sleeps: [Int] = []

    init(_ mixer: Mixer, on system: SoundSystem = SoundSystem(), from start: Int = 0, paused: Bool = false) throws(ALSAError) {
        self.system = system
        self.mixer = mixer
        let device = try system.open()
        let clock = system.clock
        core = PlayerCore(device: device, mixer: mixer, from: start, paused: paused, clock: { clock.now },
                          notify: { [log] in log.events.append($0) },
                          opener: { [system] () throws(ALSAError) -> any AudioDevice in try system.open() })
    }

    var events: [PlayerCore.Event] { log.events }
    var now: Int { system.milliseconds }
    var snapshot: PlaybackPosition.Snapshot { core.position.snapshot() }
    var heard: [Float] { system.heard }
    var transcript: Transcript { Transcript(system.heard, mixer: mixer) }
    var isOver: Bool {
        if case .sleep = next { return false }
        return true
    }

    /// One step with these commands, as when the thread wakes for them.
    func step(_ commands: [PlayerCommand] = []) {
        var pending = commands[...]
        next = core.step { pending.popFirst() }
        precondition(pending.isEmpty, "the core takes every command it is given")
        if case .sleep(let milliseconds) = next {
            sleeps.append(milliseconds)
            wake = now + milliseconds
        }
    }

    func send(_ commands: PlayerCommand...) {
        step(commands)
    }

    /// Lets virtual time run to `time`, stepping whenever the core asked to be woken.
    func run(until time: Int) {
        var steps = 0
        while !isOver {
            if now >= wake {
                step()
                steps += 1
                precondition(steps < 100_000, "the core keeps asking to be woken at once")
                continue
            }
            if now >= time { return }
            system.advance(milliseconds: min(wake, time) - now)
        }
    }

    func run(for milliseconds: Int) {
        run(until: now + milliseconds)
    }

    /// Runs until the session is over; returns how it ended.
    @discardableResult
    func runToEnd(within milliseconds: Int = 600_000) -> PlayerCore.Next {
        run(until: now + milliseconds)
        return next
    }

    /// Lets time pass up to the moment the core asked to be woken, without waking it.
    func advanceToWake() {
        system.advance(milliseconds: max(0, wake - now))
    }
}
