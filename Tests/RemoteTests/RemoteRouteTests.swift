import Control
import Remote
import Testing

@Suite("what a request to the remote asks for")
struct RemoteRouteTests {
    func route(_ method: String, _ path: String, _ body: String = "") -> RemoteRoute {
        RemoteRoute(method: method, path: path, body: Array(body.utf8))
    }

    @Test func thePageAndItsFiles() {
        #expect(route("GET", "/") == .asset(.page))
        #expect(route("GET", "/index.html") == .asset(.page))
        #expect(route("GET", "/manifest.webmanifest") == .asset(.manifest))
        #expect(route("GET", "/icon.svg") == .asset(.icon))
        #expect(route("GET", "/icon-192.png") == .asset(.icon192))
        #expect(route("HEAD", "/") == .asset(.page))
        #expect(route("GET", "/events") == .events)
        #expect(route("GET", "/api/status") == .status)
        #expect(route("GET", "/api/choices") == .choices)
    }

    @Test(arguments: [("pause", ControlRequest.pause), ("resume", .resume), ("toggle", .toggle), ("next", .next),
                      ("previous", .previous), ("faster", .faster), ("slower", .slower), ("stop", .stop)])
    func eachButtonIsOneRequestOfTheProtocol(word: String, request: ControlRequest) {
        #expect(route("POST", "/api/\(word)") == .control(request))
        #expect(route("POST", "/api/\(word)", "{}") == .control(request), "a body is ignored")
    }

    @Test func startTakesARoutineNameAndABreathingPattern() {
        #expect(route("POST", "/api/start") == .control(.start(StartOptions())))
        #expect(route("POST", "/api/start", "{}") == .control(.start(StartOptions())))
        #expect(route("POST", "/api/start", #"{"routine":"morning","breath":"box"}"#)
                == .control(.start(StartOptions(routine: "morning", breath: "box"))))
        #expect(route("POST", "/api/start", #"{"routine":"","breath":""}"#) == .control(.start(StartOptions())),
                "empty: the player's own choice")
        #expect(route("POST", "/api/start", #"{"routine":"morning","device":"hw:0","sounds":"/etc"}"#)
                == .control(.start(StartOptions(routine: "morning"))), "the device and the sounds are the player's")
    }

    @Test func startRefusesPathsAndNonsense() {
        for body in [#"{"routine":"/etc/passwd"}"#, #"{"routine":"../x"}"#, #"{"routine":"a/b"}"#] {
            #expect(route("POST", "/api/start", body) == .refuse(status: 400, message: "a routine is named as stretchcue routines lists it"), "\(body)")
        }
        guard case .refuse(400, _) = route("POST", "/api/start", "{not json") else {
            Issue.record("malformed JSON")
            return
        }
        guard case .refuse(400, _) = route("POST", "/api/start", #"{"routine": 3}"#) else {
            Issue.record("a number for a name")
            return
        }
        guard case .refuse(400, _) = route("POST", "/api/start", #"{"breath":"\#(String(repeating: "4-", count: 80))"}"#) else {
            Issue.record("an overlong pattern")
            return
        }
    }

    @Test func changesArePostsAndReadsAreGets() {
        for path in ["/api/pause", "/api/start", "/api/stop"] {
            guard case .refuse(405, _) = route("GET", path) else {
                Issue.record("GET \(path)")
                continue
            }
        }
        for path in ["/", "/events", "/api/status", "/api/choices", "/icon.svg"] {
            guard case .refuse(405, _) = route("POST", path) else {
                Issue.record("POST \(path)")
                continue
            }
        }
        guard case .refuse(405, _) = route("PUT", "/api/pause") else {
            Issue.record("PUT")
            return
        }
    }

    @Test func unknownPathsAndCommandsAreNotFound() {
        for (method, path) in [("GET", "/admin"), ("GET", "/api"), ("POST", "/api/watch"), ("POST", "/api/status"),
                               ("POST", "/api/tempo"), ("POST", "/api/"), ("GET", "/../etc/passwd")] {
            guard case .refuse(let status, _) = route(method, path), status == 404 || status == 405 else {
                Issue.record("\(method) \(path): \(route(method, path))")
                continue
            }
        }
        guard case .refuse(404, _) = route("POST", "/api/watch") else {
            Issue.record("watch is not a button")
            return
        }
    }
}
