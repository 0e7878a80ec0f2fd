import Config
import NIOCore
import NIOHTTP1

/// Answers a request NIO's decoder could not read, in place of NIO's own handler (which says
/// 400 to everything): a head past the limits is 431, anything else that is not HTTP is 400.
/// The decoder closes the connection after it.
final class RemoteErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// An answer has begun: another cannot be sent in the middle of it.
    private var answering = false

    static let tooLarge = "a request head is at most \(Defaults.remoteHeaderBytes) bytes in \(Defaults.remoteHeaderFields) lines"
    static let unreadable = "not an HTTP request"

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !answering {
            let (status, message) = error == .headerOverflow
                ? (HTTPResponseStatus.requestHeaderFieldsTooLarge, RemoteErrorHandler.tooLarge)
                : (.badRequest, RemoteErrorHandler.unreadable)
            let bytes = Array((message + "\n").utf8)
            var headers = RemoteHandler.plainHeaders
            headers.replaceOrAdd(name: "connection", value: "close")
            headers.replaceOrAdd(name: "content-length", value: "\(bytes.count)")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: answering = true // the remote sends no 1xx heads
        case .end: answering = false
        case .body: break
        }
        context.write(data, promise: promise)
    }
}
