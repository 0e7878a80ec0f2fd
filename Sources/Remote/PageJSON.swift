import Foundation

/// How the remote's answers are written: compact JSON, keys sorted, on one line (a
/// server-sent event's `data:` may hold no newline).
enum PageJSON {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
