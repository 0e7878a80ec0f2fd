/// Which session frame each frame sent to the device carries: playback runs through the
/// session, stands still while paused, or waits out a short lead-in after a resume. The audio
/// thread needs it to pick up at the right place after taking back queued audio, and to tell
/// which session frame the listener hears. Fixed storage: nothing allocates after creation.
struct SessionMap: ~Copyable {
    enum Mode: Equatable {
        case playing
        case paused
        /// Silent until this stream frame, then playing on from the same session frame.
        case leadIn(until: Int)
    }

    struct Segment {
        var stream: Int
        var session: Int
        var mode: Mode
    }

    struct Location {
        var session: Int
        var mode: Mode
        /// Where the next recorded segment starts, if any.
        var segmentEnd: Int
    }

    private let segments: UnsafeMutablePointer<Segment>
    private let capacity = 32
    private var first = 0
    private var count = 0

    init(session: Int, mode: Mode) {
        segments = .allocate(capacity: capacity)
        segments.initialize(repeating: Segment(stream: 0, session: session, mode: mode), count: capacity)
        count = 1
    }

    deinit {
        segments.deallocate()
    }

    private func segment(_ index: Int) -> Segment {
        segments[(first + index) % capacity]
    }

    /// From `stream` on, frames carry `session` onwards in `mode`; later segments are forgotten.
    mutating func begin(at stream: Int, session: Int, mode: Mode) {
        while count > 1, segment(count - 1).stream >= stream { count -= 1 }
        if count == 1, segment(0).stream >= stream {
            segments[first] = Segment(stream: stream, session: session, mode: mode)
            return
        }
        if count == capacity {
            first = (first + 1) % capacity
            count -= 1
        }
        segments[(first + count) % capacity] = Segment(stream: stream, session: session, mode: mode)
        count += 1
    }

    func locate(_ stream: Int) -> Location {
        var index = count - 1
        while index > 0, segment(index).stream > stream { index -= 1 }
        let found = segment(index)
        let end = index + 1 < count ? segment(index + 1).stream : Int.max
        let offset = max(0, stream - found.stream)
        switch found.mode {
        case .playing:
            return Location(session: found.session + offset, mode: .playing, segmentEnd: end)
        case .paused:
            return Location(session: found.session, mode: .paused, segmentEnd: end)
        case .leadIn(let until):
            if stream >= until {
                return Location(session: found.session + stream - until, mode: .playing, segmentEnd: end)
            }
            return Location(session: found.session, mode: found.mode, segmentEnd: end)
        }
    }
}
