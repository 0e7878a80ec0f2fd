import Foundation
import Session

/// Which process plays a session, as Linux tells it (`/proc`).
extension PlayerProcess {
    /// This process; nil where `/proc` does not say.
    public static func current() -> PlayerProcess? {
        let pid = getpid()
        guard let started = startTime(of: pid), let boot = bootID() else { return nil }
        return PlayerProcess(pid: pid, started: started, boot: boot)
    }

    /// Still running: the same boot, and a process of this pid that started when it did.
    public var isRunning: Bool {
        PlayerProcess.bootID() == boot && PlayerProcess.startTime(of: pid) == started
    }

    /// Field 22 of `/proc/PID/stat`: clock ticks from boot to the process's start. The fields
    /// are counted after the name in parentheses, which may itself hold spaces and ')'.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name: state (field 3) is fields[0], so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    static func bootID() -> String? {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
