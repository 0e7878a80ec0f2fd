/// A JSON value with the place in the file where it begins, so that a value of the wrong kind
/// is reported at its own line and column, not only a syntax error.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        /// Members in the order written; a key written twice means its last value, as in most readers.
        case object([(key: String, value: JSONNode)])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public let value: Value
    public let place: Place

    /// A member's value; nil when absent or when this is not an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// What a person calls this kind of value, for messages.
    public var kind: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string: "text"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}

/// A strict JSON reader (RFC 8259) that keeps where each value begins and says where the text
/// stops being JSON. Foundation's decoder reports neither a line nor a column on Linux.
public struct JSONReader {
    /// Deeper nesting than any export has; a bound keeps hostile input off the stack.
    public static let depthLimit = 64

    private var cursor: ScalarCursor

    /// Reads the whole text as one JSON value; a byte-order mark before it is passed over.
    public static func read(_ text: String) throws(ImportError) -> JSONNode {
        var reader = JSONReader(cursor: ScalarCursor(Array(text.unicodeScalars)))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.peek == nil else { throw reader.error("more text after the JSON value ended") }
        return value
    }

    private init(cursor: ScalarCursor) {
        self.cursor = cursor
    }

    private var peek: Unicode.Scalar? { cursor.peek() }
    private var place: Place { cursor.place }

    private func error(_ message: String) -> ImportError { ImportError(message, at: place) }

    private mutating func advance() { cursor.advance() }

    private mutating func skipSpace() {
        while let next = peek, next == " " || next == "\t" || next == "\n" || next == "\r" { advance() }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ message: String) throws(ImportError) {
        guard peek == scalar else { throw error(message) }
        advance()
    }

    private mutating func value(depth: Int) throws(ImportError) -> JSONNode {
        let start = place
        guard let next = peek else { throw error("the file ends where a value should be") }
        switch next {
        case "{":
            guard depth < JSONReader.depthLimit else { throw error("nested more than \(JSONReader.depthLimit) deep") }
            return JSONNode(value: try object(depth: depth), place: start)
        case "[":
            guard depth < JSONReader.depthLimit else { throw error("nested more than \(JSONReader.depthLimit) deep") }
            return JSONNode(value: try array(depth: depth), place: start)
        case "\"":
            return JSONNode(value: .string(try string()), place: start)
        case "-", "0"..."9":
            return JSONNode(value: .number(try number()), place: start)
        case "t", "f", "n":
            for (word, value) in [("true", JSONNode.Value.bool(true)), ("false", .bool(false)), ("null", .null)]
            where matches(word) {
                for _ in word.unicodeScalars { advance() }
                return JSONNode(value: value, place: start)
            }
            throw error("expected a value (an object, a list, text in double quotes, a number, true, false or null)")
        case "'":
            throw error("text must be in double quotes (\"), not single ones")
        default:
            throw error("expected a value (an object, a list, text in double quotes, a number, true, false or null)")
        }
    }

    private func matches(_ word: String) -> Bool {
        guard cursor.starts(with: word) else { return false }
        // `truex` is not `true`.
        guard let after = cursor.peek(word.unicodeScalars.count) else { return true }
        return !(after.properties.isAlphabetic || ("0"..."9").contains(after))
    }

    private mutating func object(depth: Int) throws(ImportError) -> JSONNode.Value {
        advance() // {
        var members: [(key: String, value: JSONNode)] = []
        skipSpace()
        if peek == "}" {
            advance()
            return .object(members)
        }
        while true {
            skipSpace()
            guard peek == "\"" else {
                throw error(peek == "}" ? "a comma before '}' has nothing after it" : "expected a key in double quotes")
            }
            let key = try string()
            skipSpace()
            try expect(":", "expected ':' after the key \"\(key)\"")
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            switch peek {
            case ",": advance()
            case "}":
                advance()
                return .object(members)
            case nil: throw error("the file ends inside an object: a '}' is missing")
            default: throw error("expected ',' or '}' after the value of \"\(key)\"")
            }
        }
    }

    private mutating func array(depth: Int) throws(ImportError) -> JSONNode.Value {
        advance() // [
        var items: [JSONNode] = []
        skipSpace()
        if peek == "]" {
            advance()
            return .array(items)
        }
        while true {
            skipSpace()
            if peek == "]" { throw error("a comma before ']' has nothing after it") }
            items.append(try value(depth: depth + 1))
            skipSpace()
            switch peek {
            case ",": advance()
            case "]":
                advance()
                return .array(items)
            case nil: throw error("the file ends inside a list: a ']' is missing")
            default: throw error("expected ',' or ']' after a list item")
            }
        }
    }

    private mutating func string() throws(ImportError) -> String {
        advance() // "
        var text = String.UnicodeScalarView()
        while true {
            guard let next = peek else { throw error("the file ends inside text: a closing '\"' is missing") }
            switch next {
            case "\"":
                advance()
                return String(text)
            case "\\":
                advance()
                text.append(try escape())
            case "\u{0}"..."\u{1F}":
                throw error(next == "\n" ? "text in quotes goes past the end of the line: a closing '\"' is missing"
                                         : "a control character inside text; write it as an escape such as \\t")
            default:
                text.append(next)
                advance()
            }
        }
    }

    private mutating func escape() throws(ImportError) -> Unicode.Scalar {
        guard let next = peek else { throw error("the file ends inside text") }
        let simple: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "\\": "\\", "/": "/", "b": "\u{8}", "f": "\u{C}",
                                                        "n": "\n", "r": "\r", "t": "\t"]
        if let scalar = simple[next] {
            advance()
            return scalar
        }
        guard next == "u" else { throw error("'\\\(next)' is not an escape JSON knows") }
        advance()
        let high = try hex()
        if (0xD800..<0xDC00).contains(high) {
            guard peek == "\\", cursor.peek(1) == "u" else {
                throw error("half of a surrogate pair, without its other half")
            }
            advance()
            advance()
            let low = try hex()
            guard (0xDC00..<0xE000).contains(low) else { throw error("half of a surrogate pair, without its other half") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("half of a surrogate pair, without its other half") }
        return scalar
    }

    private mutating func hex() throws(ImportError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let next = peek, next.isASCII, let digit = UInt32(String(next), radix: 16) else {
                throw error("'\\u' must be followed by four hexadecimal digits")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private mutating func number() throws(ImportError) -> Double {
        let start = cursor.index
        let digits: ClosedRange<Unicode.Scalar> = "0"..."9"
        if peek == "-" { advance() }
        guard let first = peek, digits.contains(first) else { throw error("a '-' must be followed by digits") }
        advance()
        if first == "0", let next = peek, digits.contains(next) { throw error("a number cannot start with 0 followed by digits") }
        while let next = peek, digits.contains(next) { advance() }
        if peek == "." {
            advance()
            guard let next = peek, digits.contains(next) else { throw error("a '.' in a number must be followed by digits") }
            while let next = peek, digits.contains(next) { advance() }
        }
        if peek == "e" || peek == "E" {
            advance()
            if peek == "+" || peek == "-" { advance() }
            guard let next = peek, digits.contains(next) else { throw error("an exponent must have digits") }
            while let next = peek, digits.contains(next) { advance() }
        }
        // The grammar above admits only what Double reads; huge exponents read as infinity.
        return Double(cursor.text(from: start)) ?? .nan
    }
}
