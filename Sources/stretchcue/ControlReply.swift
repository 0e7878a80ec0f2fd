import Foundation

/// The one-line JSON replies a player sends to `stretchcue ctl`.
enum ControlReply {
    static let ok = "{\"ok\":true}"

    /// `input` marks a mistake in what was asked (a bad routine, say), which `ctl` exits 2 for.
    static func failure(_ message: String, input: Bool = false) -> String {
        let escaped = String(decoding: (try? JSONEncoder().encode(message)) ?? Data("\"error\"".utf8), as: UTF8.self)
        return "{\"ok\":false,\"error\":\(escaped)" + (input ? ",\"input\":true}" : "}")
    }
}
