import Foundation

/// How `stretchcue devices` shows the devices: a column of names a person can copy into
/// `-D`, or JSON for scripts.
enum DeviceList {
    struct Entry: Encodable {
        let name: String
        let description: [String]
        let isDefault: Bool

        enum CodingKeys: String, CodingKey {
            case name, description
            case isDefault = "default"
        }
    }

    /// Names wider than this push only their own description out, not the whole column.
    static let widestColumn = 28

    static func text(_ entries: [Entry]) -> String {
        let width = min(widestColumn, entries.map(\.name.count).max() ?? 0)
        let lines = entries.map { entry in
            let mark = entry.isDefault ? "*" : " "
            let name = entry.name.padding(toLength: max(width, entry.name.count), withPad: " ", startingAt: 0)
            return "\(mark) \(name)  \(entry.description.joined(separator: " — "))"
        }
        return (["Playback devices (* plays when no device is named):"] + lines
            + ["Try one with: stretchcue devices --test NAME"]).joined(separator: "\n")
    }

    static func json(_ entries: [Entry]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
