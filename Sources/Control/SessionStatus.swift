/// Where the person's session is, as `ctl status` prints it, the status line shows it and any
/// front end reads it. On the wire the field names are snake_case; a field without a value is
/// left out (an idle player sends only its state).
public struct SessionStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// A waiting `serve` with no session.
        case idle
        /// A session is being made ready: its voice spoken, its sounds converted, its device opened.
        case preparing
        case playing
        case paused
        /// The sound device is gone; the session stands still until it is back.
        case waitingForDevice = "waiting-for-device"
        case finished
    }

    public var state: State
    /// The routine's name.
    public var routine: String?
    /// From 1; absent before the first exercise and after the last.
    public var exercise: Int?
    public var exercises: Int?
    /// The exercise's name.
    public var name: String?
    public var side: String?
    public var position: String?
    /// lead-in, get-ready, hold, switch, rest, gap or finished.
    public var phase: String?
    /// inhale, breath-hold or exhale (the breath cue's kind), inside a hold with breath cues.
    public var breath: String?
    /// Seconds until the current phase ends, to a tenth.
    public var secondsLeft: Double?
    /// Seconds of the session heard so far, and its whole length.
    public var elapsed: Double?
    public var total: Double?
    /// The breathing pattern in force.
    public var tempo: String?
    /// The sound device the session plays on.
    public var device: String?
    /// How far ahead of the listener the player has queued sound.
    public var deviceDelayMs: Int?
    /// While preparing: how much of the preparation is done, from 0 to 1.
    public var prepared: Double?

    public init(state: State) {
        self.state = state
    }

    public static let idle = SessionStatus(state: .idle)

    public var isPaused: Bool { state == .paused }

    private enum CodingKeys: String, CodingKey {
        case state, routine, exercise, exercises, name, side, position, phase, breath, elapsed, total, tempo, device, prepared
        case secondsLeft = "seconds_left"
        case deviceDelayMs = "device_delay_ms"
    }

    /// The status as one line of JSON (what `ctl status --json` prints).
    public var json: String { WireFormat.line(self) }
}
