import Config
import Control
import NIOCore
import NIOHTTP1
import NIOPosix

/// One connection to the remote: reads each request (NIO's HTTP/1 decoder parses it, within
/// the header limits the server set), checks its token, and answers it. Runs on the server's
/// event loop and never blocks it: requests to the player go to the server's thread pool.
///
/// A request must arrive whole within `Defaults.remoteRequestSeconds` of the connection's
/// start (or of the previous answer); a body over `Defaults.remoteBodyBytes` is refused. A
/// connection that became an event stream stays open.
///
/// Whatever a client does, its connection holds a bounded amount of memory: a refused request
/// is answered and the connection closed (a client without the key gets one answer, however
/// many requests it sends ahead); while the answers queued for a client that does not read
/// them pass `Defaults.remoteQueuedBytes`, its next request waits, and NIO's pipelining
/// handler reads nothing more from it until that one is answered.
final class RemoteHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let services: RemoteServices
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The request is refused already (too large): what else comes of it is dropped.
    private var discarding = false
    /// A refusal is on its way and the connection closes after it: nothing more is read.
    private var closing = false
    /// A whole request waiting for its client to read the answers before it.
    private var waiting: (head: HTTPRequestHead, body: [UInt8])?
    private var deadline: Scheduled<Void>?
    private var streaming = false

    init(services: RemoteServices) {
        self.services = services
    }

    func handlerAdded(context: ChannelHandlerContext) {
        armDeadline(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            discarding = false
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > Defaults.remoteBodyBytes {
                refuse(context, head, 413, RemoteHandler.bodyTooLarge)
            }
        case .body(var chunk):
            guard !discarding, let head else { return }
            body += chunk.readBytes(length: chunk.readableBytes) ?? []
            if body.count > Defaults.remoteBodyBytes {
                refuse(context, head, 413, RemoteHandler.bodyTooLarge)
            }
        case .end:
            guard !discarding, let head else { return }
            let request = (head: head, body: body)
            self.head = nil
            body = []
            // The deadline set at the last answer keeps running while the request waits: a
            // client that never reads is dropped.
            guard context.channel.isWritable else {
                waiting = request
                return
            }
            answer(context, request.head, request.body)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let request = waiting {
            waiting = nil
            answer(context, request.head, request.body)
        }
        context.fireChannelWritabilityChanged()
    }

    static let bodyTooLarge = "a request body is at most \(Defaults.remoteBodyBytes) bytes"

    // MARK: Answers

    private func answer(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ body: [UInt8]) {
        deadline?.cancel()
        let (path, query) = RemoteHandler.split(head.uri)
        let (key, generation) = services.tokens.current()
        guard let token = key else {
            refuse(context, head, 503, RemoteAccess.keyRefused)
            return
        }
        let request = RemoteAccess.Request(method: head.method.rawValue, path: path,
                                           queryToken: RemoteAccess.queryToken(in: query),
                                           cookie: head.headers["cookie"].joined(separator: "; "),
                                           origin: head.headers.first(name: "origin"), host: head.headers.first(name: "host"),
                                           fetchSite: head.headers.first(name: "sec-fetch-site"))
        switch RemoteAccess.decide(request, token: token) {
        case .refuse(let status, let message):
            refuse(context, head, status, message)
            return
        case .keep(let cookie, let location):
            var headers = RemoteHandler.plainHeaders
            headers.add(name: "location", value: location)
            headers.add(name: "set-cookie", value: cookie)
            respond(context, head, .seeOther, headers, Array("opening the remote\n".utf8))
            return
        case .allow:
            break
        }
        switch RemoteRoute(method: head.method.rawValue, path: path, body: body) {
        case .refuse(let status, let message):
            refuse(context, head, status, message)
        case .asset(let asset):
            var headers = RemoteHandler.pageHeaders
            headers.replaceOrAdd(name: "content-type", value: asset.contentType)
            let bytes = asset == .manifest ? Array(PageJSON.text(RemoteManifest(token: token)).utf8) : asset.bytes
            respond(context, head, .ok, headers, bytes)
        case .events:
            openStream(context, head, generation: generation)
        case .status:
            later(context, head) { [services] in PageJSON.text(services.link.status()) }
        case .choices:
            later(context, head) { [services] in PageJSON.text(services.choices()) }
        case .control(let controlRequest):
            let link = services.link
            let loop = context.eventLoop
            services.pool.runIfActive(eventLoop: loop) { () -> ControlReply in
                let reply = link.send(controlRequest)
                link.refresh()
                return reply
            }.assumeIsolated().whenComplete { [self] result in
                let reply = (try? result.get()) ?? .failure("the remote is shutting down", .system)
                var headers = RemoteHandler.apiHeaders
                headers.replaceOrAdd(name: "content-type", value: "application/json")
                respond(context, head, RemoteHandler.status(of: reply), headers,
                        Array(PageJSON.text(RemoteReply(reply)).utf8))
            }
        }
    }

    /// Work that may block (the player's answer, reading routines) on the pool; the JSON it
    /// makes is the answer.
    private func later(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ work: @escaping @Sendable () -> String) {
        services.pool.runIfActive(eventLoop: context.eventLoop, work).assumeIsolated().whenComplete { [self] result in
            var headers = RemoteHandler.apiHeaders
            headers.replaceOrAdd(name: "content-type", value: "application/json")
            switch result {
            case .success(let json): respond(context, head, .ok, headers, Array(json.utf8))
            case .failure: refuse(context, head, 503, "the remote is shutting down")
            }
        }
    }

    private func openStream(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, generation: Int) {
        var headers = RemoteHandler.apiHeaders
        headers.replaceOrAdd(name: "content-type", value: "text/event-stream")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
        context.flush()
        streaming = true
        deadline?.cancel()
        guard services.streams.add(context.channel, generation: generation, limit: Defaults.remoteStreams) else {
            // The head is out: ending the response at once tells the browser to retry later.
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        let link = services.link
        services.pool.submit { _ in link.refresh() }
    }

    /// Every refusal ends the connection: a client that is refused once (no key, a wrong one,
    /// a request that is not the page's) would be refused again, and answering each request
    /// it sent ahead would only pile the answers up.
    private func refuse(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ status: Int, _ message: String) {
        discarding = true
        respond(context, head, HTTPResponseStatus(statusCode: status), RemoteHandler.plainHeaders,
                Array((message + "\n").utf8), close: true)
    }

    private func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ status: HTTPResponseStatus,
                         _ headers: HTTPHeaders, _ bytes: [UInt8], close: Bool = false) {
        guard context.channel.isActive else { return }
        var headers = headers
        headers.replaceOrAdd(name: "content-length", value: "\(bytes.count)")
        let keepAlive = head.isKeepAlive && !close
        if !keepAlive {
            // Before the answer's end is written: NIO's pipelining handler hands over the next
            // request then, which is not answered.
            closing = true
            headers.replaceOrAdd(name: "connection", value: "close")
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
        }
        let sent = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        // Kept alive, the next request has this long to come; closing, the answer this long
        // to be taken.
        armDeadline(context)
        if !keepAlive {
            sent.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Closes a connection that has not sent its whole request in time, or not taken the
    /// answers before it.
    private func armDeadline(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: .seconds(Int64(Defaults.remoteRequestSeconds))) {
            channel.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Words

    /// The path and the query of a request target.
    static func split(_ uri: String) -> (path: String, query: Substring?) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, nil) }
        return (String(uri[..<mark]), uri[uri.index(after: mark)...])
    }

    static func status(of reply: ControlReply) -> HTTPResponseStatus {
        guard !reply.ok else { return .ok }
        switch reply.problem {
        case .input: return .badRequest
        case .refused: return .conflict
        case .system, nil: return .serviceUnavailable
        }
    }

    /// Every answer: nothing kept, sniffed, framed or told to other sites.
    static let plainHeaders: HTTPHeaders = [
        "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
    ]
    static let apiHeaders = plainHeaders

    /// The page may run its own inline script and style, and talk to this server alone.
    static let pageHeaders: HTTPHeaders = {
        var headers = plainHeaders
        headers.add(name: "content-security-policy", value: "default-src 'none'; script-src 'unsafe-inline'; "
                    + "style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; manifest-src 'self'; "
                    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        return headers
    }()
}

/// A control reply as the page reads it.
struct RemoteReply: Encodable {
    let ok: Bool
    let error: String?
    let notices: [String]?

    init(_ reply: ControlReply) {
        ok = reply.ok
        error = reply.error
        notices = reply.notices
    }
}
