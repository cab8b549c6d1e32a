import Foundation

/// A document's non-blank lines as they wait to be stored, held compactly (issue #16): the text
/// once, each line as where it starts in it (8 bytes) rather than a `TextLine` and a string of its
/// own. A line runs to the next newline unless it was cut shorter (`ends`); its page is looked up.
public struct TextLineList: RandomAccessCollection, Sendable {
    struct Row: Sendable {
        /// The line number; the top bit set for narrative.
        var line: UInt32
        /// UTF-8 offset of the line in `base`.
        var start: UInt32
    }
    private var base: String
    private var rows: [Row] = []
    /// Ends of lines that stop before their newline (a line cut to its first 5,000 characters).
    private var ends: [Int: UInt32] = [:]
    private var pages: PageMap?
    /// Pages given line by line (a list made from `TextLine`s).
    private var explicitPages: [Int32]?
    private static let narrativeBit: UInt32 = 1 << 31

    public init() { base = "" }
    /// Lines to be given as parts of `text` (`append`), their pages from `pages`.
    public init(text: String, pages: PageMap? = nil, capacity: Int = 0) {
        base = text
        self.pages = pages
        rows.reserveCapacity(capacity)
    }
    public init(_ lines: [TextLine]) {
        self.init(text: lines.map(\.text).joined(separator: "\n"), capacity: lines.count)
        explicitPages = lines.map { $0.page.map { Int32(clamping: $0) } ?? .min }
        var at = 0
        for l in lines {
            let n = l.text.utf8.count
            if l.text.utf8.contains(UInt8(ascii: "\n")) { ends[rows.count] = UInt32(clamping: at + n) }
            rows.append(Row(line: UInt32(clamping: l.line) & ~Self.narrativeBit | (l.narrative ? Self.narrativeBit : 0),
                            start: UInt32(clamping: at)))
            at += n + 1
        }
    }

    /// Appends a line that is a part of the text this list was made with (under 4 GB).
    public mutating func append(line: Int, text: Substring, narrative: Bool) {
        let u = base.utf8
        let start = u.distance(from: u.startIndex, to: text.startIndex), end = start + text.utf8.count
        if end < u.count, u[u.index(u.startIndex, offsetBy: end)] != UInt8(ascii: "\n") { ends[rows.count] = UInt32(clamping: end) }
        append(line: line, start: start, narrative: narrative)
    }

    /// Appends the line that is the text's UTF-8 from `start` up to its newline (or the text's end).
    public mutating func append(line: Int, start: Int, narrative: Bool) {
        rows.append(Row(line: UInt32(clamping: line) & ~Self.narrativeBit | (narrative ? Self.narrativeBit : 0),
                        start: UInt32(clamping: start)))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// Each line as its number, page, UTF-8 and whether it is narrative, with no `String` made for
    /// it: the store binds the bytes (an ingest stores a million lines and more).
    public func forEachLine(_ body: (_ line: Int, _ page: Int?, _ text: UnsafeBufferPointer<UInt8>, _ narrative: Bool) throws -> Void) rethrows {
        var base = base
        try base.withUTF8 { u in
            for (i, r) in rows.enumerated() {
                let start = Int(r.start)
                let end = (ends.isEmpty ? nil : ends[i]).map(Int.init) ?? ByteSearch.next(0x0A, in: u, from: start)
                let line = Int(r.line & ~Self.narrativeBit)
                let page = explicitPages.map { $0[i] == .min ? nil : Int($0[i]) } ?? pages?.page(ofLine: line)
                try body(line, page, UnsafeBufferPointer(rebasing: u[start..<end]), r.line & Self.narrativeBit != 0)
            }
        }
    }

    public subscript(i: Int) -> TextLine {
        let r = rows[i]
        let u = base.utf8
        let start = u.index(u.startIndex, offsetBy: Int(r.start))
        let end = ends[i].map { u.index(u.startIndex, offsetBy: Int($0)) }
            ?? u[start...].firstIndex(of: UInt8(ascii: "\n")) ?? u.endIndex
        let line = Int(r.line & ~Self.narrativeBit)
        let page = explicitPages.map { $0[i] == .min ? nil : Int($0[i]) } ?? pages?.page(ofLine: line)
        return TextLine(line: line, page: page, text: String(Substring(u[start..<end])), narrative: r.line & Self.narrativeBit != 0)
    }
}
