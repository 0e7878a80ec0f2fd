import ArgumentParser
import Config
import Foundation
import Glibc
import QRCode
import Remote
import Session
import Storage

/// `--remote ADDRESS:PORT` on `serve` and `play`.
struct RemoteOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Serve a phone's page here: 0.0.0.0:\(Defaults.remotePort) for any phone.",
        valueName: "address:port"))
    var remote: String?

    func validate() throws {
        try RemoteOption.check(remote)
    }

    var address: ListenAddress? { remote.flatMap(ListenAddress.init(parsing:)) }

    /// `--remote`'s value, wherever it is taken (`stretchcue remote` takes it with help of its own).
    static func check(_ remote: String?) throws {
        if let remote, let problem = ListenAddress.problem(parsing: remote) {
            throw ValidationError("--remote \(problem)")
        }
    }
}

/// Starting the phone remote for a player, and telling the person where it is.
enum RemoteFrontEnd {
    /// Serves the remote at `address` for the player at `socket`; the token is made on first use.
    /// A remote that cannot start (its port taken, its key file unwritable) is nil, and
    /// `cannot` is told why in one line: the player goes on without it, since it is there for
    /// sessions first.
    static func start(_ address: ListenAddress, socket: String, cannot: (String) -> Void) -> RemoteServer? {
        do throws(Failure) {
            let tokens = try TokenKeeper(file: TokenFile())
            return try RemoteServer(address: address, socket: socket, tokens: tokens) {
                // Read afresh each time the page asks, so that a routine written meanwhile is offered.
                let settings = (try? ConfigFile.settings(Config())) ?? ConfigFile.settings(Config(), file: Config())
                return RemoteChoices(catalog: RoutineCatalog(settings: settings))
            }
        } catch {
            cannot(error.message)
            return nil
        }
    }

    /// The host a phone opens, for a remote listening at `address`.
    static func host(_ address: ListenAddress) -> String {
        RemoteLink.host(listening: address, interfaces: NetworkInterfaces.list()) ?? "localhost"
    }

    /// A word on who can reach the remote, after its address.
    static func reach(_ address: ListenAddress) -> String? {
        address.isLoopback
            ? "only this machine can open it: listen on 0.0.0.0:\(address.port) for a phone on the same network, as docs/remote.md shows"
            : nil
    }

    /// `play --remote` on the person's own terminal: the link with its key, and the QR code.
    static func announce(_ server: RemoteServer) {
        guard let token = try? TokenFile().load() else { return }
        let link = RemoteLink.url(host: host(server.address), port: server.address.port, token: token)
        printNotice("phone remote: \(link)" + (reach(server.address).map { " (\($0))" } ?? ""))
        if isatty(STDERR_FILENO) == 1 { picture(link).forEach(printError) }
    }

    /// The QR code of `text` as lines for a terminal; empty if it cannot be made.
    static func picture(_ text: String) -> [String] {
        guard let code = try? QRCode(text) else { return [] }
        return TerminalPicture.lines(code.modules)
    }
}
