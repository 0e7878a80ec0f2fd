import Control
import Foundation
import Testing

@Suite("the control protocol on the wire")
struct ControlProtocolTests {
    @Test(arguments: [
        (ControlRequest.pause, #"{"command":"pause"}"#),
        (.previous, #"{"command":"previous"}"#),
        (.tempo("4-7-8"), #"{"command":"tempo","pattern":"4-7-8"}"#),
        (.start(StartOptions(routine: "morning", breath: "box", resume: true, voiceName: "de", voiceRate: 120)),
         #"{"breath":"box","command":"start","resume":true,"routine":"morning","voice_name":"de","voice_rate":120}"#),
        (.start(StartOptions()), #"{"command":"start"}"#),
    ])
    func requestsAreOneLineOfJSON(request: ControlRequest, line: String) throws {
        #expect(request.line == line)
        #expect(try ControlRequest(line: line) == request)
    }

    @Test func everyCommandRoundTrips() throws {
        for command in ControlRequest.Command.allCases {
            let request: ControlRequest = switch command {
            case .start: .start(StartOptions(device: "pulse", volume: -6.5, sounds: "/s", sound: ["end": "/g.wav"], voice: false))
            case .tempo: .tempo("box")
            default: try ControlRequest(line: command.rawValue)
            }
            #expect(request.command == command)
            #expect(try ControlRequest(line: request.line) == request)
        }
    }

    @Test func bareWordsAndAliasesForTheShell() throws {
        #expect(try ControlRequest(line: "pause") == .pause)
        #expect(try ControlRequest(line: " status ") == .status)
        #expect(try ControlRequest(line: "prev") == .previous)
        #expect(try ControlRequest(line: #"{"command":"prev"}"#) == .previous)
        #expect(try ControlRequest(line: "start") == .start(StartOptions()))
    }

    @Test(arguments: [
        ("dance", "unknown command 'dance': expected start, pause, resume, toggle, next, previous, faster, slower, tempo, status, stop, watch"),
        (#"{"command":"dance"}"#, "unknown command 'dance'"),
        ("tempo", "'tempo' needs its options as JSON"),
        (#"{"command":"tempo"}"#, "'tempo' needs pattern"),
        (#"{"command":"start","resume":"yes"}"#, "unreadable request"),
        (#"{"pattern":"box"}"#, "unreadable request"),
        ("{not json", "unreadable request"),
        ("", "unknown command ''"),
    ])
    func whatIsNotARequestIsSaid(line: String, message: String) {
        do {
            _ = try ControlRequest(line: line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func repliesCarryTheProblemKindAndTheStatus() throws {
        #expect(ControlReply.done.line == #"{"ok":true}"#)
        let refused = ControlReply.failure("no session is playing", .refused)
        #expect(refused.line == #"{"error":"no session is playing","ok":false,"problem":"refused"}"#)
        #expect(try ControlReply(line: refused.line) == refused)
        #expect(throws: ControlProtocolError.self) { try ControlReply(line: "ok") }
    }

    /// `stretchcue remote` learns where the running player serves the page from its status.
    @Test func aStatusReplySaysWhereThePhoneRemoteIs() throws {
        var reply = ControlReply.status(.idle)
        #expect(reply.line == #"{"ok":true,"status":{"state":"idle"}}"#, "none served, none said")
        reply.remote = "0.0.0.0:8765"
        #expect(reply.line == #"{"ok":true,"remote":"0.0.0.0:8765","status":{"state":"idle"}}"#)
        #expect(try ControlReply(line: reply.line).remote == "0.0.0.0:8765")
    }

    @Test func anIdleStatusIsItsStateAlone() throws {
        #expect(SessionStatus.idle.json == #"{"state":"idle"}"#)
        #expect(try ControlReply(line: ControlReply.status(.idle).line).status == .idle)
    }

    @Test func aStatusHasSnakeCaseNamesAndOneStateField() throws {
        var status = SessionStatus(state: .waitingForDevice)
        status.routine = "Lower back"
        status.exercise = 2
        status.exercises = 13
        status.secondsLeft = 12.5
        status.deviceDelayMs = 1900
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.json.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "waiting-for-device")
        #expect(object["seconds_left"] as? Double == 12.5)
        #expect(object["device_delay_ms"] as? Int == 1900)
        #expect(object["paused"] == nil && object["waiting_for_device"] == nil, "the state says it, once")
        #expect(try ControlReply(line: ControlReply.status(status).line).status == status)
    }

    @Test func eventsAreOneLineEach() throws {
        let event = SessionEvent(.end, "stopped in Cat\nand cow", completed: false, exercise: "Cat")
        #expect(!event.line.contains("\n"))
        #expect(event.line.hasPrefix(#"{"completed":false,"event":"end""#))
        #expect(try SessionEvent(line: event.line) == event)
    }

    @Test func keysAndSignalsSpeakTheSameVocabulary() {
        #expect(KeyBindings.action(for: .character(" ")) == .request(.toggle))
        #expect(KeyBindings.action(for: .right) == .request(.next))
        #expect(KeyBindings.action(for: .character("n")) == .request(.next))
        #expect(KeyBindings.action(for: .left) == .request(.previous))
        #expect(KeyBindings.action(for: .up) == .request(.faster))
        #expect(KeyBindings.action(for: .character("-")) == .request(.slower))
        #expect(KeyBindings.action(for: .character("q")) == .request(.stop))
        #expect(KeyBindings.action(for: .character("?")) == .help)
        #expect(KeyBindings.action(for: .character("x")) == nil)
        #expect(SignalWatcher.Event.togglePause.request == .toggle)
        #expect(SignalWatcher.Event.next.request == .next)
        #expect(SignalWatcher.Event.interrupt.request == .stop && SignalWatcher.Event.terminate.request == .stop)
        #expect(SignalWatcher.Event.interrupt.exitStatus == 130 && SignalWatcher.Event.terminate.exitStatus == 143)
        #expect(SignalWatcher.Event.reload.request == nil)
    }
}
