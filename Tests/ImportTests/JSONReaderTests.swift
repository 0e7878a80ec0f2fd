import Foundation
import Import
import Testing

@Suite("the JSON reader: every value with its place, and where a file stops being JSON")
struct JSONReaderTests {
    /// The value as plain Swift, to compare with Foundation's reading.
    func plain(_ node: JSONNode) -> AnyHashable {
        switch node.value {
        case .object(let members):
            var dictionary: [String: AnyHashable] = [:]
            for member in members { dictionary[member.key] = plain(member.value) }
            return dictionary
        case .array(let items): return items.map(plain)
        case .string(let text): return text
        case .number(let number): return number
        case .bool(let flag): return flag ? "true!" : "false!"
        case .null: return "null!"
        }
    }

    @Test func valuesAndTheirPlaces() throws {
        let text = "{\n  \"a\": [1, -2.5e1, 0],\n  \"é\": {\"b\": \"x\\u00e9\\ud83d\\ude00\\n\\\"\"},\n\t\"c\": true, \"d\": null, \"e\": false\n}"
        let root = try JSONReader.read(text)
        #expect(root.place == Place(line: 1, column: 1))
        let list = try #require(root["a"])
        #expect(list.place == Place(line: 2, column: 8))
        guard case .array(let items) = list.value else { Issue.record("not a list"); return }
        #expect(items.map(\.place) == [Place(line: 2, column: 9), Place(line: 2, column: 12), Place(line: 2, column: 20)])
        #expect(plain(list) == AnyHashable([1.0, -25.0, 0.0] as [AnyHashable]))
        let inner = try #require(root["é"]?["b"])
        #expect(inner.place == Place(line: 3, column: 14), "columns count characters, not bytes")
        #expect(plain(inner) == AnyHashable("xé😀\n\""))
        #expect(root["c"]?.place == Place(line: 4, column: 7), "a tab is one column")
        #expect(root["missing"] == nil && list["a"] == nil)
    }

    @Test func aKeyWrittenTwiceMeansItsLastValue() throws {
        #expect(plain(try #require(try JSONReader.read(#"{"a": 1, "a": 2}"#)["a"])) == AnyHashable(2.0))
    }

    @Test func aByteOrderMarkAndSurroundingSpaceArePassedOver() throws {
        #expect(plain(try JSONReader.read("\u{FEFF} \r\n [] \n")) == AnyHashable([] as [AnyHashable]))
    }

    @Test(arguments: [
        ("", 1, 1, "the file ends where a value should be"),
        ("{", 1, 2, "expected a key in double quotes"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key \"a\""),
        ("{\"a\": 1,}", 1, 9, "a comma before '}' has nothing after it"),
        ("[1, 2,]", 1, 7, "a comma before ']' has nothing after it"),
        ("[1 2]", 1, 4, "expected ',' or ']' after a list item"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after the value of \"a\""),
        ("{\"a\": 1", 1, 8, "the file ends inside an object: a '}' is missing"),
        ("[1,\n 2", 2, 3, "the file ends inside a list: a ']' is missing"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes"),
        ("['a']", 1, 2, "text must be in double quotes (\"), not single ones"),
        ("\"abc", 1, 5, "the file ends inside text: a closing '\"' is missing"),
        ("[\"ab\ncd\"]", 1, 5, "text in quotes goes past the end of the line: a closing '\"' is missing"),
        ("\"a\tb\"", 1, 3, "a control character inside text; write it as an escape such as \\t"),
        ("\"\\x\"", 1, 3, "'\\x' is not an escape JSON knows"),
        ("\"\\u12g4\"", 1, 6, "'\\u' must be followed by four hexadecimal digits"),
        ("\"\\ud83d\"", 1, 8, "half of a surrogate pair, without its other half"),
        ("\"\\ude00\"", 1, 8, "half of a surrogate pair, without its other half"),
        ("[01]", 1, 3, "a number cannot start with 0 followed by digits"),
        ("[1.]", 1, 4, "a '.' in a number must be followed by digits"),
        ("[-]", 1, 3, "a '-' must be followed by digits"),
        ("[1e]", 1, 4, "an exponent must have digits"),
        ("[tru]", 1, 2, "expected a value (an object, a list, text in double quotes, a number, true, false or null)"),
        ("[truex]", 1, 2, "expected a value (an object, a list, text in double quotes, a number, true, false or null)"),
        ("{} {}", 1, 4, "more text after the JSON value ended"),
        ("[NaN]", 1, 2, "expected a value (an object, a list, text in double quotes, a number, true, false or null)"),
    ])
    func whereAFileStopsBeingJSON(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ImportError(message, at: Place(line: line, column: column))) { try JSONReader.read(text) }
    }

    @Test func nestingIsBoundedNotAStackOverflow() throws {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: ImportError("nested more than 64 deep", at: Place(line: 1, column: 65))) { try JSONReader.read(deep) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSONReader.read(fine)
    }

    /// Random documents, written by Foundation, read back the same.
    @Test func whatFoundationWritesReadsTheSame() throws {
        var generator = SystemRandomNumberGenerator()
        func random(_ depth: Int) -> Any {
            switch Int.random(in: depth > 3 ? 2...5 : 0...5, using: &generator) {
            case 0: return Dictionary((0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (randomText(), random(depth + 1)) }) { first, _ in first }
            case 1: return (0..<Int.random(in: 0...4, using: &generator)).map { _ in random(depth + 1) }
            case 2: return randomText()
            case 3: return Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 8
            case 4: return Int.random(in: Int(Int32.min)...Int(Int32.max), using: &generator)
            default: return true
            }
        }
        func randomText() -> String {
            let pool = Array("abc xyz\"\\/\n\t\u{1}é😀€\u{2028}")
            return String((0..<Int.random(in: 0...8, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
        }
        for _ in 0..<300 {
            let value = ["root": random(0)]
            let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            let expected = try JSONSerialization.jsonObject(with: data) as? NSDictionary
            let ours = try JSONReader.read(String(decoding: data, as: UTF8.self))
            let again = try JSONSerialization.data(withJSONObject: foundation(ours), options: [.fragmentsAllowed, .sortedKeys])
            let reference = try JSONSerialization.data(withJSONObject: try #require(expected), options: [.fragmentsAllowed, .sortedKeys])
            #expect(again == reference, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    func foundation(_ node: JSONNode) -> Any {
        switch node.value {
        case .object(let members): Dictionary(members.map { ($0.key, foundation($0.value)) }) { $1 }
        case .array(let items): items.map(foundation)
        case .string(let text): text
        case .number(let number): NSNumber(value: number)
        case .bool(let flag): NSNumber(value: flag)
        case .null: NSNull()
        }
    }

    /// A valid document cut or bent anywhere reads or says why: it never crashes.
    @Test func damagedDocumentsNeverCrash() {
        let text = #"{"title": "Legs \u00e9", "sets": [{"repetitions": 2, "exercises": [{"name": "a", "duration": 3.5e1}]}], "x": [true, false, null]}"#
        let scalars = Array(text.unicodeScalars)
        for cut in 0...scalars.count {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars.prefix(cut))
            _ = try? JSONReader.read(String(view))
        }
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["{", "}", "[", "]", ",", ":", "\"", "\\", "u", "0", "-", "e", ".", " ", "\n", "t"]
        for _ in 0..<2000 {
            var bent = scalars
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bent[Int.random(in: 0..<bent.count, using: &generator)] = pool.randomElement(using: &generator)!
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: bent)
            do {
                _ = try JSONReader.read(String(view))
            } catch {
                #expect(error.line != nil && error.column != nil, "every error has its place")
            }
        }
    }
}
