import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Import
import Testing

@Suite("the XML reader: elements and attributes with their places, and where a file stops being XML")
struct XMLReaderTests {
    func read(_ text: String) throws -> XMLReader.Element {
        try XMLReader.read(Array(text.utf8))
    }

    @Test func elementsAttributesTextAndTheirPlaces() throws {
        let root = try read("""
            \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE exercises [ <!ELEMENT exercises ANY> <!-- ] > --> ]>
            <!-- a comment -->
            <exercises version='2'>
              <exercise a="1 &lt; 2" b = "x&#233;&#x1F600;">Tea &amp; biscuits<![CDATA[ <raw> & ]]><?pi here?>
                <step
                  duration="5"/>
              </exercise>
            </exercises>
            <!-- after -->
            """)
        #expect(root.name == "exercises" && root.place == Place(line: 4, column: 1))
        #expect(root.attributes == ["version": "2"] && root.place(of: "version") == Place(line: 4, column: 20))
        let exercise = try #require(root.children.first)
        #expect(exercise.place == Place(line: 5, column: 3))
        #expect(exercise.attributes == ["a": "1 < 2", "b": "xé😀"])
        #expect(exercise.place(of: "b") == Place(line: 5, column: 30))
        #expect(exercise.text.hasPrefix("Tea & biscuits <raw> & \n"))
        let step = try #require(exercise.children.first)
        #expect(step.name == "step" && step.place == Place(line: 6, column: 5) && step.place(of: "duration") == Place(line: 7, column: 16))
        #expect(step.place(of: "missing") == step.place)
    }

    @Test func lineEndsAreOneNewlineAndAttributeLineEndsAreSpaces() throws {
        let root = try read("<a b=\"1\r\n2\tz\">x\r\ny\rz</a>")
        #expect(root.text == "x\ny\nz" && root.attributes["b"] == "1 2 z")
    }

    @Test func latin1DeclaredIsRead() throws {
        let bytes = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>"#.utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try XMLReader.read(bytes).text == "é")
    }

    @Test(arguments: [
        ("", 1, 1, "no XML element in the file"),
        ("<!-- only -->", 1, 14, "no XML element in the file"),
        ("text<a/>", 1, 1, "no XML element where the file begins: an XML file starts with '<'"),
        ("<a", 1, 3, "the file ends inside the tag <a>"),
        ("<a b=1/>", 1, 6, "the value of 'b' must be in quotes"),
        ("<a b/>", 1, 5, "'=' and a value in quotes must follow the attribute 'b'"),
        ("<a b='1'c='2'/>", 1, 9, "a space must come before an attribute in <a>"),
        ("<a b='1' b='2'/>", 1, 10, "the attribute 'b' is given twice in <a>"),
        ("<a b='<'/>", 1, 7, "a '<' inside the value of 'b': write it as &lt;"),
        ("<a b='x/>", 1, 6, "the value of 'b' has no closing quote"),
        ("<a>\n<b></c></a>", 2, 4, "</c> does not close <b> (line 2)"),
        ("<a></a  x>", 1, 9, "the closing tag </a> is not ended with '>'"),
        ("<a>1 < 2</a>", 1, 6, "a '<' that starts no tag: write it as &lt;"),
        ("<a>fish & chips</a>", 1, 9, "a bare '&': write it as &amp;"),
        ("<a>&amp</a>", 1, 4, "'&amp' is missing its ';'"),
        ("<a>&#0;</a>", 1, 4, "'&#0;' is no character XML allows"),
        ("<a>&#xD800;</a>", 1, 4, "'&#xD800;' is no character XML allows"),
        ("<a>\u{1}</a>", 1, 4, "a character XML does not allow"),
        ("<a><!-- a -- b --></a>", 1, 11, "'--' inside a comment (XML allows it only in the closing -->)"),
        ("<a><![CDATA[x</a>", 1, 4, "a <![CDATA[ section that is never closed with ]]>"),
        ("<a><?x </a>", 1, 4, "a processing instruction (<?) that is never closed with ?>"),
        ("<!DOCTYPE a [ <a/>", 1, 1, "a <!DOCTYPE that is never closed with '>'"),
        ("<a/><b/>", 1, 5, "more after the end of the document's last element, </a>"),
        ("<a>\n  <b>\n", 3, 1, "the file ends before <b> (line 2) is closed"),
        ("<1a/>", 1, 1, "no XML element where the file begins: an XML file starts with '<'"),
        ("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a/>", 1, 1, "the file says it is in shift_jis; save it as UTF-8"),
    ])
    func whereAFileStopsBeingXML(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ImportError(message, at: Place(line: line, column: column))) { try read(text) }
    }

    @Test func bytesThatAreNotUTF8AreNamedWhereTheyAre() {
        let bytes = Array("<a>\nok ".utf8) + [0xC3, 0x28] + Array("</a>".utf8)
        #expect(throws: ImportError("the file is not UTF-8 text here; save it as UTF-8", at: Place(line: 2, column: 4))) {
            try XMLReader.read(bytes)
        }
    }

    @Test func nestingIsBoundedNotAStackOverflow() {
        let deep = String(repeating: "<a>", count: 10_000)
        #expect(throws: ImportError("elements nested more than 64 deep", at: Place(line: 1, column: 193))) { try read(deep) }
    }

    // MARK: Against libxml2

    /// The tree libxml2 (through Foundation's XMLParser) reads, to compare with ours.
    final class Tree: NSObject, XMLParserDelegate {
        var stack: [(name: String, attributes: [String: String], text: String, children: [String])] = []
        var root: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append((name, attributes, "", []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: block, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let element = stack.removeLast()
            let text = Tree.describe(element.name, element.attributes, element.text, element.children)
            if stack.isEmpty { root = text } else { stack[stack.count - 1].children.append(text) }
        }

        static func describe(_ name: String, _ attributes: [String: String], _ text: String, _ children: [String]) -> String {
            "\(name)\(attributes.sorted { $0.key < $1.key })[\(text.debugDescription)](\(children.joined(separator: ",")))"
        }
    }

    func ours(_ element: XMLReader.Element) -> String {
        Tree.describe(element.name, element.attributes, element.text, element.children.map(ours))
    }

    /// Random well-formed documents read as libxml2 reads them.
    @Test func randomDocumentsReadAsLibxml2ReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        let words = ["step", "title", "x", "a.b", "é-1", "_n"]
        let texts = ["", " ", "Tea &amp; biscuits", "&lt;&gt;&quot;&apos;", "&#233;&#x1F600;", "\n  line\n", "<![CDATA[ <b> & ]]>",
                     "<!-- note -->", "1 &gt; 0", "ü"]
        func element(_ depth: Int) -> String {
            let name = words.randomElement(using: &generator)!
            var attributes = ""
            for (index, word) in words.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator)).enumerated() {
                let quote = index % 2 == 0 ? "\"" : "'"
                attributes += " \(word)=\(quote)\(["1", "a &amp; b", "", "x&#10;y", "tab\tz"].randomElement(using: &generator)!)\(quote)"
            }
            guard depth < 4, Bool.random(using: &generator) else {
                return Bool.random(using: &generator) ? "<\(name)\(attributes)/>" : "<\(name)\(attributes)>\(texts.randomElement(using: &generator)!)</\(name)>"
            }
            let body = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                texts.randomElement(using: &generator)! + element(depth + 1)
            }.joined()
            return "<\(name)\(attributes)>\(body)</\(name) >"
        }
        for _ in 0..<300 {
            let document = "<?xml version=\"1.0\"?>\n" + element(0) + "\n"
            let tree = Tree()
            let parser = XMLParser(data: Data(document.utf8))
            parser.delegate = tree
            #expect(parser.parse() && parser.parserError == nil, "\(document)")
            #expect(ours(try read(document)) == tree.root, "\(document)")
        }
    }

    /// A document bent anywhere: ours and libxml2 agree on whether it is XML, and ours never crashes.
    @Test func bentDocumentsAreXMLToUsExactlyWhenTheyAreToLibxml2() {
        let document = #"<exercises><exercise a="1" b='x &amp; y'><title>T &#233;</title><!-- c --><s d="2"/>t</exercise></exercises>"#
        let scalars = Array(document.unicodeScalars)
        let pool: [Unicode.Scalar] = ["<", ">", "/", "&", ";", "\"", "'", "=", " ", "a", "#", "!", "-", "?", "["]
        var generator = SystemRandomNumberGenerator()
        var disagreements: [String] = []
        for _ in 0..<3000 {
            var bent = scalars
            bent[Int.random(in: 0..<bent.count, using: &generator)] = pool.randomElement(using: &generator)!
            var view = String.UnicodeScalarView()
            view.append(contentsOf: bent)
            let text = String(view)
            let ourVerdict = (try? read(text)) != nil
            let parser = XMLParser(data: Data(text.utf8))
            let theirVerdict = parser.parse() && parser.parserError == nil
            if ourVerdict != theirVerdict { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
