import Foundation
import Glibc

/// Raw HTTP over a TCP socket to a server on this machine, so that tests can send what no
/// well-behaved client would: an oversized head, garbage, half a request.
final class HTTPConnection {
    let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; nil when nothing listens.
    init?(port: Int) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        close(descriptor)
    }

    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Sends `text` again and again without reading a byte of the answers, as fast as the
    /// server takes it, until `seconds` pass, `stop` says so (asked every 100 ms) or the
    /// server closes the connection. Returns whether it was closed, and the bytes sent.
    func flood(_ text: String, for seconds: Double, until stop: () -> Bool = { false }) -> (closed: Bool, sent: Int) {
        let bytes = Array(String(repeating: text, count: max(1, 65_536 / max(1, text.utf8.count))).utf8)
        var sent = 0, offset = 0
        let deadline = Date().addingTimeInterval(seconds)
        var asked = Date()
        while Date() < deadline {
            if Date().timeIntervalSince(asked) >= 0.1 {
                asked = Date()
                if stop() { break }
            }
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if count > 0 {
                sent += count
                offset = (offset + count) % bytes.count
            } else if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 100)
            } else {
                return (true, sent) // EPIPE, ECONNRESET: the server hung up
            }
        }
        return (false, sent)
    }

    /// What the server sends until it closes the connection, or a whole answer with a
    /// Content-Length has come, or `seconds` pass.
    func receive(within seconds: Double = 5) -> String {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) >= 0 else { break }
            guard ready.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[0..<count]
            if let answer = HTTPExchange.parse(String(decoding: received, as: UTF8.self)),
               let length = answer.headers["content-length"].flatMap(Int.init), answer.body.utf8.count >= length { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether the server has closed the connection (within `seconds`).
    func isClosed(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 100) > 0 {
                var byte: UInt8 = 0
                let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
                if count == 0 || (count < 0 && errno != EAGAIN) { return true }
                _ = recv(descriptor, &byte, 1, 0) // something was sent: read it and go on waiting
            }
        }
        return false
    }
}

/// One request and its whole answer.
struct HTTPExchange {
    let status: Int
    let headers: [String: String]
    let body: String

    /// Sends a request that ends the connection after its answer.
    static func request(_ method: String, _ target: String, port: Int, headers: [String: String] = [:], body: String = "",
                        within seconds: Double = 5) -> HTTPExchange? {
        guard let connection = HTTPConnection(port: port) else { return nil }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.utf8.count)\r\n" }
        connection.send(head + "\r\n" + body)
        return parse(connection.receive(within: seconds))
    }

    static func parse(_ text: String) -> HTTPExchange? {
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPExchange(status: status, headers: headers, body: String(text[end.upperBound...]))
    }

    /// A TCP port nobody listens on now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
