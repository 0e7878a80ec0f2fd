import Foundation

/// How protocol values become lines: compact JSON, keys sorted, no newline inside, so that
/// one line is one message.
enum WireFormat {
    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain types cannot fail; an empty object keeps the line well formed.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from line: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(line.utf8))
    }

    /// A decoding error in a few words, not Foundation's paragraph.
    static func reason(_ error: any Error) -> String {
        if let error = error as? ControlProtocolError { return error.description }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, _): return "'\(key.stringValue)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not a JSON object" : "'\(path)' has the wrong type"
        case .dataCorrupted: return "not JSON"
        @unknown default: return "\(error)"
        }
    }
}
