import ArgumentParser
import Config
import Control
import Foundation
import Glibc
import Remote
import Session
import Storage

struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "Print the link of the phone remote, with a QR code for the phone's camera.",
        discussion: """
            The phone remote is a small web page that `serve` (and `play --remote`) serves: \
            start a routine, pause, skip, breathe faster or slower and stop from a phone on the \
            mat, and see where the session is. It is off unless turned on, in the config file \
            (remote: {listen: \(Defaults.remoteListen)}) or with --remote on serve and play. \
            \(Defaults.remoteListen) is this machine only; 0.0.0.0:\(Defaults.remotePort) lets a \
            phone on the same network in. The link names the address the running player serves \
            the page at, else the config file's when no player runs.

            The link carries a secret key, made on first use and kept in \
            $XDG_STATE_HOME/stretchcue/remote-token (only you can read it); the page keeps it in \
            a cookie, and every request without it is refused. Keep the link to yourself. \
            --new-token makes a new key: every link and phone given the old one is refused from \
            then on, the running player's too.

            The QR code is drawn when standard output is a terminal (--qr draws it anyway).

            Examples:
              stretchcue remote
              stretchcue remote --remote 0.0.0.0:8765
              stretchcue remote --new-token
            """
    )

    @Option(name: .long, help: ArgumentHelp(
        "The address the link names, as the remote listens there (0.0.0.0:\(Defaults.remotePort) names this machine on its network), instead of the running player's or the config file's.",
        valueName: "address:port"))
    var remote: String?

    @Flag(name: .long, help: "Replace the key: links and phones given the old one are refused from now on.")
    var newToken = false

    @Flag(name: .long, help: "Draw the QR code even when standard output is not a terminal.")
    var qr = false

    @OptionGroup var socket: SocketOption

    func validate() throws {
        try RemoteOption.check(remote)
    }

    func run() throws {
        let file = TokenFile()
        let token = newToken ? try file.renew() : try file.load()
        let address: ListenAddress
        if newToken {
            printNotice("a new key: links and phones given the old one are refused from now on")
            // The key is replaced, which is what was asked: a remote that is off only leaves no link to print.
            do throws(Failure) {
                address = try served()
            } catch {
                printNotice("no link to print: \(error.message)")
                return
            }
        } else {
            address = try served()
        }
        let link = RemoteLink.url(host: RemoteFrontEnd.host(address), port: address.port, token: token)
        print("Open on your phone: \(link)")
        if let reach = RemoteFrontEnd.reach(address) { print("(\(reach))") }
        if qr || isatty(STDOUT_FILENO) == 1 {
            for line in RemoteFrontEnd.picture(link) { print(line) }
        }
    }

    /// Where the page is: the address given here, else where the running player serves it
    /// (whichever way it was turned on), else the config file's when no player answers.
    private func served() throws(Failure) -> ListenAddress {
        if let address = remote.flatMap(ListenAddress.init(parsing:)) { return address }
        if let reply = try? ControlClient.send(.status, to: socket.path, timeout: 2000), reply.ok {
            guard let address = reply.remote.flatMap(ListenAddress.init(parsing:)) else {
                throw .refused("the running player serves no phone remote: start it with --remote 0.0.0.0:\(Defaults.remotePort), "
                               + "or with 'remote: {listen: 0.0.0.0:\(Defaults.remotePort)}' in the config file "
                               + "(its log says why when it could not serve one)")
            }
            return address
        }
        guard let address = try ConfigFile.load().remote else {
            throw .refused("the phone remote is off: turn it on with 'remote: {listen: 0.0.0.0:\(Defaults.remotePort)}' "
                           + "in the config file, or stretchcue serve --remote 0.0.0.0:\(Defaults.remotePort)")
        }
        return address
    }
}
