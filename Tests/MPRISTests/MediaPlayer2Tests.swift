import Control
import DBus
import Testing
@testable import MPRIS

@Suite("MPRIS: what the desktop sees of the session")
struct MediaPlayer2Tests {
    static let serve = MediaPlayer2(canQuit: false, canStart: true)
    static let play = MediaPlayer2(canQuit: true, canStart: false)

    static func playing(_ exercise: Int = 2, side: String? = "left", elapsed: Double = 61.5,
                        state: SessionStatus.State = .playing) -> SessionStatus {
        var status = SessionStatus(state: state)
        status.routine = "Lower back"
        status.exercise = exercise
        status.exercises = 13
        status.name = "Figure four"
        status.side = side
        status.elapsed = elapsed
        status.total = 965.2
        return status
    }

    static func value(_ key: String, in entries: [Value.Entry]?) -> Value? {
        entries?.first { $0.key == key }?.value
    }

    @Test func everyMethodIsAControlRequestOrHasNoEffect() {
        let player = MediaPlayer2.playerInterface
        #expect(Self.serve.call(interface: player, member: "PlayPause") == .request(.toggle))
        #expect(Self.serve.call(interface: player, member: "Play") == .request(.resume))
        #expect(Self.serve.call(interface: player, member: "Pause") == .request(.pause))
        #expect(Self.serve.call(interface: player, member: "Next") == .request(.next))
        #expect(Self.serve.call(interface: player, member: "Previous") == .request(.previous))
        #expect(Self.serve.call(interface: player, member: "Stop") == .request(.stop))
        #expect(Self.serve.call(interface: player, member: "Seek") == .nothing)
        #expect(Self.serve.call(interface: player, member: "SetPosition") == .nothing)
        if case .error(let name, _) = Self.serve.call(interface: player, member: "OpenUri") {
            #expect(name == MediaPlayer2.notSupported)
        } else {
            Issue.record("OpenUri is refused")
        }
        #expect(Self.serve.call(interface: player, member: "Frobnicate") == nil)
        #expect(Self.serve.call(interface: MediaPlayer2.rootInterface, member: "Raise") == .nothing)
        #expect(Self.play.call(interface: MediaPlayer2.rootInterface, member: "Quit") == .request(.stop))
        #expect(Self.serve.call(interface: MediaPlayer2.rootInterface, member: "Quit") != .request(.stop),
                "a service is not quit from the desktop")
    }

    @Test func playOnAWaitingPlayerStartsTheDefaultRoutine() {
        #expect(ControlRequest.toggle.fromMediaKey(in: .idle) == .start(StartOptions()))
        #expect(ControlRequest.resume.fromMediaKey(in: .idle) == .start(StartOptions()))
        #expect(ControlRequest.toggle.fromMediaKey(in: .playing) == .toggle)
        #expect(ControlRequest.resume.fromMediaKey(in: .paused) == .resume)
        #expect(ControlRequest.toggle.fromMediaKey(in: .preparing) == .toggle, "a session on its way is not started twice")
        for request in [ControlRequest.pause, .next, .previous, .stop, .faster] {
            #expect(request.fromMediaKey(in: .idle) == request)
        }
    }

    @Test func metadataIsTheExerciseAndSideInTheRoutine() throws {
        let entries = Self.serve.changing(Self.playing())
        guard case .dictionary(let metadata) = try #require(Self.value("Metadata", in: entries)) else {
            Issue.record("Metadata is a{sv}")
            return
        }
        #expect(Self.value("xesam:title", in: metadata) == .string("Figure four (left)"))
        #expect(Self.value("xesam:album", in: metadata) == .string("Lower back"))
        #expect(Self.value("mpris:length", in: metadata) == .int64(965_200_000))
        #expect(Self.value("mpris:trackid", in: metadata) == .objectPath("/org/stretchcue/exercise/2"))
        #expect(Self.value("xesam:trackNumber", in: metadata) == .int32(2))
        #expect(Self.value("PlaybackStatus", in: entries) == .string("Playing"))

        let noSide = Self.serve.metadata(Self.playing(side: nil))
        #expect(Self.value("xesam:title", in: noSide) == .string("Figure four"))
        #expect(Self.serve.metadata(.idle).isEmpty, "no track while nothing plays")
    }

    @Test(arguments: [(SessionStatus.State.idle, "Stopped"), (.preparing, "Stopped"), (.playing, "Playing"),
                      (.paused, "Paused"), (.waitingForDevice, "Paused"), (.finished, "Stopped")])
    func playbackStatus(_ state: SessionStatus.State, _ expected: String) {
        #expect(MediaPlayer2.playbackStatus(state) == expected)
    }

    @Test func whatCanBeDoneFollowsTheSession() {
        let idle = Self.serve.changing(.idle)
        #expect(Self.value("CanPlay", in: idle) == .boolean(true), "a waiting serve can start a session")
        #expect(Self.value("CanPause", in: idle) == .boolean(false))
        #expect(Self.value("CanGoNext", in: idle) == .boolean(false))
        #expect(Self.value("CanPlay", in: Self.play.changing(.idle)) == .boolean(false), "play cannot start another")
        let playing = Self.serve.changing(Self.playing())
        for key in ["CanPlay", "CanPause", "CanGoNext", "CanGoPrevious"] {
            #expect(Self.value(key, in: playing) == .boolean(true), "\(key)")
        }
    }

    @Test func aChangeSignalCarriesWhatChangedAndNeverThePosition() {
        let later = Self.playing(elapsed: 70)
        #expect(Self.serve.changes(from: Self.playing(), to: later).isEmpty, "playing on changes nothing signalled")
        let paused = Self.serve.changes(from: Self.playing(), to: Self.playing(state: .paused))
        #expect(paused.map(\.key) == ["PlaybackStatus"])
        let other = Self.serve.changes(from: Self.playing(), to: Self.playing(side: "right"))
        #expect(other.map(\.key) == ["Metadata"])
        let started = Self.serve.changes(from: .idle, to: Self.playing()).map(\.key)
        #expect(started == ["PlaybackStatus", "Metadata", "CanGoNext", "CanGoPrevious", "CanPause"])
    }

    @Test func propertiesOfEachInterface() {
        let root = Self.serve.properties(of: MediaPlayer2.rootInterface, .idle)
        #expect(Self.value("Identity", in: root) == .string("StretchCue"))
        #expect(Self.value("CanRaise", in: root) == .boolean(false))
        #expect(Self.value("CanQuit", in: root) == .boolean(false))
        #expect(Self.value("SupportedUriSchemes", in: root) == .strings([]))
        let player = Self.serve.properties(of: MediaPlayer2.playerInterface, Self.playing())
        #expect(Self.value("Position", in: player) == .int64(61_500_000))
        #expect(Self.value("CanSeek", in: player) == .boolean(false))
        #expect(Self.value("CanControl", in: player) == .boolean(true))
        #expect(Self.serve.properties(of: "org.example.Other", .idle) == nil)
        // Every property is in the introspection data, with its type.
        for entry in (root ?? []) + (player ?? []) {
            #expect(MediaPlayer2.introspection.contains("<property name=\"\(entry.key)\" type=\"\(entry.value.signature)\""),
                    "\(entry.key)")
        }
    }

    @Test func aSkipIsAJumpPlayingOnIsNot() {
        let at60 = Self.playing(elapsed: 60)
        #expect(!MediaPlayer2.jumped(from: at60, to: Self.playing(elapsed: 65), after: 5))
        #expect(!MediaPlayer2.jumped(from: Self.playing(elapsed: 60, state: .paused), to: Self.playing(elapsed: 60), after: 30),
                "a long pause is not a jump")
        #expect(!MediaPlayer2.jumped(from: Self.playing(elapsed: 60, state: .paused), to: Self.playing(elapsed: 61.4), after: 1.5),
                "nor the quiet moment of a resume")
        #expect(MediaPlayer2.jumped(from: at60, to: Self.playing(elapsed: 95), after: 0.1), "next")
        #expect(MediaPlayer2.jumped(from: at60, to: Self.playing(elapsed: 20), after: 0.1), "previous")
        #expect(!MediaPlayer2.jumped(from: at60, to: .idle, after: 0.1), "the end is not a jump")
    }

    @Test func theSessionBusIsWhereTheEnvironmentSays() {
        #expect(SessionBus.configured(environment: ["DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"]))
        #expect(!SessionBus.configured(environment: ["DBUS_SESSION_BUS_ADDRESS": "", "XDG_RUNTIME_DIR": "/run/user/1000"],
                                       isSocket: { _ in true }), "an empty address turns it off")
        #expect(SessionBus.configured(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], isSocket: { $0 == "/run/user/1000/bus" }))
        #expect(!SessionBus.configured(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], isSocket: { _ in false }),
                "a headless box: no bus")
        #expect(!SessionBus.configured(environment: [:], isSocket: { _ in true }))
    }
}
