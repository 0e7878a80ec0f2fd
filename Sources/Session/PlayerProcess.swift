/// One process, told apart from every other: a pid is used again, a pid with its start time
/// (clock ticks after boot) and the boot's id is not.
public struct PlayerProcess: Codable, Sendable, Hashable {
    public var pid: Int32
    public var started: UInt64
    public var boot: String

    public init(pid: Int32, started: UInt64, boot: String) {
        self.pid = pid
        self.started = started
        self.boot = boot
    }
}
