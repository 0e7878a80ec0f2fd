import Remote
import Testing

@Suite("who may use the remote")
struct RemoteAccessTests {
    let token = RemoteToken("abcdefghijklmnopqrstuv")!

    func decide(_ method: String = "GET", _ path: String = "/", query: String? = nil, cookie: String? = nil,
                origin: String? = nil, host: String? = "192.168.1.5:8765", site: String? = nil) -> RemoteAccess.Decision {
        RemoteAccess.decide(RemoteAccess.Request(method: method, path: path, queryToken: query, cookie: cookie, origin: origin,
                                                 host: host, fetchSite: site), token: token)
    }

    @Test func withoutTheTokenEveryRequestIsRefused() {
        for path in ["/", "/events", "/api/status", "/icon.svg", "/manifest.webmanifest", "/nothing"] {
            #expect(decide("GET", path) == .refuse(status: 401, message: RemoteAccess.missing), "\(path)")
        }
        #expect(decide("POST", "/api/pause") == .refuse(status: 401, message: RemoteAccess.missing))
        #expect(decide("POST", "/api/pause", cookie: "other=1") == .refuse(status: 401, message: RemoteAccess.missing))
    }

    @Test func aWrongTokenIsForbidden() {
        #expect(decide(query: "abcdefghijklmnopqrstuw") == .refuse(status: 403, message: RemoteAccess.wrong))
        #expect(decide(cookie: "stretchcue-remote=nope") == .refuse(status: 403, message: RemoteAccess.wrong))
        #expect(decide(cookie: "stretchcue-remote=") == .refuse(status: 401, message: RemoteAccess.missing), "an empty key is none")
    }

    @Test func theLinksTokenGoesIntoAStrictCookieAndLeavesTheAddress() {
        let decision = decide(query: token.text)
        guard case .keep(let cookie, let location) = decision else {
            Issue.record("\(decision)")
            return
        }
        #expect(location == "/")
        #expect(cookie.hasPrefix("stretchcue-remote=\(token.text);"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        #expect(cookie.contains("Max-Age="))
    }

    @Test func theCookieLetsIn() {
        #expect(decide(cookie: "stretchcue-remote=\(token.text)") == .allow)
        #expect(decide(cookie: "a=1; stretchcue-remote=\(token.text); b=2") == .allow)
        #expect(decide("POST", "/api/next", cookie: "stretchcue-remote=\(token.text)") == .allow)
        #expect(decide("POST", "/api/next", cookie: "stretchcue-remote=\(token.text)", origin: "http://192.168.1.5:8765",
                       site: "same-origin") == .allow)
    }

    @Test func aPostNeedsTheCookieNotTheLink() {
        #expect(decide("POST", "/api/pause", query: token.text) == .refuse(status: 401, message: RemoteAccess.missing),
                "a link's token on a POST could come from any page that knows it")
    }

    @Test func aPostFromAnotherSiteIsRefusedEvenWithTheCookie() {
        let cookie = "stretchcue-remote=\(token.text)"
        #expect(decide("POST", "/api/pause", cookie: cookie, origin: "http://evil.example") == .refuse(status: 403, message: RemoteAccess.crossSite))
        #expect(decide("POST", "/api/pause", cookie: cookie, origin: "http://192.168.1.5:9999") == .refuse(status: 403, message: RemoteAccess.crossSite))
        #expect(decide("POST", "/api/pause", cookie: cookie, site: "cross-site") == .refuse(status: 403, message: RemoteAccess.crossSite))
        #expect(decide("POST", "/api/pause", cookie: cookie, site: "same-site") == .refuse(status: 403, message: RemoteAccess.crossSite))
    }

    @Test func theQueryTokenIsFoundAmongOtherParameters() {
        #expect(RemoteAccess.queryToken(in: "token=abc") == "abc")
        #expect(RemoteAccess.queryToken(in: "x=1&token=abc&y=2") == "abc")
        #expect(RemoteAccess.queryToken(in: "tokens=abc") == nil)
        #expect(RemoteAccess.queryToken(in: nil) == nil)
        #expect(RemoteAccess.queryToken(in: "") == nil)
    }
}
