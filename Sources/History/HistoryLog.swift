import Foundation

/// The history file's format, both ways: one JSON object a line, each a `SessionRecord`,
/// appended as sessions end. Reading never fails: a line that is not a record (damaged, torn by
/// a kill in the middle of a write, or written by something else) is passed over and counted,
/// so the rest is still read.
public enum HistoryLog {
    /// The largest history read: about a quarter of a million sessions.
    public static let maximumBytes = 64 << 20

    public struct Contents: Sendable, Equatable {
        public var records: [SessionRecord]
        /// Lines passed over, by number from 1.
        public var skipped: [Int]

        public init(records: [SessionRecord] = [], skipped: [Int] = []) {
            self.records = records
            self.skipped = skipped
        }
    }

    /// Every record in the file's bytes, in the order written; blank lines are nothing.
    public static func parse(_ bytes: [UInt8]) -> Contents {
        var contents = Contents()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(isBlank) else { continue }
            if let record = try? decoder.decode(SessionRecord.self, from: Data(line)), record.isSound {
                contents.records.append(record)
            } else {
                contents.skipped.append(index + 1)
            }
        }
        return contents
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// A record as the one line to append, newline included. Keys sorted, dates in UTC to the
    /// second, the seconds heard to the millisecond: the same record always gives the same line.
    public static func line(_ record: SessionRecord) -> [UInt8] {
        var record = record
        record.seconds = (record.seconds * 1000).rounded() / 1000
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // A record of plain values always encodes; the fallback is never used.
        let data = (try? encoder.encode(record)) ?? Data("{}".utf8)
        return [UInt8](data) + [UInt8(ascii: "\n")]
    }
}
