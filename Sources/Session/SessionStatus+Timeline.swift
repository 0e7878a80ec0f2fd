import Control
import Player
import Timeline

extension SessionStatus {
    /// The status at `frame` of a timeline, with the player's state from `snapshot`.
    public init(timeline: Timeline, frame: Int, snapshot: PlaybackPosition.Snapshot, paused: Bool, tempo: String?,
                device: String) {
        let progress = timeline.progress(at: frame)
        let rate = Double(timeline.sampleRate)
        func seconds(_ frames: Int) -> Double { (Double(frames) / rate * 10).rounded() / 10 }
        self.init(state: snapshot.finished ? .finished : snapshot.waiting ? .waitingForDevice : paused ? .paused : .playing)
        routine = timeline.routine.name
        exercise = progress.exercise.map { $0 + 1 }
        exercises = timeline.routine.exercises.count
        name = progress.exercise.map { timeline.routine.exercises[$0].name }
        side = progress.side
        position = progress.position
        phase = snapshot.finished ? Progress.Phase.finished.rawValue : progress.phase.rawValue
        breath = progress.breath?.rawValue
        secondsLeft = seconds(progress.framesLeft)
        elapsed = seconds(min(frame, timeline.durationFrames))
        total = seconds(timeline.durationFrames)
        self.tempo = tempo
        self.device = device
        deviceDelayMs = snapshot.delay * 1000 / timeline.sampleRate
    }
}
