import ArgumentParser
import Config
import Control
import Routine
import Session
import Terminal

struct Ctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Control the playing session from another shell: pause, skip, change the tempo, ask where it is.",
        discussion: """
            Talks to the player (stretchcue play, or a waiting stretchcue serve) over its \
            control socket, which only your own user may use. The same requests come from \
            the keys in play and from signals; docs/control-protocol.md describes them for \
            scripts.

            Examples:
              stretchcue ctl start morning --breath 4-7-8
              stretchcue ctl pause
              stretchcue ctl tempo 4-7-8
              stretchcue ctl status --json | jq .seconds_left

            Exit status: 0 done; 1 no player is running, or it could not do it now; 2 a bad \
            request or routine.
            """,
        subcommands: [Start.self, Pause.self, Resume.self, Toggle.self, Next.self, Previous.self, Faster.self,
                      Slower.self, Tempo.self, Status.self, Stop.self]
    )

    /// Sends one request and returns the reply when the player carried it out.
    static func send(_ request: ControlRequest, to path: String, timeout: Int32 = 5000) throws(Failure) -> ControlReply {
        let reply: ControlReply
        do {
            reply = try ControlClient.send(request, to: path, timeout: timeout)
        } catch {
            throw .system(error.description)
        }
        guard reply.ok else {
            let message = reply.error ?? "the player refused"
            switch reply.problem {
            case .input: throw .input(message)
            case .refused, nil: throw .refused(message)
            case .system: throw .system(message)
            }
        }
        return reply
    }
}

/// A `ctl` command that sends one request and says nothing when it is done.
protocol SimpleRequest: ParsableCommand {
    static var request: ControlRequest { get }
    var socket: SocketOption { get }
}

extension SimpleRequest {
    func run() throws {
        _ = try Ctl.send(Self.request, to: socket.path)
    }
}

extension Ctl {
    struct Pause: SimpleRequest {
        static let configuration = CommandConfiguration(abstract: "Pause the session; a soft chime marks it.")
        static let request = ControlRequest.pause
        @OptionGroup var socket: SocketOption
    }

    struct Resume: SimpleRequest {
        static let configuration = CommandConfiguration(abstract: "Go on after a pause, with a chime and 1.5 s of quiet first.")
        static let request = ControlRequest.resume
        @OptionGroup var socket: SocketOption
    }

    struct Toggle: SimpleRequest {
        static let configuration = CommandConfiguration(abstract: "Pause, or go on if paused.")
        static let request = ControlRequest.toggle
        @OptionGroup var socket: SocketOption
    }

    struct Next: SimpleRequest {
        static let configuration = CommandConfiguration(abstract: "Skip to the next exercise.")
        static let request = ControlRequest.next
        @OptionGroup var socket: SocketOption
    }

    struct Previous: SimpleRequest {
        static let configuration = CommandConfiguration(
            abstract: "Back to the start of this exercise, or to the one before within its first 3 s.",
            aliases: ["prev"])
        static let request = ControlRequest.previous
        @OptionGroup var socket: SocketOption
    }

    struct Faster: SimpleRequest {
        static let configuration = CommandConfiguration(abstract: "Breathe a little faster (each phase 10 % shorter).")
        static let request = ControlRequest.faster
        @OptionGroup var socket: SocketOption
    }

    struct Slower: SimpleRequest {
        static let configuration = CommandConfiguration(abstract: "Breathe a little slower (each phase about 11 % longer).")
        static let request = ControlRequest.slower
        @OptionGroup var socket: SocketOption
    }

    struct Stop: SimpleRequest {
        static let configuration = CommandConfiguration(
            abstract: "Fade out and end the session; its place is saved for --resume.")
        static let request = ControlRequest.stop
        @OptionGroup var socket: SocketOption
    }

    struct Tempo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Breathe another pattern from the next breath on.",
            discussion: "Examples:\n  stretchcue ctl tempo 4-7-8\n  stretchcue ctl tempo 5/min")

        @Argument(help: ArgumentHelp("A breathing pattern, as for play --breath: 6/min, 4-6, 4-7-8, box, coherent, off, ...",
                                     valueName: "pattern"),
                  transform: { try BreathPattern(parsing: $0) })
        var pattern: BreathPattern

        @OptionGroup var socket: SocketOption

        func run() throws {
            _ = try Ctl.send(.tempo(pattern.description), to: socket.path)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where the session is: exercise, side, what to do, time left.",
            discussion: "--json prints the status object of docs/control-protocol.md, for scripts.")

        @Flag(name: .long, help: "Print one JSON object.")
        var json = false

        @OptionGroup var socket: SocketOption

        func run() throws {
            let status = try Ctl.send(.status, to: socket.path).status ?? .idle
            print(json ? status.json : StatusLine.describe(status))
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a session on a waiting `stretchcue serve`.",
            discussion: """
                The routine is a file, or a name in the routines folder; without one, the \
                config file's, else the bundled one. Options left out come from the player's \
                config file. A mistake in the request is the answer at once; then the session \
                is made ready (its voice spoken, its device opened) while the player goes on \
                answering: `ctl status` says "preparing", `ctl stop` gives it up. Without \
                --no-wait, ctl start returns when the session sounds, or says why it could not.

                Examples:
                  stretchcue ctl start
                  stretchcue ctl start morning --breath 4-7-8
                  stretchcue ctl start --resume
                """ + "\n\n" + VoiceOptions.listedInPlay)

        @OptionGroup var session: SessionOptions
        @OptionGroup var device: DeviceOption
        @OptionGroup var sound: SoundOptions
        @OptionGroup(title: "Spoken guidance", visibility: .hidden) var voice: VoiceOptions

        @Flag(name: .long, help: "Go on from where the last session was interrupted.")
        var resume = false

        @Flag(name: .customLong("wait"), inversion: .prefixedNo,
              help: "Return once the session sounds, or say why it could not start (--no-wait: once it is accepted).")
        var wait = true

        @OptionGroup var socket: SocketOption

        func run() throws {
            let choices = Config.chosen(session: session, sound: sound, voice: voice, device: device)
            let options = StartOptions(choices, resume: resume)
            guard wait else {
                let reply = try Ctl.send(.start(options), to: socket.path)
                for notice in reply.notices ?? [] { printNotice(notice) }
                return
            }
            let watch = try RemoteSession.start(options, at: socket.path)
            // The reply came at once; the session sounds once its voice and device are ready.
            // On a terminal, a bar says how far the preparation is, from the player's status.
            let preparing = ProgressLine("getting ready")
            defer { preparing.finish() }
            while !watch.closed {
                if ProgressLine.onTerminal, let status = try? Ctl.send(.status, to: socket.path).status,
                   status.state == .preparing {
                    preparing.update(status.prepared ?? 0)
                }
                for event in watch.waitForEvents(timeout: ProgressLine.onTerminal ? 250 : -1) {
                    switch event.kind {
                    case .begin: return
                    case .end: throw event.failed == true ? Failure.system(event.text) : Failure.refused(event.text)
                    default: continue
                    }
                }
            }
            throw Failure.system("the player went away before the session began")
        }
    }
}
