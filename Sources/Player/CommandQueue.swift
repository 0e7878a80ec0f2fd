import Synchronization

/// A fixed-size queue from one producer thread to one consumer thread, without locks or
/// allocation after creation: the audio thread may read it.
final class CommandQueue: @unchecked Sendable {
    // Slots are written only by the producer before it publishes `tail`, and read only by the
    // consumer after it sees that `tail`; the atomics order the two.
    private let slots: UnsafeMutablePointer<PlayerCommand>
    private let capacity: Int
    private let head = Atomic<Int>(0)
    private let tail = Atomic<Int>(0)

    init(capacity: Int = 64) {
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .pause, count: capacity)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// False when full: the consumer has fallen far behind, and the command is dropped.
    func push(_ command: PlayerCommand) -> Bool {
        let end = tail.load(ordering: .relaxed)
        guard end - head.load(ordering: .acquiring) < capacity else { return false }
        slots[end % capacity] = command
        tail.store(end + 1, ordering: .releasing)
        return true
    }

    func pop() -> PlayerCommand? {
        let start = head.load(ordering: .relaxed)
        guard start < tail.load(ordering: .acquiring) else { return nil }
        let command = slots[start % capacity]
        head.store(start + 1, ordering: .releasing)
        return command
    }
}
