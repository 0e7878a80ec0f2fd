import NIOCore
import NIOHTTP1
import Synchronization

/// The pages following the session: each an open server-sent-events response, fed the
/// newest status as one `data:` frame. Kept on the server's event loop; `publish` may be
/// called from any thread.
///
/// A page that stops reading (its phone asleep with the connection open) is closed once its
/// socket's buffer is full, rather than its statuses piling up in memory; the browser opens
/// the stream again when it wakes. A stream opened with a token since replaced is closed at
/// the next status.
final class EventStreams: Sendable {
    private let loop: any EventLoop
    private let tokens: TokenKeeper
    /// Touched on `loop` only.
    private let streams: NIOLoopBoundBox<[ObjectIdentifier: (channel: any Channel, generation: Int)]>
    private let count = Atomic<Int>(0)

    init(loop: any EventLoop, tokens: TokenKeeper) {
        self.loop = loop
        self.tokens = tokens
        streams = .makeBoxSendingValue([:], eventLoop: loop)
    }

    /// Whether any page follows (from any thread).
    var isFollowed: Bool { count.load(ordering: .relaxed) > 0 }

    /// Takes a stream whose response head was sent, on the loop; false when there are too many.
    /// Its first status comes with the next `publish`, which the caller asks for.
    func add(_ channel: any Channel, generation: Int, limit: Int) -> Bool {
        guard streams.value.count < limit else { return false }
        streams.value[ObjectIdentifier(channel)] = (channel, generation)
        count.store(streams.value.count, ordering: .relaxed)
        channel.closeFuture.whenComplete { [self] _ in
            loop.execute { [self] in
                streams.value[ObjectIdentifier(channel)] = nil
                count.store(streams.value.count, ordering: .relaxed)
            }
        }
        return true
    }

    /// The status to every page.
    func publish(_ status: PageStatus) {
        let frame = EventStreams.frame(status)
        loop.execute { [self] in
            let generation = tokens.current().generation
            for (_, stream) in streams.value {
                if stream.generation != generation {
                    stream.channel.close(promise: nil)
                } else {
                    send(frame, to: stream.channel)
                }
            }
        }
    }

    private func send(_ frame: String, to channel: any Channel) {
        guard channel.isWritable else {
            channel.close(promise: nil)
            return
        }
        let buffer = channel.allocator.buffer(string: frame)
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer)), promise: nil)
    }

    /// One server-sent event: the status as one line of JSON after `data:`.
    static func frame(_ status: PageStatus) -> String {
        "data: \(PageJSON.text(status))\n\n"
    }
}
