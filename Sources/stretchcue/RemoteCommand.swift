import ArgumentParser
import Config
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
            phone on the same network in.

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

    @OptionGroup var option: RemoteOption

    @Flag(name: .long, help: "Replace the key: links and phones given the old one are refused from now on.")
    var newToken = false

    @Flag(name: .long, help: "Draw the QR code even when standard output is not a terminal.")
    var qr = false

    func run() throws {
        let file = TokenFile()
        let token = newToken ? try file.renew() : try file.load()
        if newToken { printNotice("a new key: links and phones given the old one are refused from now on") }
        let configured = try ConfigFile.load().remote
        guard let address = option.address ?? configured else {
            throw Failure.refused("the phone remote is off: turn it on with 'remote: {listen: 0.0.0.0:\(Defaults.remotePort)}' "
                                  + "in the config file, or stretchcue serve --remote 0.0.0.0:\(Defaults.remotePort)")
        }
        let link = RemoteLink.url(host: RemoteFrontEnd.host(address), port: address.port, token: token)
        print("Open on your phone: \(link)")
        if let reach = RemoteFrontEnd.reach(address) { print("(\(reach))") }
        if qr || isatty(STDOUT_FILENO) == 1 {
            for line in RemoteFrontEnd.picture(link) { print(line) }
        }
    }
}
