import Foundation
import History

/// Sessions killed before they could record themselves, found in the saved places at the start
/// of the next session and recorded as stopped, once.
public enum UnrecordedSessions {
    /// Records each session a saved place says was playing whose process is gone (`playing`
    /// tells), unless the history already has it (a kill between appending its record and
    /// clearing its mark), then clears the mark; returns those it recorded. A session still
    /// playing (another `play`, or `serve`) is left alone.
    public static func record(places: any PlaceStore, history: any HistoryStore,
                              playing: (PlayerProcess) -> Bool) throws(Failure) -> [SessionRecord] {
        var recorded: [SessionRecord] = []
        for place in try places.load().places {
            guard let session = place.unrecorded, !(session.player.map(playing) ?? false) else { continue }
            let record = session.record(path: place.routine, ended: place.savedAt)
            if try history.recordOnce(record) { recorded.append(record) }
            var cleared = place
            cleared.unrecorded = nil
            try places.update(cleared)
        }
        return recorded
    }
}
