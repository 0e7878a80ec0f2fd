import Foundation

/// A strict reader of well-formed XML 1.0, enough for the small files apps exchange: elements,
/// attributes, text, the five named entities and character references, CDATA, comments,
/// processing instructions and a DOCTYPE (passed over; entities it declares are not known).
/// Every element and attribute knows its place, and a file that is not XML says where it stops
/// being so. Written here rather than taken from Foundation's XMLParser, whose libxml2 (with
/// libicu) the program would otherwise need on every machine it goes to.
struct XMLReader {
    /// An XML element with the place in the file where its tag and each attribute's value begin.
    struct Element: Sendable, Equatable {
        var name: String
        var attributes: [String: String]
        var attributePlaces: [String: Place]
        var text = ""
        var children: [Element] = []
        var place: Place

        /// Where an attribute's value begins, else where the element's tag does.
        func place(of attribute: String) -> Place {
            attributePlaces[attribute] ?? place
        }
    }

    /// Deeper nesting than any exercise file has; a bound keeps hostile input off the stack.
    static let depthLimit = 64

    private var cursor: ScalarCursor

    /// The root element of a file's bytes: UTF-8, or the Latin-1 its declaration names.
    static func read(_ bytes: [UInt8]) throws(ImportError) -> Element {
        var reader = XMLReader(cursor: ScalarCursor(try decode(bytes)))
        return try reader.document()
    }

    private init(cursor: ScalarCursor) {
        self.cursor = cursor
    }

    // MARK: Characters

    /// UTF-8 unless the declaration says ISO-8859-1 (or US-ASCII, a part of UTF-8).
    private static func decode(_ bytes: [UInt8]) throws(ImportError) -> [Unicode.Scalar] {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        if head.hasPrefix("<?xml"), let end = head.range(of: "?>"),
           let encoding = head[..<end.lowerBound].range(of: #"encoding\s*=\s*["']([A-Za-z0-9._-]+)["']"#, options: .regularExpression) {
            let name = head[encoding].split(whereSeparator: { $0 == "\"" || $0 == "'" }).dropFirst().first.map { $0.lowercased() } ?? ""
            switch name {
            case "utf-8", "utf8", "us-ascii", "ascii": break
            case "iso-8859-1", "latin1", "latin-1", "iso8859-1": return bytes.map { Unicode.Scalar($0) }
            default: throw ImportError("the file says it is in \(name); save it as UTF-8", at: .start)
            }
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case .emptyInput:
                return scalars
            case .error:
                throw ImportError("the file is not UTF-8 text here; save it as UTF-8", at: Place(line: line, column: column))
            }
        }
    }

    private var peek: Unicode.Scalar? { cursor.peek() }
    private var place: Place { cursor.place }

    private func error(_ message: String, at place: Place? = nil) -> ImportError {
        ImportError(message, at: place ?? self.place)
    }

    private mutating func advance() { cursor.advance() }

    private func starts(with text: String) -> Bool { cursor.starts(with: text) }

    private mutating func skip(_ text: String) {
        for _ in text.unicodeScalars { advance() }
    }

    private mutating func skipSpace() {
        while let next = peek, XMLReader.isSpace(next) { advance() }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// XML's characters: no control characters but tab and line ends, no unpaired surrogates.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == ":" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || (scalar.value >= 0xC0 && scalar.value != 0xD7 && scalar.value != 0xF7)
    }

    private static func isName(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || scalar == "-" || scalar == "." || ("0"..."9").contains(scalar) || scalar.value == 0xB7
    }

    // MARK: The document

    private mutating func document() throws(ImportError) -> Element {
        if starts(with: "<?xml") { try instruction() }
        try misc()
        guard peek != nil else { throw error("no XML element in the file") }
        guard peek == "<", let after = cursor.peek(1), XMLReader.isNameStart(after) else {
            throw error("no XML element where the file begins: an XML file starts with '<'")
        }
        let root = try element(depth: 0)
        try misc()
        guard peek == nil else { throw error("more after the end of the document's last element, </\(root.name)>") }
        return root
    }

    /// Space, comments, processing instructions and a DOCTYPE, before or after the root.
    private mutating func misc() throws(ImportError) {
        while true {
            skipSpace()
            if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<?") {
                try instruction()
            } else if starts(with: "<!DOCTYPE") {
                try doctype()
            } else {
                return
            }
        }
    }

    private mutating func comment() throws(ImportError) {
        let start = place
        skip("<!--")
        while !starts(with: "-->") {
            guard let next = peek else { throw error("a comment (<!--) that is never closed with -->", at: start) }
            guard XMLReader.isAllowed(next) else { throw error("a character XML does not allow") }
            guard !starts(with: "--") else { throw error("'--' inside a comment (XML allows it only in the closing -->)") }
            advance()
        }
        skip("-->")
    }

    private mutating func instruction() throws(ImportError) {
        let start = place
        skip("<?")
        while !starts(with: "?>") {
            guard peek != nil else { throw error("a processing instruction (<?) that is never closed with ?>", at: start) }
            advance()
        }
        skip("?>")
    }

    /// Passed over whole, brackets and quotes included.
    private mutating func doctype() throws(ImportError) {
        let start = place
        skip("<!DOCTYPE")
        var brackets = 0
        var quote: Unicode.Scalar?
        while let next = peek {
            if quote == nil, starts(with: "<!--") {
                try comment()
                continue
            }
            advance()
            if let open = quote {
                if next == open { quote = nil }
            } else if next == "\"" || next == "'" {
                quote = next
            } else if next == "[" {
                brackets += 1
            } else if next == "]" {
                brackets -= 1
            } else if next == ">", brackets <= 0 {
                return
            }
        }
        throw error("a <!DOCTYPE that is never closed with '>'", at: start)
    }

    // MARK: Elements

    private mutating func name(_ what: String) throws(ImportError) -> String {
        guard let first = peek, XMLReader.isNameStart(first) else { throw error("\(what) must start with a letter") }
        var name = String.UnicodeScalarView()
        while let next = peek, XMLReader.isName(next) {
            name.append(next)
            advance()
        }
        return String(name)
    }

    private mutating func element(depth: Int) throws(ImportError) -> Element {
        let start = place
        guard depth < XMLReader.depthLimit else { throw error("elements nested more than \(XMLReader.depthLimit) deep") }
        advance() // <
        var element = Element(name: try name("an element's name"), attributes: [:], attributePlaces: [:], place: start)
        while true {
            let hadSpace = peek.map(XMLReader.isSpace) ?? false
            skipSpace()
            guard let next = peek else { throw error("the file ends inside the tag <\(element.name)>") }
            if next == ">" {
                advance()
                break
            }
            if starts(with: "/>") {
                skip("/>")
                return element
            }
            guard hadSpace else { throw error("a space must come before an attribute in <\(element.name)>") }
            let attributeStart = place
            let attribute = try name("an attribute's name")
            guard element.attributes[attribute] == nil else {
                throw error("the attribute '\(attribute)' is given twice in <\(element.name)>", at: attributeStart)
            }
            skipSpace()
            guard peek == "=" else { throw error("'=' and a value in quotes must follow the attribute '\(attribute)'") }
            advance()
            skipSpace()
            element.attributePlaces[attribute] = place
            element.attributes[attribute] = try attributeValue(attribute)
        }
        try content(of: &element, depth: depth)
        return element
    }

    private mutating func attributeValue(_ attribute: String) throws(ImportError) -> String {
        guard let quote = peek, quote == "\"" || quote == "'" else {
            throw error("the value of '\(attribute)' must be in quotes")
        }
        let start = place
        advance()
        var value = String.UnicodeScalarView()
        while true {
            guard let next = peek else { throw error("the value of '\(attribute)' has no closing quote", at: start) }
            if next == quote {
                advance()
                return String(value)
            }
            switch next {
            case "<": throw error("a '<' inside the value of '\(attribute)': write it as &lt;")
            case "&": value.append(contentsOf: try reference())
            case "\t", "\n", "\r":
                // XML reads a line end or tab in an attribute as a space.
                if next == "\r", cursor.peek(1) == "\n" { advance() }
                value.append(" ")
                advance()
            default:
                guard XMLReader.isAllowed(next) else { throw error("a character XML does not allow") }
                value.append(next)
                advance()
            }
        }
    }

    /// Text, children, comments and CDATA up to the element's closing tag.
    private mutating func content(of element: inout Element, depth: Int) throws(ImportError) {
        var text = String.UnicodeScalarView()
        while true {
            guard let next = peek else {
                throw error("the file ends before <\(element.name)> (line \(element.place.line)) is closed")
            }
            if starts(with: "</") {
                let closing = place
                skip("</")
                let name = try name("a closing tag's name")
                skipSpace()
                guard peek == ">" else { throw error("the closing tag </\(name)> is not ended with '>'") }
                guard name == element.name else {
                    throw error("</\(name)> does not close <\(element.name)> (line \(element.place.line))", at: closing)
                }
                advance()
                element.text = String(text)
                return
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<![CDATA[") {
                let start = place
                skip("<![CDATA[")
                while !starts(with: "]]>") {
                    guard let scalar = peek else { throw error("a <![CDATA[ section that is never closed with ]]>", at: start) }
                    guard XMLReader.isAllowed(scalar) else { throw error("a character XML does not allow") }
                    text.append(scalar)
                    advance()
                }
                skip("]]>")
            } else if starts(with: "<?") {
                try instruction()
            } else if next == "<" {
                guard let after = cursor.peek(1), XMLReader.isNameStart(after) else {
                    throw error("a '<' that starts no tag: write it as &lt;")
                }
                element.children.append(try self.element(depth: depth + 1))
            } else if next == "&" {
                text.append(contentsOf: try reference())
            } else {
                guard XMLReader.isAllowed(next) else { throw error("a character XML does not allow") }
                // A line end is one "\n", however the file was saved.
                if next == "\r" {
                    if cursor.peek(1) == "\n" { advance() }
                    text.append("\n")
                    advance()
                    continue
                }
                text.append(next)
                advance()
            }
        }
    }

    /// `&amp;` and its kind, `&#233;`, `&#xE9;`.
    private mutating func reference() throws(ImportError) -> String.UnicodeScalarView {
        let start = place
        advance() // &
        var body = ""
        while let next = peek, next != ";", body.count < 12, XMLReader.isName(next) || next == "#" {
            body.unicodeScalars.append(next)
            advance()
        }
        guard peek == ";", !body.isEmpty else {
            throw error(body.isEmpty ? "a bare '&': write it as &amp;" : "'&\(body)' is missing its ';'", at: start)
        }
        advance()
        let named: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        if let scalar = named[body] { return String.UnicodeScalarView([scalar]) }
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), XMLReader.isAllowed(scalar) else {
                throw error("'&\(body);' is no character XML allows", at: start)
            }
            return String.UnicodeScalarView([scalar])
        }
        throw error("'&\(body);' is an entity XML does not know (only &amp; &lt; &gt; &quot; &apos;): write '&' as &amp;", at: start)
    }
}
