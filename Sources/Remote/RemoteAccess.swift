/// Who may use the phone remote: whoever presents its token, in the link (`?token=`) once,
/// then in the cookie that link sets. Pure: the server hands in what the request carried.
///
/// Every request without the token is refused. The cookie is `SameSite=Strict`, so a page on
/// another site cannot make the browser send it; requests that change anything are POSTs, and
/// a POST that says it comes from another origin is refused as well.
public enum RemoteAccess {
    public enum Decision: Sendable, Equatable {
        case allow
        /// The link's token was right: keep it in the cookie and load `location` without it
        /// (so that it leaves the address bar).
        case keep(cookie: String, location: String)
        case refuse(status: Int, message: String)
    }

    /// What of a request the decision rests on.
    public struct Request: Sendable, Equatable {
        public var method: String
        /// The path without its query.
        public var path: String
        /// The `token` query parameter, if given.
        public var queryToken: String?
        /// The `Cookie` header.
        public var cookie: String?
        /// The `Origin` header (browsers send it with every POST).
        public var origin: String?
        /// The `Host` header.
        public var host: String?
        /// The `Sec-Fetch-Site` header: `same-origin`, `same-site`, `cross-site` or `none`.
        public var fetchSite: String?

        public init(method: String, path: String, queryToken: String? = nil, cookie: String? = nil, origin: String? = nil,
                    host: String? = nil, fetchSite: String? = nil) {
            self.method = method
            self.path = path
            self.queryToken = queryToken
            self.cookie = cookie
            self.origin = origin
            self.host = host
            self.fetchSite = fetchSite
        }
    }

    public static let cookieName = "stretchcue-remote"
    /// 400 days, the longest browsers keep a cookie: a phone on the home screen stays let in
    /// until the token is replaced.
    static let cookieSeconds = 400 * 24 * 3600

    public static let missing = "this page needs its link with the key: run stretchcue remote on the player's machine"
    public static let wrong = "this key is not (or no longer) the remote's: run stretchcue remote for the current link"
    public static let crossSite = "refused: the request came from another site"
    /// The key file could be read by others: no key is taken. Where the file is stays unsaid,
    /// to whoever asks.
    public static let keyRefused = "the remote takes no key while its key file is open to others: "
        + "run stretchcue remote --new-token on the player's machine"

    public static func decide(_ request: Request, token: RemoteToken) -> Decision {
        // The link's token counts on a plain page load only; a POST must carry the cookie.
        let fromLink = request.method == "GET" ? request.queryToken : nil
        guard let presented = fromLink ?? cookie(named: cookieName, in: request.cookie) else {
            return .refuse(status: 401, message: missing)
        }
        guard token.matches(presented) else { return .refuse(status: 403, message: wrong) }
        if request.method == "POST" {
            if let site = request.fetchSite, site != "same-origin", site != "none" {
                return .refuse(status: 403, message: crossSite)
            }
            if let origin = request.origin, origin != "http://" + (request.host ?? "") {
                return .refuse(status: 403, message: crossSite)
            }
        }
        if fromLink != nil {
            return .keep(cookie: "\(cookieName)=\(token.text); Path=/; Max-Age=\(cookieSeconds); HttpOnly; SameSite=Strict",
                         location: request.path)
        }
        return .allow
    }

    /// One cookie's value from a `Cookie` header (`a=1; b=2`); nil when it is not there.
    static func cookie(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingSpaces == name { return String(parts[1].trimmingSpaces) }
        }
        return nil
    }

    /// The `token` parameter of a query string (`token=abc&x=1`), as given; tokens need no
    /// percent-decoding, and one that had any would not match.
    public static func queryToken(in query: Substring?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") where pair.hasPrefix("token=") {
            return String(pair.dropFirst("token=".count))
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
