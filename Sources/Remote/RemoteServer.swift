import Config
import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix
import Session
import Synchronization

/// What every connection's handler shares.
struct RemoteServices: Sendable {
    let tokens: TokenKeeper
    let link: PlayerLink
    let streams: EventStreams
    /// One thread, so that the person's taps reach the player in the order they were made.
    let pool: NIOThreadPool
    let choices: @Sendable () -> RemoteChoices
}

/// The phone remote: a small HTTP server (SwiftNIO's HTTP/1 support on one event loop thread)
/// in front of the control socket. It is a client of the player like `stretchcue ctl`, so the
/// player's loop and the session's rules know nothing of it; a flood of bad requests costs the
/// server's threads, never the audio's.
///
/// Idle, nobody connected, its threads sleep with no timer: the event loop in `epoll_wait`, the
/// pool on a condition, the link in `poll` on the watch connection.
public final class RemoteServer: Sendable {
    /// Where it listens, the port as bound (a port of 0 is given one by the system).
    public let address: ListenAddress
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let services: RemoteServices

    /// Starts listening at `address` for the player at `socket`.
    public init(address: ListenAddress, socket: String, tokens: TokenKeeper,
                choices: @escaping @Sendable () -> RemoteChoices) throws(Failure) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let streams = EventStreams(loop: loop, tokens: tokens)
        let link = PlayerLink(socket: socket, following: { streams.isFollowed }, publish: { streams.publish($0) })
        let services = RemoteServices(tokens: tokens, link: link, streams: streams, pool: pool, choices: choices)
        let open = Atomic<Int>(0)
        let limits = RemoteServer.limits
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            // What one connection can make the player hold, whatever its client does: a read's
            // worth of requests (the pipelining handler reads no more until they are answered),
            // and answers up to the water mark (past it `RemoteHandler` answers no more).
            .childChannelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: Defaults.remoteReadBytes))
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelOption(.writeBufferWaterMark,
                                value: .init(low: Defaults.remoteQueuedBytes / 2, high: Defaults.remoteQueuedBytes))
            .childChannelInitializer { channel in
                // Past the limit a connection is closed as it comes: nothing of it is read.
                guard open.add(1, ordering: .relaxed).newValue <= Defaults.remoteConnections else {
                    open.subtract(1, ordering: .relaxed)
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in open.subtract(1, ordering: .relaxed) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: false,
                        withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
                    try channel.pipeline.syncOperations.addHandler(RemoteErrorHandler())
                    try channel.pipeline.syncOperations.addHandler(RemoteHandler(services: services))
                }
            }
        do {
            channel = try bootstrap.bind(host: address.host, port: address.port).wait()
        } catch {
            try? pool.syncShutdownGracefully()
            try? group.syncShutdownGracefully()
            throw .system("cannot listen for the phone remote on \(address): \(RemoteServer.reason(error))")
        }
        self.address = ListenAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
        self.group = group
        self.services = services
        link.start()
    }

    /// Stops listening, closes every connection and ends the threads.
    public func stop() {
        services.link.stop()
        try? channel.close().wait()
        try? services.pool.syncShutdownGracefully()
        try? group.syncShutdownGracefully()
    }

    /// A request head larger than a browser's is refused (431, `RemoteErrorHandler`) before it
    /// is held whole.
    static let limits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = Defaults.remoteHeaderBytes
        limits.maxHeaderListSize = Defaults.remoteHeaderBytes
        limits.maxHeaderFieldCount = Defaults.remoteHeaderFields
        return limits
    }()

    /// `Address already in use (errno: 98)` and the like, in the system's words.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }
}
