import Control
import DBus

/// The MPRIS media player the desktop sees (the `org.mpris.MediaPlayer2` and `.Player`
/// interfaces of the specification), as a pure function of the session's status: what each
/// method asks of the player, what each property says. No D-Bus I/O here.
public struct MediaPlayer2: Sendable {
    public static let busName = "org.mpris.MediaPlayer2.stretchcue"
    public static let objectPath = "/org/mpris/MediaPlayer2"
    public static let rootInterface = "org.mpris.MediaPlayer2"
    public static let playerInterface = "org.mpris.MediaPlayer2.Player"
    public static let propertiesInterface = "org.freedesktop.DBus.Properties"
    public static let introspectableInterface = "org.freedesktop.DBus.Introspectable"

    /// `play` can quit (it ends with its session); `serve` is a service, which systemd stops.
    public let canQuit: Bool
    /// `serve` waiting: Play starts a session of the default routine.
    public let canStart: Bool

    public init(canQuit: Bool, canStart: Bool) {
        self.canQuit = canQuit
        self.canStart = canStart
    }

    // MARK: Methods

    /// What a method call comes to.
    public enum Call: Equatable, Sendable {
        /// A request for the player (taken as a play key: Play on a waiting player starts).
        case request(ControlRequest)
        /// Accepted, with no effect (Raise, Seek: this player can do neither).
        case nothing
        case error(name: String, message: String)
    }

    public func call(interface: String, member: String) -> Call? {
        switch (interface, member) {
        case (MediaPlayer2.rootInterface, "Raise"): return .nothing
        case (MediaPlayer2.rootInterface, "Quit"):
            return canQuit ? .request(.stop) : .error(name: MediaPlayer2.notSupported, message: "a service is stopped by systemd")
        case (MediaPlayer2.playerInterface, "PlayPause"): return .request(.toggle)
        case (MediaPlayer2.playerInterface, "Play"): return .request(.resume)
        case (MediaPlayer2.playerInterface, "Pause"): return .request(.pause)
        case (MediaPlayer2.playerInterface, "Next"): return .request(.next)
        case (MediaPlayer2.playerInterface, "Previous"): return .request(.previous)
        case (MediaPlayer2.playerInterface, "Stop"): return .request(.stop)
        // CanSeek is false: the specification asks for no effect.
        case (MediaPlayer2.playerInterface, "Seek"), (MediaPlayer2.playerInterface, "SetPosition"): return .nothing
        case (MediaPlayer2.playerInterface, "OpenUri"):
            return .error(name: MediaPlayer2.notSupported, message: "sessions are started with stretchcue ctl start")
        default: return nil
        }
    }

    public static let notSupported = "org.mpris.MediaPlayer2.stretchcue.Error.NotSupported"
    public static let failed = "org.freedesktop.DBus.Error.Failed"

    // MARK: Properties

    public func properties(of interface: String, _ status: SessionStatus) -> [Value.Entry]? {
        switch interface {
        case MediaPlayer2.rootInterface: return root
        case MediaPlayer2.playerInterface: return player(status)
        default: return nil
        }
    }

    /// Nothing here changes while the player runs.
    var root: [Value.Entry] {
        [Value.Entry("CanQuit", .boolean(canQuit)),
         Value.Entry("CanRaise", .boolean(false)),
         Value.Entry("HasTrackList", .boolean(false)),
         Value.Entry("Identity", .string("StretchCue")),
         Value.Entry("SupportedUriSchemes", .strings([])),
         Value.Entry("SupportedMimeTypes", .strings([]))]
    }

    func player(_ status: SessionStatus) -> [Value.Entry] {
        changing(status) + [
            Value.Entry("Position", .int64(MediaPlayer2.microseconds(status.elapsed))),
            Value.Entry("Rate", .double(1)),
            Value.Entry("MinimumRate", .double(1)),
            Value.Entry("MaximumRate", .double(1)),
            Value.Entry("Volume", .double(1)),
            Value.Entry("CanSeek", .boolean(false)),
            Value.Entry("CanControl", .boolean(true)),
        ]
    }

    /// The properties a PropertiesChanged signal carries when they change. Position is not
    /// among them: clients ask for it, and are told of jumps by Seeked.
    public func changing(_ status: SessionStatus) -> [Value.Entry] {
        let session = MediaPlayer2.hasSession(status.state)
        return [Value.Entry("PlaybackStatus", .string(MediaPlayer2.playbackStatus(status.state))),
                Value.Entry("Metadata", .dictionary(metadata(status))),
                Value.Entry("CanGoNext", .boolean(session)),
                Value.Entry("CanGoPrevious", .boolean(session)),
                Value.Entry("CanPlay", .boolean(session || (canStart && status.state == .idle))),
                Value.Entry("CanPause", .boolean(session))]
    }

    /// The changing properties that differ between two statuses.
    public func changes(from old: SessionStatus, to new: SessionStatus) -> [Value.Entry] {
        let before = changing(old)
        return changing(new).filter { !before.contains($0) }
    }

    static func playbackStatus(_ state: SessionStatus.State) -> String {
        switch state {
        case .playing: "Playing"
        case .paused, .waitingForDevice: "Paused"
        case .idle, .preparing, .finished: "Stopped"
        }
    }

    static func hasSession(_ state: SessionStatus.State) -> Bool {
        [.playing, .paused, .waitingForDevice].contains(state)
    }

    /// The exercise as the track (its name and side as the title), the routine as the album,
    /// the whole session as the length; nothing while no session is under way.
    func metadata(_ status: SessionStatus) -> [Value.Entry] {
        guard status.state != .idle, let routine = status.routine else { return [] }
        let exercise = status.exercise ?? 0
        var title = status.name ?? routine
        if let side = status.side { title += " (\(side))" }
        var entries = [Value.Entry("mpris:trackid", .objectPath("/org/stretchcue/exercise/\(exercise)")),
                       Value.Entry("xesam:title", .string(title)),
                       Value.Entry("xesam:album", .string(routine))]
        if status.exercise != nil { entries.append(Value.Entry("xesam:trackNumber", .int32(Int32(exercise)))) }
        if let total = status.total { entries.append(Value.Entry("mpris:length", .int64(MediaPlayer2.microseconds(total)))) }
        return entries
    }

    static func microseconds(_ seconds: Double?) -> Int64 {
        Int64(((seconds ?? 0) * 1_000_000).rounded())
    }

    /// Whether the session's position moved other than by playing on (a skip, a restart, the
    /// device coming back a few seconds earlier): `elapsed` seconds later in wall time, from
    /// `old` to `new`. A resume's moment of quiet is within the slack.
    public static func jumped(from old: SessionStatus, to new: SessionStatus, after elapsed: Double) -> Bool {
        guard let before = old.elapsed, let after = new.elapsed, hasSession(new.state) else { return false }
        let expected = before + (old.state == .playing ? elapsed : 0)
        return abs(after - expected) > 2
    }

    // MARK: Introspection

    public static let introspection = """
        <!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
        <node>
         <interface name="org.freedesktop.DBus.Introspectable">
          <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
         </interface>
         <interface name="org.freedesktop.DBus.Peer">
          <method name="Ping"/>
          <method name="GetMachineId"><arg name="id" type="s" direction="out"/></method>
         </interface>
         <interface name="org.freedesktop.DBus.Properties">
          <method name="Get"><arg name="interface" type="s" direction="in"/><arg name="name" type="s" direction="in"/><arg name="value" type="v" direction="out"/></method>
          <method name="GetAll"><arg name="interface" type="s" direction="in"/><arg name="properties" type="a{sv}" direction="out"/></method>
          <method name="Set"><arg name="interface" type="s" direction="in"/><arg name="name" type="s" direction="in"/><arg name="value" type="v" direction="in"/></method>
          <signal name="PropertiesChanged"><arg name="interface" type="s"/><arg name="changed" type="a{sv}"/><arg name="invalidated" type="as"/></signal>
         </interface>
         <interface name="org.mpris.MediaPlayer2">
          <method name="Raise"/>
          <method name="Quit"/>
          <property name="CanQuit" type="b" access="read"/>
          <property name="CanRaise" type="b" access="read"/>
          <property name="HasTrackList" type="b" access="read"/>
          <property name="Identity" type="s" access="read"/>
          <property name="SupportedUriSchemes" type="as" access="read"/>
          <property name="SupportedMimeTypes" type="as" access="read"/>
         </interface>
         <interface name="org.mpris.MediaPlayer2.Player">
          <method name="Next"/>
          <method name="Previous"/>
          <method name="Pause"/>
          <method name="PlayPause"/>
          <method name="Stop"/>
          <method name="Play"/>
          <method name="Seek"><arg name="offset" type="x" direction="in"/></method>
          <method name="SetPosition"><arg name="track" type="o" direction="in"/><arg name="position" type="x" direction="in"/></method>
          <method name="OpenUri"><arg name="uri" type="s" direction="in"/></method>
          <signal name="Seeked"><arg name="position" type="x"/></signal>
          <property name="PlaybackStatus" type="s" access="read"/>
          <property name="Rate" type="d" access="read"/>
          <property name="Metadata" type="a{sv}" access="read"/>
          <property name="Volume" type="d" access="read"/>
          <property name="Position" type="x" access="read"><annotation name="org.freedesktop.DBus.Property.EmitsChangedSignal" value="false"/></property>
          <property name="MinimumRate" type="d" access="read"/>
          <property name="MaximumRate" type="d" access="read"/>
          <property name="CanGoNext" type="b" access="read"/>
          <property name="CanGoPrevious" type="b" access="read"/>
          <property name="CanPlay" type="b" access="read"/>
          <property name="CanPause" type="b" access="read"/>
          <property name="CanSeek" type="b" access="read"/>
          <property name="CanControl" type="b" access="read"/>
         </interface>
        </node>
        """
}
