import ALSA
import Glibc
import Player
import Testing

/// The `Player` class around the core: its thread, queue and signals, on a simulated device
/// whose clock stands still unless the player drains it.
@Suite("the player's thread")
struct PlayerThreadTests {
    /// Waits for `signal` as a front end does; the limit only guards against a hang.
    func notified(_ signal: EventSignal) -> Bool {
        var descriptor = pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 60_000) == 1 else { return false }
        signal.drain()
        return true
    }

    func player(on system: SoundSystem) throws -> Player {
        let device = try system.open()
        let clock = system.clock
        return Player(device: device, mixer: try Fixture.tracked(), clock: { clock.now },
                      opener: { () throws(ALSAError) -> any AudioDevice in try system.open() })
    }

    @Test func commandsAreAppliedAndSignalledThenStopEndsIt() throws {
        let system = SoundSystem()
        let player = try player(on: system)
        player.start()
        #expect(player.send(.pause))
        #expect(notified(player.changed))
        #expect(player.position.snapshot().applied == 1)
        #expect(player.send(.stop))
        try player.wait()
        #expect(notified(player.changed), "the end is a change too")
        #expect(player.position.snapshot().finished)
        #expect(player.position.snapshot().applied == 2)
        // Read only now that the thread is done with it.
        #expect(system.device.closed && system.device.drained)
        #expect(system.openAttempts == 1)
    }

    @Test func deviceFailingBeforeItPlaysIsThrownFromWait() throws {
        let system = SoundSystem()
        system.writeLimit = 0
        let player = try player(on: system)
        player.start()
        #expect(throws: ALSAError(code: -EIO, call: "snd_pcm_writei", device: "simulated")) { try player.wait() }
        #expect(notified(player.changed))
        #expect(player.position.snapshot().finished)
        #expect(system.openAttempts == 1)
    }
}
