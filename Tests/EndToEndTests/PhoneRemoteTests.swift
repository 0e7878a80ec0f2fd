import Foundation
import Testing

/// The phone remote over HTTP, against a waiting `serve`: who is let in, and what a client
/// that misbehaves gets. No session plays here; the real-time tier drives the page in a browser.
@Suite("the phone remote over HTTP")
struct PhoneRemoteTests {
    /// A `serve` with the remote on a free loopback port, in folders of its own.
    final class Served {
        let folder: URL
        let port = HTTPExchange.freePort()
        let process = Process()
        let log: URL

        init(config: String? = nil, options: [String]? = nil) throws {
            folder = try Program.temporaryFolder()
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            if let config {
                let configFolder = folder.appendingPathComponent("config/stretchcue")
                try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
                _ = try Program.write(config.replacingOccurrences(of: "PORT", with: "\(port)"), to: "config.yaml", in: configFolder)
            }
            log = folder.appendingPathComponent("serve.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = Program.binary
            process.arguments = ["serve", "-D", "null"] + (options ?? (config == nil ? ["--remote", "127.0.0.1:\(port)"] : []))
            process.environment = Program.environment(environment)
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }

        var environment: [String: String] {
            ["XDG_RUNTIME_DIR": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
             "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
        }

        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Waits until the log says where the remote is.
        func ready() -> Bool {
            eventually(within: 15) { output.contains("phone remote at http://127.0.0.1:\(port)/") }
        }

        var token: String {
            ((try? String(contentsOfFile: folder.appendingPathComponent("state/stretchcue/remote-token").path, encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        var cookie: [String: String] { ["Cookie": "stretchcue-remote=\(token)"] }

        func get(_ target: String, headers: [String: String] = [:]) -> HTTPExchange? {
            HTTPExchange.request("GET", target, port: port, headers: headers)
        }

        func post(_ target: String, headers: [String: String] = [:], body: String = "") -> HTTPExchange? {
            HTTPExchange.request("POST", target, port: port, headers: headers, body: body)
        }

        func run(_ arguments: [String]) throws -> Program.Result {
            try Program.run(arguments, environment: environment)
        }

        var rss: Int {
            let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
    }

    @Test func everyRequestNeedsTheKeyWhichTheLinkPutsInACookie() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        #expect(!served.output.contains(served.token), "the key stays out of the log")
        for target in ["/", "/events", "/api/status", "/api/choices", "/icon-192.png", "/manifest.webmanifest"] {
            let refused = try #require(served.get(target))
            #expect(refused.status == 401, "\(target)")
            #expect(refused.body.contains("this page needs its link with the key: run stretchcue remote"), "\(target)")
        }
        #expect(served.post("/api/pause")?.status == 401)
        #expect(served.get("/?token=AAAAAAAAAAAAAAAAAAAAAA")?.status == 403)
        #expect(served.get("/", headers: ["Cookie": "stretchcue-remote=AAAAAAAAAAAAAAAAAAAAAA"])?.status == 403)

        let opened = try #require(served.get("/?token=\(served.token)"))
        #expect(opened.status == 303 && opened.headers["location"] == "/")
        let cookie = opened.headers["set-cookie"] ?? ""
        #expect(cookie.hasPrefix("stretchcue-remote=\(served.token);") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                "\(cookie)")

        let page = try #require(served.get("/", headers: served.cookie))
        #expect(page.status == 200 && page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("<title>StretchCue remote</title>") && page.body.contains("aria-live"))
        #expect(!page.body.contains("http://") && !page.body.contains("https://"), "no external assets")
        #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        let manifest = try #require(served.get("/manifest.webmanifest", headers: served.cookie))
        #expect(manifest.body.contains("\"start_url\":\"/?token=\(served.token)\""), "\(manifest.body)")
        #expect(served.get("/icon-512.png", headers: served.cookie)?.headers["content-type"] == "image/png")

        let status = try #require(served.get("/api/status", headers: served.cookie))
        #expect(status.body.contains("\"state\":\"idle\""), "\(status.body)")
        let choices = try #require(served.get("/api/choices", headers: served.cookie))
        #expect(choices.body.contains("\"name\":\"lower-back\""), "the bundled routine is offered: \(choices.body)")

        // A button reaches the player, whose answer is the page's.
        let pause = try #require(served.post("/api/pause", headers: served.cookie))
        #expect(pause.status == 409 && pause.body.contains("no session is playing"), "\(pause.body)")
        // The cookie alone is not enough from another site, nor the link on a POST.
        #expect(served.post("/api/pause", headers: served.cookie.merging(["Origin": "http://evil.example"]) { $1 })?.status == 403)
        #expect(served.post("/api/pause?token=\(served.token)")?.status == 401)
        #expect(served.get("/api/pause", headers: served.cookie)?.status == 405)
    }

    /// With nobody connected the remote costs a waiting player no wakeups: its threads sleep
    /// with no timer (bench/remote measures it; the other front ends are checked the same way).
    @Test func aWaitingServeWithTheRemoteNeverWakes() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        #expect(served.get("/", headers: served.cookie)?.status == 200, "every thread of the remote has run")
        do {
            let stream = try #require(HTTPConnection(port: served.port))
            stream.send("GET /events HTTP/1.1\r\nHost: x\r\nCookie: stretchcue-remote=\(served.token)\r\n\r\n")
            #expect(stream.receive(within: 1).contains("data: {"), "a page followed, then left")
        }
        usleep(500_000)
        let pid = served.process.processIdentifier
        let before = ProcessInfoFile.contextSwitches(of: pid)
        usleep(3_000_000)
        #expect(ProcessInfoFile.contextSwitches(of: pid) == before, "an idle service never wakes")
    }

    @Test func aNewTokenLocksOutTheOldLinkAtOnce() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        let old = served.cookie
        #expect(served.get("/api/status", headers: old)?.status == 200)
        let renewed = try served.run(["remote", "--new-token", "--remote", "127.0.0.1:\(served.port)"])
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(renewed.stderr.contains("a new key: links and phones given the old one are refused from now on"))
        #expect(renewed.stdout.contains("?token=\(served.token)"))
        #expect(!renewed.stdout.contains(old["Cookie"]!.dropFirst("stretchcue-remote=".count)))
        #expect(served.get("/api/status", headers: old)?.status == 403, "the running player reads the new key")
        #expect(served.get("/api/status", headers: served.cookie)?.status == 200)
    }

    @Test func remotePrintsTheLinkAndAQRCode() throws {
        let served = try Served(config: "remote: {listen: 127.0.0.1:PORT}\n")
        try #require(served.ready(), "the config file turns it on: \(served.output)")
        let printed = try served.run(["remote", "--qr"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let lines = printed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Open on your phone: http://127.0.0.1:\(served.port)/?token=\(served.token)")
        #expect(printed.stdout.contains("only this machine can open it: listen on 0.0.0.0:\(served.port)"))
        let picture = lines.filter { $0.contains("█") }
        #expect(picture.count >= 15, "the QR code: \(printed.stdout)")
        #expect(Set(picture.map(\.count)).count == 1, "a square block of lines")
        #expect(try served.run(["remote"]).stdout.contains("█") == false, "no picture into a pipe unless asked")

        // No player answers and no config file names the remote: there is no link to print.
        let nowhere = ["XDG_STATE_HOME": served.folder.appendingPathComponent("other").path,
                       "XDG_RUNTIME_DIR": served.folder.appendingPathComponent("other").path]
        let elsewhere = try Program.run(["remote"], environment: nowhere)
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr == "stretchcue: the phone remote is off: turn it on with 'remote: {listen: 0.0.0.0:8765}' in the config file, or stretchcue serve --remote 0.0.0.0:8765\n")
        // A new key is made all the same: replacing it is what was asked; no error follows.
        let renewed = try Program.run(["remote", "--new-token"], environment: nowhere)
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(renewed.stderr == "stretchcue: a new key: links and phones given the old one are refused from now on\n"
                + "stretchcue: no link to print: the phone remote is off: turn it on with 'remote: {listen: 0.0.0.0:8765}' "
                + "in the config file, or stretchcue serve --remote 0.0.0.0:8765\n")
        #expect(renewed.stdout.isEmpty)
    }

    /// A remote turned on by `serve --remote` alone, with no config file: `stretchcue remote`
    /// asks the running player where it serves the page.
    @Test func remoteAsksTheRunningPlayerWhereThePageIs() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        let printed = try served.run(["remote"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("Open on your phone: http://127.0.0.1:\(served.port)/?token=\(served.token)\n"), "\(printed.stdout)")
        #expect(printed.stderr.isEmpty, "\(printed.stderr)")

        let old = served.token
        let renewed = try served.run(["remote", "--new-token"])
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(renewed.stderr == "stretchcue: a new key: links and phones given the old one are refused from now on\n")
        #expect(served.token != old && renewed.stdout.hasPrefix("Open on your phone: http://127.0.0.1:\(served.port)/?token=\(served.token)\n"),
                "\(renewed.stdout)")

        // --remote names another address, over the player's.
        let named = try served.run(["remote", "--remote", "127.0.0.2:9000"])
        #expect(named.stdout.hasPrefix("Open on your phone: http://127.0.0.2:9000/?token="), "\(named.stdout)")
        let help = try served.run(["remote", "--help"])
        #expect(help.stdout.contains("The address the link names") && !help.stdout.contains("Serve a phone's page here"), "\(help.stdout)")
    }

    /// The rule of the key file (only its owner may read it) holds for the running player as
    /// for `stretchcue remote`: a file made readable to others is refused until replaced.
    @Test func aKeyFileOthersCanReadIsRefusedByTheRunningPlayerToo() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        let cookie = served.cookie
        #expect(served.get("/api/status", headers: cookie)?.status == 200)
        let file = served.folder.appendingPathComponent("state/stretchcue/remote-token").path
        #expect(chmod(file, 0o644) == 0)

        let refused = try #require(served.get("/api/status", headers: cookie))
        #expect(refused.status == 503, "\(refused.status) \(refused.body)")
        #expect(refused.body.contains("stretchcue remote --new-token"), "\(refused.body)")
        #expect(!refused.body.contains(served.folder.path), "the page tells no stranger where the file is")
        let printed = try served.run(["remote"])
        #expect(printed.status == 1)
        #expect(printed.stderr.contains("is open to others (mode 644): stretchcue remote --new-token makes a private one"), "\(printed.stderr)")

        let renewed = try served.run(["remote", "--new-token"])
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(served.get("/api/status", headers: served.cookie)?.status == 200, "the new key is let in")
        #expect(served.get("/api/status", headers: cookie)?.status == 403, "the old one no longer")
    }

    @Test func playServesTheRemoteForItsSessionAndPrintsTheLink() throws {
        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        let port = HTTPExchange.freePort()
        let result = try Program.run(["play", "-D", "null", "--voice", "off", "--remote", "127.0.0.1:\(port)"],
                                     environment: ["XDG_RUNTIME_DIR": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path])
        #expect(result.status == 0, "\(result.stderr)")
        let token = try String(contentsOf: folder.appendingPathComponent("state/stretchcue/remote-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.stderr.contains("stretchcue: phone remote: http://127.0.0.1:\(port)/?token=\(token) (only this machine can open it"),
                "\(result.stderr)")
        #expect(HTTPConnection(port: port) == nil, "the remote ends with the session")
    }

    @Test func mistakesInTheAddressAreOneLine() throws {
        let bad = try Program.run(["serve", "--remote", "8765"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--remote takes ADDRESS:PORT such as 127.0.0.1:8765"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count <= 2)
    }

    /// A port another program holds: the waiting player says so in one line and serves its
    /// sessions without the page; `play` says so in one line and plays its session.
    @Test func aPortInUseLeavesThePlayerWithoutThePage() throws {
        let first = try Served()
        try #require(first.ready())
        let second = try Served(options: ["--remote", "127.0.0.1:\(first.port)"])
        #expect(eventually(within: 15) { second.output.contains("waiting for sessions") }, "\(second.output)")
        #expect(second.process.isRunning, "\(second.output)")
        let said = second.output.split(separator: "\n").filter { $0.contains("phone remote") }
        #expect(said.count == 1, "\(second.output)")
        #expect(said.first?.contains("cannot listen for the phone remote on 127.0.0.1:\(first.port): Address already in use; "
                                     + "sessions are served without it") == true, "\(second.output)")
        #expect(try second.run(["ctl", "status"]).stdout.contains("no session is playing"), "it serves sessions")
        #expect(try second.run(["remote"]).stderr.contains("the running player serves no phone remote"))

        let folder = try Program.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        let played = try Program.run(["play", "-D", "null", "--voice", "off", "--remote", "127.0.0.1:\(first.port)"],
                                     environment: ["XDG_RUNTIME_DIR": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path])
        #expect(played.status == 0, "\(played.stderr)")
        let lines = played.stderr.split(separator: "\n").filter { $0.contains("phone remote") }
        #expect(lines == ["stretchcue: cannot listen for the phone remote on 127.0.0.1:\(first.port): Address already in use; "
                          + "the session plays without it"], "\(played.stderr)")
    }

    /// A client that sends request after request on one connection and never reads an answer:
    /// without the key it is answered once and hung up on; with it the remote stops reading
    /// until the answers are read. Either way the player's memory stays where it was.
    @Test func aClientThatNeverReadsItsAnswersCostsABoundedAmount() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        #expect(served.get("/api/status", headers: served.cookie)?.status == 200, "every thread of the remote has run")
        let before = served.rss
        let bound = 30 * 1024 // KiB
        func grown() -> Int { served.rss - before }

        let stranger = try #require(HTTPConnection(port: served.port))
        let refused = stranger.flood("GET / HTTP/1.1\r\nHost: x\r\n\r\n", for: 10) { grown() > bound }
        #expect(refused.closed, "a refused connection is closed (\(refused.sent) bytes sent, memory grew by \(grown()) KiB)")
        #expect(grown() < bound, "memory grew by \(grown()) KiB")

        let owner = try #require(HTTPConnection(port: served.port))
        let request = "GET /icon-512.png HTTP/1.1\r\nHost: x\r\nCookie: stretchcue-remote=\(served.token)\r\n\r\n"
        let pushed = owner.flood(request, for: 5) { grown() > bound }
        #expect(grown() < bound, "memory grew by \(grown()) KiB after \(pushed.sent) bytes of requests")
        #expect(try served.run(["ctl", "status"]).stdout.contains("no session is playing"), "the player answers meanwhile")
        #expect(served.get("/api/status", headers: served.cookie)?.status == 200, "and the remote answers others")
        #expect(served.process.isRunning)
    }

    /// Oversized, malformed, half-sent and too many requests: each is refused or dropped, the
    /// player goes on answering, and the memory they cost stays bounded.
    @Test func badClientsAreRefusedAndBounded() throws {
        let served = try Served()
        try #require(served.ready(), "\(served.output)")
        let before = served.rss

        let huge = try #require(served.get("/", headers: ["X-Padding": String(repeating: "a", count: 20_000)]))
        #expect(huge.status == 431, "an oversized head: \(huge.status)")
        #expect(huge.body.contains("a request head is at most 8192 bytes"), "\(huge.body)")
        let garbage = HTTPConnection(port: served.port)!
        garbage.send("\u{01}\u{02} nonsense\r\n\r\n")
        #expect(garbage.receive().hasPrefix("HTTP/1.1 400"), "malformed")
        let body = try #require(served.post("/api/start", headers: served.cookie, body: String(repeating: "x", count: 10_000)))
        #expect(body.status == 413)

        // Half a request: dropped after the deadline, while others are answered meanwhile.
        let slow = HTTPConnection(port: served.port)!
        slow.send("GET / HTTP/1.1\r\nHost: x\r\n")
        #expect(served.get("/api/status", headers: served.cookie)?.status == 200)
        #expect(slow.isClosed(within: 15), "a client that never finishes its request is dropped")

        // Hundreds at once: past the limit each is closed as it comes.
        let flood = (0..<300).compactMap { _ in HTTPConnection(port: served.port) }
        for connection in flood { connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "b", count: 7000))") }
        #expect(try served.run(["ctl", "status"]).stdout.contains("no session is playing"), "the player answers meanwhile")
        #expect(served.rss - before < 32 * 1024, "memory grew by \(served.rss - before) KiB")
        #expect(eventually(within: 15) { flood.allSatisfy { $0.isClosed(within: 0.1) } }, "every one is closed in the end")
        #expect(served.get("/api/status", headers: served.cookie)?.status == 200, "and the remote answers again")
        #expect(served.process.isRunning)
    }
}
