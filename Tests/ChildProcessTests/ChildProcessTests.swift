import ChildProcess
import Glibc
import Testing

@Suite("another program run under a time limit")
struct ChildProcessTests {
    func output(_ outcome: ChildProcess.Outcome) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(outcome.output.descriptor, &buffer, buffer.count), count > 0 {
            bytes += buffer.prefix(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func seconds(_ work: () throws -> Void) throws -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        try work()
        clock_gettime(CLOCK_MONOTONIC, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    @Test func readsItsInputAndWritesItsOutput() throws {
        let outcome = try ChildProcess.run(shell: "tr a-z A-Z; echo \"$GREETING\"; echo note >&2", input: Array("hello\n".utf8),
                                           environment: ["GREETING": "hi there"], timeLimit: 10)
        #expect(outcome.end == .exited(0))
        #expect(output(outcome) == "HELLO\nhi there\n")
        #expect(outcome.standardError == Array("note\n".utf8))
    }

    @Test func theExitStatusAndASignalAreTold() throws {
        #expect(try ChildProcess.run(shell: "exit 3", input: [], timeLimit: 10).end == .exited(3))
        #expect(try ChildProcess.run(shell: "kill -TERM $$", input: [], timeLimit: 10).end == .signalled(SIGTERM))
        #expect(try ChildProcess.run(shell: "no-such-program-here", input: [], timeLimit: 10).end == .exited(127))
    }

    /// A program that hangs is killed at its limit, with what it started, and its words so far are kept.
    @Test func aHangingProgramEndsAtItsLimit() throws {
        var outcome: ChildProcess.Outcome?
        let took = try seconds {
            outcome = try ChildProcess.run(shell: "echo started >&2; sleep 30 & sleep 30", input: [], timeLimit: 0.5)
        }
        #expect(outcome?.end == .timedOut)
        #expect(outcome?.standardError == Array("started\n".utf8))
        #expect(took >= 0.5 && took < 5, "took \(took) s")
    }

    /// Signals this process blocks (as the player blocks SIGINT for its loop) are not blocked
    /// in the program, and its exit is noticed though a child of it keeps standard error open.
    @Test func theProgramStartsWithDefaultSignalsAndEndsWhenItExits() throws {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        #expect(try ChildProcess.run(shell: "kill -TERM $$; sleep 5", input: [], timeLimit: 10).end == .signalled(SIGTERM))
        var end: ChildProcess.End?
        let took = try seconds { end = try ChildProcess.run(shell: "sleep 30 & exit 0", input: [], timeLimit: 10).end }
        #expect(end == .exited(0))
        #expect(took < 5, "took \(took) s")
    }

    @Test func onlyTheStartOfALongErrorIsKept() throws {
        let outcome = try ChildProcess.run(shell: "head -c 200000 /dev/zero >&2", input: [], timeLimit: 10)
        #expect(outcome.end == .exited(0))
        #expect(outcome.standardError.count == ChildProcess.errorLimit)
    }
}
