import Config

/// The address a person opens on their phone: the remote's, with its token. Pure: the
/// machine's network addresses are handed in.
public enum RemoteLink {
    /// One address of the machine, as `getifaddrs` gives it.
    public struct Interface: Sendable, Equatable {
        public let name: String
        public let address: String
        public let isIPv6: Bool

        public init(name: String, address: String, isIPv6: Bool = false) {
            self.name = name
            self.address = address
            self.isIPv6 = isIPv6
        }
    }

    /// The page's address, carrying the token: what the QR code holds.
    public static func url(host: String, port: Int, token: RemoteToken) -> String {
        "\(base(host: host, port: port))?token=\(token.text)"
    }

    /// The page's address without the token, for a log that others may read.
    public static func base(host: String, port: Int) -> String {
        "http://\(ListenAddress.urlHost(host)):\(port)/"
    }

    /// The host a phone reaches the remote at: the address it listens on, or for one that
    /// listens on every network, the machine's address on its local network (an IPv4 address
    /// of a real interface before those of containers and virtual bridges); nil when the
    /// machine has none.
    public static func host(listening address: ListenAddress, interfaces: [Interface]) -> String? {
        guard address.isEveryNetwork else { return address.host }
        let usable = interfaces.filter { interface in
            !(interface.isIPv6 ? interface.address == "::1" || interface.address.lowercased().hasPrefix("fe80:")
                : interface.address.hasPrefix("127.") || interface.address.hasPrefix("169.254."))
        }
        let virtual = ["docker", "veth", "br-", "virbr", "lxc", "lxd", "podman", "cni", "flannel", "tun", "tap", "wg"]
        func rank(_ interface: Interface) -> Int {
            let isVirtual = virtual.contains { interface.name.hasPrefix($0) }
            // An IPv4 address on `::` too: phones' networks are IPv4 first.
            return (isVirtual ? 2 : 0) + (interface.isIPv6 ? 1 : 0)
        }
        let candidates = address.host == "0.0.0.0" ? usable.filter { !$0.isIPv6 } : usable
        return candidates.enumerated().min { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }?.element.address
    }
}
