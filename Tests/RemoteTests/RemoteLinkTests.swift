import Config
import QRCode
import Remote
import Testing

@Suite("the remote's link and its QR code")
struct RemoteLinkTests {
    let token = RemoteToken("abcdefghijklmnopqrstuv")!
    let machine = [RemoteLink.Interface(name: "lo", address: "127.0.0.1"),
                   RemoteLink.Interface(name: "docker0", address: "172.17.0.1"),
                   RemoteLink.Interface(name: "wlan0", address: "fe80::1", isIPv6: true),
                   RemoteLink.Interface(name: "wlan0", address: "2001:db8::5", isIPv6: true),
                   RemoteLink.Interface(name: "wlan0", address: "192.168.1.20")]

    @Test func theLinkCarriesTheToken() {
        #expect(RemoteLink.url(host: "192.168.1.20", port: 8765, token: token) == "http://192.168.1.20:8765/?token=abcdefghijklmnopqrstuv")
        #expect(RemoteLink.url(host: "::1", port: 80, token: token) == "http://[::1]:80/?token=abcdefghijklmnopqrstuv")
        #expect(RemoteLink.base(host: "127.0.0.1", port: 8765) == "http://127.0.0.1:8765/")
    }

    @Test func oneAddressIsItsOwnHost() {
        #expect(RemoteLink.host(listening: ListenAddress(host: "127.0.0.1", port: 8765), interfaces: machine) == "127.0.0.1")
        #expect(RemoteLink.host(listening: ListenAddress(host: "192.168.1.20", port: 1), interfaces: []) == "192.168.1.20")
    }

    @Test func everyNetworkIsReachedAtTheLocalNetworksAddress() {
        #expect(RemoteLink.host(listening: ListenAddress(host: "0.0.0.0", port: 8765), interfaces: machine) == "192.168.1.20",
                "not loopback, not a container bridge, IPv4")
        #expect(RemoteLink.host(listening: ListenAddress(host: "::", port: 8765), interfaces: machine) == "192.168.1.20")
        let onlyIPv6 = machine.filter { $0.isIPv6 || $0.name == "lo" }
        #expect(RemoteLink.host(listening: ListenAddress(host: "::", port: 8765), interfaces: onlyIPv6) == "2001:db8::5")
        #expect(RemoteLink.host(listening: ListenAddress(host: "0.0.0.0", port: 8765), interfaces: onlyIPv6) == nil)
        let containerOnly = machine.filter { $0.name != "wlan0" }
        #expect(RemoteLink.host(listening: ListenAddress(host: "0.0.0.0", port: 8765), interfaces: containerOnly) == "172.17.0.1",
                "better than nothing")
    }

    @Test func theQRCodeIsARealOne() throws {
        let code = try QRCode("http://192.168.1.20:8765/?token=abcdefghijklmnopqrstuv")
        // 52 bytes at level M need version 4: 33 modules a side.
        #expect(code.size == 33)
        // The three finder patterns: a dark 7x7 ring around a 3x3 core, at three corners.
        for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = x == 0 || y == 0 || x == 6 || y == 6
                    let core = (2...4).contains(x) && (2...4).contains(y)
                    #expect(code.isDark(x: left + x, y: top + y) == (ring || core), "finder at \(left),\(top): \(x),\(y)")
                }
            }
        }
        // The timing patterns between them: row and column 6 alternate, dark on even modules.
        for index in 8..<(code.size - 8) {
            #expect(code.isDark(x: index, y: 6) == index.isMultiple(of: 2))
            #expect(code.isDark(x: 6, y: index) == index.isMultiple(of: 2))
        }
    }

    @Test func tooMuchTextIsAnError() {
        #expect(throws: QRCodeError.self) { try QRCode(String(repeating: "x", count: 4000)) }
    }

    @Test func theTerminalPictureDrawsTwoRowsALineWithAQuietZone() {
        // Dark modules on the diagonal of a 2x2 code.
        let lines = TerminalPicture.lines([[true, false], [false, true]])
        #expect(lines.count == 3, "6 rows of modules (2 + a quiet zone of 2 each side), two a line")
        #expect(lines.allSatisfy { $0.count == 6 })
        #expect(lines[0] == "██████")
        #expect(lines[1] == "██▄▀██", "light halves drawn: row 2 is dark then light, row 3 light then dark")
        #expect(lines[2] == "██████")
    }
}
