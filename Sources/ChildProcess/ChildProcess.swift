import CProcess
import Glibc

/// Another program run through `/bin/sh -c` to completion or to a time limit, whichever comes
/// first: the input on its standard input, its standard output into a file of its own, and
/// the start of what it says on standard error.
///
/// It runs in a process group of its own with the default signal dispositions and an empty
/// signal mask (whatever this process blocks or ignores), so that a time limit can end it and
/// every program it started. It is waited for through a pidfd, so the wait is a single `poll`
/// over its end and its standard error, never a loop of sleeps.
public enum ChildProcess {
    /// How a run ended.
    public enum End: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Still running at the time limit, and then killed.
        case timedOut
    }

    public struct Outcome: Sendable {
        public let end: End
        /// What it wrote on standard output, at its first byte, for the caller to read and close.
        public let output: ScratchFile
        /// The first `errorLimit` bytes it wrote on standard error.
        public let standardError: [UInt8]
    }

    /// Standard error beyond this is read and let go: only its start is ever shown.
    public static let errorLimit = 64 << 10

    /// Runs `command` with `input` as its standard input and `environment` added to this
    /// process's own, for at most `timeLimit` seconds.
    public static func run(shell command: String, input: [UInt8], environment: [String: String] = [:],
                           timeLimit: Double) throws(ProcessError) -> Outcome {
        let standardInput = try ScratchFile.temporary()
        try standardInput.write(input)
        let output = try ScratchFile.temporary()
        var ends: [Int32] = [-1, -1]
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw .last("pipe2") }
        let (errorRead, errorWrite) = (ends[0], ends[1])
        defer { close(errorRead) }
        let child: pid_t
        do {
            defer { close(errorWrite) }
            child = try spawn(["/bin/sh", "-c", command], environment: environment,
                              descriptors: [standardInput.descriptor, output.descriptor, errorWrite])
        }
        _ = fcntl(errorRead, F_SETFL, fcntl(errorRead, F_GETFL) | O_NONBLOCK)
        let pidfd = pidfd_open(child, 0)
        guard pidfd >= 0 else {
            let error = ProcessError.last("pidfd_open")
            end(child)
            throw error
        }
        defer { close(pidfd) }

        var standardError: [UInt8] = []
        let deadline = now() + timeLimit
        var finished = false
        var errorOpen = true
        while !finished {
            let left = deadline - now()
            if left <= 0 { break }
            var watched = [pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: errorOpen ? errorRead : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&watched, nfds_t(watched.count), Int32(min(left * 1000 + 1, Double(Int32.max))))
            if ready < 0, errno != EINTR { let error = ProcessError.last("poll"); end(child); throw error }
            if watched[1].revents != 0 { errorOpen = drain(errorRead, into: &standardError) }
            finished = watched[0].revents != 0
        }
        // Whatever it started goes with it; its pid is not free for reuse until it is reaped.
        kill(-child, SIGKILL)
        let status = try reap(child)
        _ = drain(errorRead, into: &standardError)
        try output.rewind()
        let ending: End = !finished ? .timedOut
            : status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        return Outcome(end: ending, output: output, standardError: standardError)
    }

    /// The program started, in a group of its own, with `descriptors` as its 0, 1 and 2.
    private static func spawn(_ arguments: [String], environment: [String: String],
                              descriptors: [Int32]) throws(ProcessError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, descriptor) in descriptors.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, descriptor, Int32(target))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") { variables[String(text[..<equals])] = String(text[text.index(after: equals)...]) }
            entry += 1
        }
        variables.merge(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, envp)
        guard status == 0 else { throw ProcessError(code: status, call: "posix_spawn") }
        return child
    }

    /// Reads what is there; false once the other end is closed.
    private static func drain(_ descriptor: Int32, into bytes: inout [UInt8]) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                bytes += buffer.prefix(max(0, min(count, errorLimit - bytes.count)))
                continue
            }
            if count < 0, errno == EINTR { continue }
            return count < 0 && errno == EAGAIN
        }
    }

    /// The program's wait status, once it has ended.
    private static func reap(_ child: pid_t) throws(ProcessError) -> Int32 {
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            guard errno == EINTR else { throw .last("waitpid") }
        }
        return status
    }

    /// Ends a child that cannot be waited for properly, and reaps it.
    private static func end(_ child: pid_t) {
        kill(-child, SIGKILL)
        _ = try? reap(child)
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
