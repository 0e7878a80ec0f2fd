import Foundation
import Glibc

/// A terminal as a person has it: tmux, which like most terminal emulators wraps its lines
/// anew when it is made narrower, running one command in a window of a given size; its screen
/// is read back as text, and keys are typed into it. A server of its own for each, so tests
/// run at once and never touch the tester's own tmux.
final class TerminalScreen {
    static let tmux = "/usr/bin/tmux"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: tmux) }

    private let socket = "stretchcue-test-\(UUID().uuidString)"

    /// Runs `arguments` of the built `stretchcue`, then says its exit status (`exit=N`) and
    /// keeps the window open, so that what it left on the screen can be read. The shell
    /// around it outlives a Ctrl-C, as a person's interactive one does.
    init(_ arguments: [String], width: Int, height: Int = 50, environment: [String: String] = [:]) throws {
        let words = [Program.binary.path] + arguments
        let command = "trap : INT; "
            + words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            + "; echo exit=$?; sleep 600"
        try start(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height), command,
                   ";", "set-option", "-g", "remain-on-exit", "on"],
                  environment: Program.environment(environment.merging(["TERM": "xterm"]) { $1 }))
    }

    /// Starts the server through posix_spawn, with nothing open but /dev/null and every signal
    /// as a new process has it: the server that the client forks lives on, and would keep open
    /// whatever it was given (the pipes of a program another test runs meanwhile, whose output
    /// would then never end), and the test runner's blocked signals would keep the command from
    /// ending when the server is killed.
    private func start(_ arguments: [String], environment: [String: String]) throws {
        let argv = ([TerminalScreen.tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        // glibc has it since 2.34, but Swift's Glibc module leaves it out.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let closeFrom = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let error = posix_spawn(&pid, TerminalScreen.tmux, &actions, &attributes, argv, envp)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    deinit {
        close()
    }

    /// Ends the command and the terminal.
    func close() {
        _ = try? tmux(["kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// The rows on the screen now, as it shows them.
    var rows: [String] {
        ((try? tmux(["capture-pane", "-p"])) ?? "").components(separatedBy: "\n")
    }

    /// Every line written so far, the screen and what scrolled off it, each line the terminal
    /// wrapped joined again: a line longer than the window is one the terminal had to wrap.
    var lines: [String] {
        ((try? tmux(["capture-pane", "-p", "-J", "-S", "-"])) ?? "").components(separatedBy: "\n")
    }

    var text: String { lines.joined(separator: "\n") }

    /// Keys by tmux's names: "q", "?", "C-c", "Space".
    func press(_ keys: String...) {
        _ = try? tmux(["send-keys"] + keys)
    }

    func resize(width: Int) {
        _ = try? tmux(["resize-window", "-x", String(width)])
    }

    /// The exit status the command ended with, once it has.
    var exitStatus: Int32? {
        guard let line = lines.last(where: { $0.contains("exit=") }), let at = line.range(of: "exit=") else { return nil }
        return Int32(line[at.upperBound...])
    }

    /// A command to the running server, and its answer.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TerminalScreen.tmux)
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
