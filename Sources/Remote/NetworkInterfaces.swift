import Glibc

/// The machine's network addresses, from `getifaddrs`: the interfaces that are up, their
/// IPv4 and IPv6 addresses as text.
public enum NetworkInterfaces {
    public static func list() -> [RemoteLink.Interface] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var found: [RemoteLink.Interface] = []
        var next = first
        while let entry = next {
            defer { next = entry.pointee.ifa_next }
            guard entry.pointee.ifa_flags & UInt32(IFF_UP) != 0, let address = entry.pointee.ifa_addr else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            guard getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            // A link-local IPv6 address comes with its interface (`fe80::1%eth0`): not for a URL.
            let written = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            found.append(RemoteLink.Interface(name: String(cString: entry.pointee.ifa_name),
                                              address: String(written.prefix { $0 != "%" }), isIPv6: family == AF_INET6))
        }
        return found
    }
}
