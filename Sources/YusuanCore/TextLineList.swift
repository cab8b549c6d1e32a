/// A document's non-blank lines as they wait to be stored, held compactly (issue #16): the text
/// once, each line as its place in it (20 bytes) rather than a `TextLine` and a string of its own.
public struct TextLineList: RandomAccessCollection, Sendable {
    struct Row: Sendable {
        var line: Int32
        /// UTF-8 offsets of the line in `base`.
        var start: UInt32, end: UInt32
        /// `Int32.min` for no page.
        var page: Int32
        var narrative: Bool
    }
    private var base: String
    private var rows: [Row] = []

    public init() { base = "" }
    /// Lines to be given as ranges of `text` (`append`).
    public init(text: String, capacity: Int = 0) {
        base = text
        rows.reserveCapacity(capacity)
    }
    public init(_ lines: [TextLine]) {
        base = lines.map(\.text).joined(separator: "\n")
        var at = 0
        for l in lines {
            let n = l.text.utf8.count
            rows.append(Row(line: Int32(clamping: l.line), start: UInt32(clamping: at), end: UInt32(clamping: at + n),
                            page: l.page.map { Int32(clamping: $0) } ?? .min, narrative: l.narrative))
            at += n + 1
        }
    }

    /// Appends a line that is a part of the text this list was made with.
    public mutating func append(line: Int, text: Substring, page: Int?, narrative: Bool) {
        let start = base.utf8.distance(from: base.utf8.startIndex, to: text.startIndex)
        rows.append(Row(line: Int32(clamping: line), start: UInt32(clamping: start), end: UInt32(clamping: start + text.utf8.count),
                        page: page.map { Int32(clamping: $0) } ?? .min, narrative: narrative))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(i: Int) -> TextLine {
        let r = rows[i]
        let u = base.utf8
        let text = String(Substring(u[u.index(u.startIndex, offsetBy: Int(r.start))..<u.index(u.startIndex, offsetBy: Int(r.end))]))
        return TextLine(line: Int(r.line), page: r.page == .min ? nil : Int(r.page), text: text, narrative: r.narrative)
    }
}
