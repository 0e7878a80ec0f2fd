import Foundation

/// A real browser for the tests: headless Chromium driven through chromedriver's W3C
/// WebDriver interface (JSON over HTTP on loopback). Each instance is its own chromedriver and
/// its own browser profile, so no cookie carries over from one to another.
final class Browser {
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    private let driver = Process()
    private let port = HTTPExchange.freePort()
    private let profile: URL
    private var session = ""

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A phone-sized window, 412 x 915 CSS pixels at 2x, on a phone set to dark colours
    /// unless `prefersLight`.
    init(width: Int = 412, height: Int = 915, prefersLight: Bool = false) throws {
        profile = try Program.temporaryFolder()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        guard eventually(within: 10, { HTTPConnection(port: port) != nil }) else { throw Failure(description: "chromedriver did not start") }
        let options: [String: Any] = [
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)",
                     "--window-size=\(width),\(height)", "--force-device-scale-factor=2"]
                + (prefersLight ? ["--blink-settings=preferredColorScheme=1"] : ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]),
        ]
        let reply = try command("POST", "session", ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        guard let value = reply as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no browser session: \(String(describing: reply))")
        }
        session = id
    }

    /// Closes the browser, then its driver.
    deinit {
        if !session.isEmpty { _ = try? command("DELETE", "session/\(session)", within: 10) }
        driver.terminate()
        if !eventually(within: 5, { !driver.isRunning }) { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    func open(_ url: String) throws {
        _ = try command("POST", "session/\(session)/url", ["url": url])
    }

    /// The text of the element that `selector` finds ("" when none).
    func text(_ selector: String) throws -> String {
        try script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", [selector]) as? String ?? ""
    }

    /// Taps the element: a real click, as a finger's tap reaches the page.
    func tap(_ selector: String) throws {
        let found = try command("POST", "session/\(session)/element", ["using": "css selector", "value": selector])
        guard let element = (found as? [String: Any])?.values.first as? String else { throw Failure(description: "no \(selector)") }
        _ = try command("POST", "session/\(session)/element/\(element)/click", [:])
    }

    func script(_ body: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "session/\(session)/execute/sync", ["script": body, "args": arguments])
    }

    /// The page as it is shown, as PNG.
    func screenshot() throws -> Data {
        guard let text = try command("GET", "session/\(session)/screenshot") as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// One WebDriver command; its `value`.
    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil, within seconds: Double = 60) throws -> Any? {
        let json = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) } ?? ""
        guard let reply = HTTPExchange.request(method, "/\(path)", port: port, headers: body == nil ? [:] : ["Content-Type": "application/json"],
                                               body: json, within: seconds) else {
            throw Failure(description: "\(method) \(path): no answer from chromedriver")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8), options: [.fragmentsAllowed])) as? [String: Any]
        let value = object?["value"]
        if let problem = value as? [String: Any], let kind = problem["error"] as? String {
            throw Failure(description: "\(method) \(path): \(kind): \(problem["message"] ?? "")")
        }
        return value is NSNull ? nil : value
    }
}
