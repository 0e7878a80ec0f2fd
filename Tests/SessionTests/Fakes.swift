import Foundation
import Player
import Routine
import Session
import Timeline

/// A player that does nothing by itself: the test says where it is and reads what was sent.
final class FakePlayback: Playback {
    var timelines: [Timeline]
    var position: PlaybackPosition.Snapshot
    private(set) var commands: [PlayerCommand] = []
    var underruns = 0
    var failure: String?

    func ended() -> String? { failure }
    var accepts = true
    var acceptsRetimes = true

    init(_ timeline: Timeline, at frame: Int = 0) {
        timelines = [timeline]
        position = PlaybackPosition.Snapshot(frame: frame)
    }

    func snapshot() -> PlaybackPosition.Snapshot { position }

    func send(_ command: PlayerCommand) -> Bool {
        guard accepts else { return false }
        commands.append(command)
        return true
    }

    func timeline(generation: Int) -> Timeline { timelines[generation] }

    func retime(to timeline: Timeline, from frame: Int) -> Bool {
        guard acceptsRetimes else { return false }
        timelines.append(timeline)
        commands.append(.retime(timelines.count - 1, from: frame))
        return true
    }

    /// The audio thread carried out everything sent so far, and the listener is at `frame`.
    func caughtUp(at frame: Int? = nil, paused: Bool? = nil, generation: Int? = nil) {
        position.applied = commands.count
        if let frame { position.frame = frame }
        if let paused { position.paused = paused }
        if let generation { position.generation = generation }
    }

    var seeks: [Int] {
        commands.compactMap { if case .seek(let frame) = $0 { frame } else { nil } }
    }
}

/// Saved places in memory.
final class MemoryStore: PlaceStore {
    let location = "/state/stretchcue/progress.json"
    var places = SavedPlaces()
    var saves = 0
    var failure: Failure?

    /// The place of the routine the tests play.
    var saved: SavedPlace? { places.place(for: Sample.place().routine) }

    func load() throws(Failure) -> SavedPlaces { places }

    func checkWritable() throws(Failure) {
        if let failure { throw failure }
    }

    func save(_ place: SavedPlace) throws(Failure) {
        if let failure { throw failure }
        places.keep(place)
        saves += 1
    }

    func update(_ place: SavedPlace) throws(Failure) {
        if let failure { throw failure }
        places.update(place)
    }

    func clear(routine: String?) {
        places.remove(routine: routine)
        cleared?(routine)
    }

    /// Told as a place is cleared.
    var cleared: ((String?) -> Void)?
}

enum Sample {
    static let rate = 48_000

    /// Four exercises of 2 s to get ready, a 10 s hold breathing 5-5 and a 2 s gap: each
    /// starts 14 s after the last, the first at 1 s.
    static func routine(exercises: Int = 4) -> Routine {
        Routine(name: "Sample", leadIn: Seconds(1), outro: Seconds(1), exercises: (1...exercises).map { index in
            Exercise(name: "E\(index)", instruction: "do \(index)", hold: .time(Seconds(10)), transition: Seconds(2),
                     gap: Seconds(2), breath: pattern("5-5"))
        })
    }

    static func timeline(exercises: Int = 4) -> Timeline {
        // A fixed routine that compiles: a failure here is a failure of the test itself.
        try! Timeline(routine: routine(exercises: exercises), settings: Settings(sampleRate: rate))
    }

    static func place(exercise: Int = 0) -> SavedPlace {
        SavedPlace(routine: "/routines/sample.yaml", fingerprint: "abc", exercise: exercise, exerciseName: "E\(exercise &+ 1)",
                   breath: nil, savedAt: Date(timeIntervalSince1970: 0))
    }

    static func seconds(_ value: Double) -> Int { Int(value * Double(rate)) }
}

/// A pattern written in a test, which is valid.
func pattern(_ text: String) -> BreathPattern {
    try! BreathPattern(parsing: text)
}
