import Control
import Foundation

/// What a request to the phone remote asks for, read from its method, path and body. Pure.
///
/// The page's buttons are POSTs to `/api/COMMAND`, each one `ControlRequest` of the control
/// protocol: the remote adds no rules of its own. Starting takes a routine's name and a
/// breathing pattern only; the device, the sounds and the rest are the player's to choose.
public enum RemoteRoute: Sendable, Equatable {
    /// The page itself, its manifest and its icon.
    case asset(RemoteAsset)
    /// The page follows the session: server-sent events, one status at a time.
    case events
    /// The status now, once.
    case status
    /// The routines and breathing patterns to choose from.
    case choices
    case control(ControlRequest)
    case refuse(status: Int, message: String)

    /// The commands a button sends, none needing more than its word.
    public static let buttons: [ControlRequest.Command] = [.pause, .resume, .toggle, .next, .previous, .faster, .slower, .stop]

    public init(method: String, path: String, body: [UInt8]) {
        let reading = method == "GET" || method == "HEAD"
        if let asset = RemoteAsset(path: path) {
            self = reading ? .asset(asset) : .refuse(status: 405, message: "\(path) is only read (GET)")
            return
        }
        switch path {
        case "/events": self = reading ? .events : RemoteRoute.readOnly(path)
        case "/api/status": self = reading ? .status : RemoteRoute.readOnly(path)
        case "/api/choices": self = reading ? .choices : RemoteRoute.readOnly(path)
        default:
            guard path.hasPrefix("/api/") else {
                self = .refuse(status: 404, message: "nothing here: the remote is at /")
                return
            }
            let word = String(path.dropFirst("/api/".count))
            guard method == "POST" else {
                self = .refuse(status: 405, message: "\(path) changes the session: send it as a POST")
                return
            }
            if word == "start" {
                self = RemoteRoute.start(body)
            } else if let command = ControlRequest.Command(rawValue: word), RemoteRoute.buttons.contains(command) {
                self = .control(ControlRequest(button: command))
            } else {
                self = .refuse(status: 404, message: "no such command: \(word.prefix(40))")
            }
        }
    }

    private static func readOnly(_ path: String) -> RemoteRoute {
        .refuse(status: 405, message: "\(path) is only read (GET)")
    }

    /// What the page's start form sends.
    struct StartForm: Decodable {
        var routine: String?
        var breath: String?
    }

    /// `{"routine":"morning","breath":"box"}`, either left out or empty for the player's own
    /// choice; a routine is a name from the list, never a path.
    static func start(_ body: [UInt8]) -> RemoteRoute {
        let form: StartForm
        if body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) {
            form = StartForm()
        } else if let decoded = try? JSONDecoder().decode(StartForm.self, from: Data(body)) {
            form = decoded
        } else {
            return .refuse(status: 400, message: "a start request is a JSON object such as {\"routine\":\"morning\",\"breath\":\"box\"}")
        }
        let routine = form.routine.flatMap { $0.isEmpty ? nil : $0 }
        let breath = form.breath.flatMap { $0.isEmpty ? nil : $0 }
        if let routine, routine.contains("/") || routine.hasPrefix(".") || routine.count > 200 {
            return .refuse(status: 400, message: "a routine is named as stretchcue routines lists it")
        }
        if let breath, breath.count > 100 {
            return .refuse(status: 400, message: "that is not a breathing pattern")
        }
        return .control(.start(StartOptions(routine: routine, breath: breath)))
    }
}

extension ControlRequest {
    /// One of the `buttons`: a command that needs nothing more than its word.
    init(button command: Command) {
        self = (try? ControlRequest(line: command.rawValue)) ?? .status
    }
}
