import Foundation
import Logging

/// One plain line per event on standard error, for the journal or a terminal: no colours.
///
/// Under systemd (`$JOURNAL_STREAM` set) the line starts with the syslog priority, `<6>`, which
/// the journal reads as the level and strips, and carries no time, which the journal adds.
/// Elsewhere it starts with the time and the level.
struct ServiceLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    let journal: Bool

    init(journal: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil) {
        self.journal = journal
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = ServiceLogHandler.oneLine("\(event.message)")
        let line = journal ? "<\(ServiceLogHandler.priority(event.level))>\(text)"
                           : "\(Date().formatted(.iso8601)) \(event.level.rawValue): \(text)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A message with a newline in it would read as two events.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }

    /// syslog(3) priorities, as `sd-daemon.h` defines them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
