/// Where the phone remote listens: an IP address and a TCP port, as a person writes them,
/// `127.0.0.1:8765`, `0.0.0.0:8765` (every network of the machine), `[::1]:8765`, or
/// `localhost:8765`. Pure: whether the address can be bound is for the server to find out.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The address without brackets: `127.0.0.1`, `::`, `localhost`.
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `ADDRESS:PORT`; nil with the reason in `problem(parsing:)` when it is not one.
    public init?(parsing text: String) {
        guard ListenAddress.problem(parsing: text) == nil, let (host, port) = ListenAddress.split(text) else { return nil }
        self.init(host: host, port: port)
    }

    /// Listening on every network of the machine (`0.0.0.0` or `::`), not on one address.
    public var isEveryNetwork: Bool { host == "0.0.0.0" || host == "::" }

    /// Only this machine can connect.
    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }

    /// As written, IPv6 in brackets: `[::1]:8765`.
    public var description: String { "\(ListenAddress.urlHost(host)):\(port)" }

    /// A host as it goes in a URL: an IPv6 address in brackets.
    public static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

    /// What is wrong with `text` as an address to listen on, worded to follow the setting's
    /// name; nil when it is fine.
    public static func problem(parsing text: String) -> String? {
        let wanted = "takes ADDRESS:PORT such as \(Defaults.remoteListen) (0.0.0.0:\(Defaults.remotePort) for every network)"
        guard let (host, port) = split(text) else { return "\(wanted); got '\(text.prefix(80))'" }
        guard isIPv4(host) || isIPv6(host) || host == "localhost" else {
            return "\(wanted); '\(host.prefix(80))' is not an IP address"
        }
        guard (1...65_535).contains(port) else { return "\(wanted); the port must be from 1 to 65535, got \(port)" }
        return nil
    }

    /// `HOST:PORT` or `[HOST]:PORT` into its two parts; nil without a numeric port.
    private static func split(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        let digits = text[text.index(after: colon)...]
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let port = Int(digits) else { return nil }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            host = String(host.dropFirst().dropLast())
            guard isIPv6(host) else { return nil }
        } else if host.contains(":") {
            return nil // an IPv6 address needs its brackets, or the port cannot be told apart
        }
        return (host, port)
    }

    static func isIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
        }
    }

    /// Hex groups and colons (an embedded IPv4 tail too), at most one `::`; the server's bind
    /// is the last word on the rest.
    static func isIPv6(_ host: String) -> Bool {
        guard host.contains(":"), host.count <= 45,
              host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
        return host.components(separatedBy: "::").count <= 2
    }
}
