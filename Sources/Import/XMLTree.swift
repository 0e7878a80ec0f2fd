import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read whole by Foundation's `XMLParser` (libxml2), as elements that know
/// where they begin in the file. libxml2 reports a place near the end of each start tag; the
/// tag's `<` before it is where a person looks.
struct XMLElement: Sendable {
    var name: String
    var attributes: [String: String]
    var text = ""
    var children: [XMLElement] = []
    /// Where its start tag begins, and the text of that tag (to find an attribute in it).
    var place: Place
    var tag: [Unicode.Scalar]

    /// Where an attribute's value begins, or the tag's place when it cannot be found.
    func place(of attribute: String) -> Place {
        let scalars = tag
        let wanted = Array(attribute.unicodeScalars)
        var line = place.line, column = place.column
        var index = 0
        while index < scalars.count {
            if index > 0, scalars[index - 1].properties.isWhitespace, index + wanted.count < scalars.count,
               Array(scalars[index..<index + wanted.count]) == wanted {
                var after = index + wanted.count
                var (atLine, atColumn) = (line, column + wanted.count)
                while after < scalars.count, scalars[after].properties.isWhitespace || scalars[after] == "=" {
                    if scalars[after] == "\n" { (atLine, atColumn) = (atLine + 1, 1) } else { atColumn += 1 }
                    after += 1
                }
                if after > index + wanted.count { return Place(line: atLine, column: atColumn) }
            }
            if scalars[index] == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            index += 1
        }
        return place
    }
}

enum XMLTree {
    /// The root element, or where and why the file stops being XML.
    static func read(_ data: Data) throws(ImportError) -> XMLElement {
        let builder = Builder(source: String(decoding: data, as: UTF8.self))
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        _ = parser.parse()
        // libxml2 sometimes reports an error and still returns true: the error decides.
        if let failure = builder.failure { throw failure }
        if let code = (parser.parserError as NSError?)?.code {
            throw ImportError(Builder.reason(code, open: builder.open),
                              at: builder.place(of: code, line: parser.lineNumber, column: parser.columnNumber))
        }
        guard let root = builder.root else {
            throw ImportError("no XML element in the file", at: .start)
        }
        return root
    }

    final class Builder: NSObject, XMLParserDelegate {
        let source: [Unicode.Scalar]
        /// Where each line begins in `source`.
        let lineStarts: [Int]
        var open: [XMLElement] = []
        var root: XMLElement?
        var failure: ImportError?

        init(source text: String) {
            source = Array(text.unicodeScalars)
            var starts = [0]
            for (index, scalar) in source.enumerated() where scalar == "\n" { starts.append(index + 1) }
            lineStarts = starts
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let (place, tag) = startTag(line: parser.lineNumber, column: parser.columnNumber)
            open.append(XMLElement(name: name, attributes: attributes, place: place, tag: tag))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = open.popLast() else { return }
            if open.isEmpty {
                if root == nil { root = element }
            } else {
                open[open.count - 1].children.append(element)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !open.isEmpty { open[open.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if !open.isEmpty { open[open.count - 1].text += String(decoding: block, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
            guard failure == nil else { return }
            let code = (error as NSError).code
            failure = ImportError(Builder.reason(code, open: open), at: place(of: code, line: parser.lineNumber, column: parser.columnNumber))
        }

        /// Where a person looks for the error libxml2 noticed at `line`:`column`: the `&` of a
        /// broken entity, the `</` of a closing tag that does not match; else where it noticed.
        func place(of code: Int, line: Int, column: Int) -> Place {
            let noticed = Place(line: max(1, line), column: max(1, column))
            let mark: [Unicode.Scalar]
            switch code {
            case 22, 23, 26, 68: mark = ["&"]
            case 76: mark = ["<", "/"]
            default: return noticed
            }
            guard line >= 1, line <= lineStarts.count else { return noticed }
            let start = lineStarts[line - 1]
            // Back from just before where libxml2 stopped: it has read the token past the mistake.
            var index = min(source.count - 1, start + max(0, column - 2))
            while index >= start {
                if index + mark.count <= source.count, Array(source[index..<index + mark.count]) == mark {
                    return Place(line: line, column: index - start + 1)
                }
                index -= 1
            }
            return noticed
        }

        /// The `<` that begins the tag libxml2 has just read, found back from where it says it is.
        private func startTag(line: Int, column: Int) -> (Place, [Unicode.Scalar]) {
            guard line >= 1, line <= lineStarts.count, !source.isEmpty else { return (Place(line: max(1, line), column: max(1, column)), []) }
            let end = min(source.count - 1, lineStarts[line - 1] + max(0, column - 1))
            var index = end
            while index > 0, source[index] != "<" { index -= 1 }
            let startLine = (lineStarts.lastIndex { $0 <= index } ?? 0)
            return (Place(line: startLine + 1, column: index - lineStarts[startLine] + 1), Array(source[index...end]))
        }

        /// libxml2's error codes (xmlParserErrors), in words; the ones a hand-edited file meets.
        static func reason(_ code: Int, open: [XMLElement]) -> String {
            switch code {
            case 4: return "no XML element where the file begins: an XML file starts with '<'"
            case 5:
                if let last = open.last { return "the file ends before <\(last.name)> (line \(last.place.line)) is closed" }
                return "more after the end of the document's last element"
            case 9: return "a character XML does not allow"
            case 22, 68: return "a bare '&': write it as &amp;"
            case 23: return "an entity (such as &amp;) is missing its ';'"
            case 26: return "an entity XML does not know: write '&' as &amp;"
            case 38: return "a '<' inside an attribute's value: write it as &lt;"
            case 39, 41: return "an attribute's value must be in quotes"
            case 40: return "an attribute's value has no closing quote"
            case 42: return "an attribute given twice in one tag"
            case 45: return "a comment (<!--) that is never closed with -->"
            case 73: return "a tag that is not closed with '>'"
            case 76: return open.last.map { "a closing tag that does not match <\($0.name)> (line \($0.place.line))" }
                ?? "a closing tag that does not match the open one"
            case 77: return "a tag that is not finished"
            case 31, 32, 81: return "an encoding libxml2 cannot read; save the file as UTF-8"
            default: return "not well-formed XML (libxml2 error \(code))"
            }
        }
    }
}
