import Yams

/// The keys of one YAML mapping, each checked against the keys allowed there.
public struct YAMLFields {
    var nodes: [String: Node] = [:]
    public subscript(key: String) -> Node? { nodes[key] }
}

/// What every strict decoder of a YAML file shares: each value read through these helpers, so
/// that every problem comes back as `FILE:LINE:COLUMN: message` at the node to fix, and an
/// unknown key gets a "did you mean".
public protocol YAMLDecoding {
    /// Names the file in every error; decoders read nothing from disk.
    var file: String { get }
}

extension YAMLDecoding {
    /// The document's root node, or nil for an empty file. A byte-order mark, which some
    /// editors put first, is not part of the routine.
    public func compose(_ yaml: String) throws(YAMLError) -> Node? {
        let text = yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml
        do {
            return try Yams.compose(yaml: text)
        } catch let failure as YamlError {
            throw tabIndentation(in: text) ?? syntaxError(failure)
        } catch {
            throw self.error(at: nil, "cannot read YAML: \(error)")
        }
    }

    /// The first line indented with a tab, which YAML forbids (libyaml calls it "a character
    /// that cannot start any token"), named for what it is.
    func tabIndentation(in text: String) -> YAMLError? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
            guard let tab = indent.firstIndex(of: "\t") else { continue }
            let column = line.distance(from: line.startIndex, to: tab) + 1
            return YAMLError(file: file, line: number + 1, column: column,
                             message: "a tab indents this line: YAML indents with spaces only")
        }
        return nil
    }

    public func mapping(_ node: Node, _ allowed: [String], what: String, hint: String) throws(YAMLError) -> YAMLFields {
        var problems = YAMLProblems()
        let fields = mapping(node, allowed, what: what, hint: hint, problems: &problems)
        try problems.check()
        return fields ?? YAMLFields()
    }

    /// The known keys of a mapping; each unknown or repeated key is recorded, and the rest
    /// still read. Nil when the node is not a mapping at all.
    public func mapping(_ node: Node, _ allowed: [String], what: String, hint: String,
                        problems: inout YAMLProblems) -> YAMLFields? {
        guard case .mapping(let pairs) = node else {
            problems.record(error(at: node, "\(what) must be \(hint)"))
            return nil
        }
        var fields = YAMLFields()
        for (keyNode, value) in pairs {
            guard case .scalar(let key) = keyNode else {
                problems.record(error(at: keyNode, "keys in \(what) must be plain words"))
                continue
            }
            guard allowed.contains(key.string) else {
                var message = "unknown key '\(key.string)' in \(what)"
                if let guess = KeySuggestion.closest(to: key.string, among: allowed) {
                    message += " (did you mean '\(guess)'?)"
                } else {
                    message += "; expected one of: \(allowed.joined(separator: ", "))"
                }
                problems.record(error(at: keyNode, message))
                continue
            }
            guard fields.nodes[key.string] == nil else {
                problems.record(error(at: keyNode, "'\(key.string)' appears twice in \(what)"))
                continue
            }
            fields.nodes[key.string] = value
        }
        return fields
    }

    public func scalar(_ node: Node, _ key: String) throws(YAMLError) -> String {
        switch node {
        case .scalar(let value): return value.string
        case .mapping: throw error(at: node, "'\(key)' must be a single value, not a mapping")
        case .sequence: throw error(at: node, "'\(key)' must be a single value, not a list")
        case .alias: throw error(at: node, "'\(key)' must be a single value")
        }
    }

    /// Trimmed, non-empty text of at most `limit` characters (ten times that when
    /// `multiline`), on one line unless `multiline`.
    public func text(_ node: Node, _ key: String, multiline: Bool = false, limit: Int) throws(YAMLError) -> String {
        let value = try scalar(node, key).trimmingSpaces
        guard !value.isEmpty else { throw error(at: node, "'\(key)' is empty") }
        guard multiline || !value.contains("\n") else { throw error(at: node, "'\(key)' must be one line") }
        let limit = limit * (multiline ? 10 : 1)
        guard value.count <= limit else { throw error(at: node, "'\(key)' is too long: at most \(limit) characters") }
        return value
    }

    public func count(_ node: Node, _ key: String, in range: ClosedRange<Int>) throws(YAMLError) -> Int {
        let raw = try scalar(node, key)
        guard let value = Int(raw.trimmingSpaces) else {
            throw error(at: node, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound); found '\(raw)'")
        }
        guard range.contains(value) else {
            throw error(at: node, "'\(key)' must be from \(range.lowerBound) to \(range.upperBound); found \(value)")
        }
        return value
    }

    public func error(at node: Node?, _ message: String) -> YAMLError {
        let mark = node?.mark
        return YAMLError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    public func syntaxError(_ failure: YamlError) -> YAMLError {
        switch failure {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return YAMLError(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return YAMLError(file: file, line: context.mark.line, column: context.mark.column,
                                message: "'\(duplicates.joined(separator: "', '"))' appears twice")
        case .reader(let problem, _, _, _):
            return YAMLError(file: file, line: 1, column: 1, message: "cannot read the file as text: \(problem)")
        default:
            return YAMLError(file: file, line: 1, column: 1, message: "YAML error: \(failure)")
        }
    }
}
