import Foundation

/// A piece of text on a line with its horizontal extent: points on a PDF page, character columns
/// in space-aligned text.
public struct Token: Sendable, Equatable {
    public var text: String
    public var x0: Double
    public var x1: Double
    public init(text: String, x0: Double, x1: Double) { self.text = text; self.x0 = x0; self.x1 = x1 }
    /// Looks like a printed amount or count: digits with separators, maybe signed or in brackets.
    public var isNumber: Bool { NumberShape.matches(text) }
}

/// Whether a token looks like an amount (geometry only: no unit or budget knowledge).
enum NumberShape {
    static func matches(_ s: String) -> Bool {
        var digits = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x30...0x39, 0xFF10...0xFF19: digits += 1
            case 0x2C, 0x2E, 0x2D, 0x20, 0x28, 0x29, 0xFF08, 0xFF09, 0x25B3, 0x25B2, 0x2212, 0xFF0C, 0xFF0E, 0x25, 0x2B: continue
            default: return false
            }
        }
        return digits > 0
    }
}

/// A column's horizontal extent.
public struct Span: Sendable, Equatable {
    public var x0: Double
    public var x1: Double
}

/// One row of a table block: its cells, and which of the line's tokens went into each.
public struct GridRow: Sendable, Equatable {
    public var cells: [String]
    public var sources: [[Int]]
}

/// Finds the columns of a block of table lines from how their data rows line up, and gives every
/// line the same number of cells (blank where a row prints nothing in a column).
public enum Columns {
    /// Splits lines into table blocks (lines of two or more pieces, one of them a number, with
    /// blank and short lines inside) and prose; table lines get their cells, prose lines nil.
    /// `gap`: the least space between two columns; `lone`: how far right a number alone on its
    /// line must stand to be a table cell rather than prose.
    public static func blocks(_ lines: [[Token]], gap: Double, lone: Double) -> [GridRow?] {
        blocks(lines, gap: gap, lone: lone, carry: nil).rows
    }

    /// The same, carrying columns across a page break: `carry` holds the columns of the table the
    /// previous page ended with; a block that opens with a data row (no header of its own) is its
    /// continuation and keeps those columns, even where this page prints nothing in one of them.
    /// Also returns the columns of the last block, for the next page.
    public static func blocks(_ lines: [[Token]], gap: Double, lone: Double, carry: [Span]?) -> (rows: [GridRow?], last: [Span]?) {
        func isTable(_ t: [Token]) -> Bool {
            t.count >= 2 && t.contains(where: \.isNumber) || t.count == 1 && t[0].isNumber && t[0].x0 >= lone
        }
        var out = [GridRow?](repeating: nil, count: lines.count)
        var lastSpans: [Span]?
        var i = 0
        while i < lines.count {
            guard isTable(lines[i]) else { i += 1; continue }
            // The block runs on over rows of text (two or more pieces) and up to two other lines,
            // and ends with its last row of figures.
            var j = i, last = i, quiet = 0
            while j < lines.count {
                if isTable(lines[j]) { last = j; quiet = 0 } else if lines[j].count < 2 {
                    quiet += 1
                    if quiet > 2 { break }
                }
                j += 1
            }
            // Header lines just above the first data line belong to the block too.
            var first = i
            while first > 0, lines[first - 1].count >= 2, i - first < 4, out[first - 1] == nil { first -= 1 }
            let block = Array(first...last).filter { !lines[$0].isEmpty }
            // Only a block at the top of the page continues the previous page's table.
            let seed = (first == i && lastSpans == nil && first <= 1) ? carry : nil
            let (rows, spans) = grid(block.map { lines[$0] }, gap: gap, seed: seed)
            for (k, n) in block.enumerated() { out[n] = rows[k] }
            lastSpans = spans
            i = last + 1
        }
        // What the next page may continue: the table this page ends with (a page number after it at most).
        let endsWithTable = lines.indices.last.map { n in out[n] != nil || (n > 0 && out[n - 1] != nil && lines[n].count <= 1) } ?? false
        return (out, endsWithTable ? lastSpans : nil)
    }

    /// `lines`: tokens of each line, left to right. `gap`: the least horizontal space between
    /// two columns. Returns one row of cells per line.
    public static func grid(_ lines: [[Token]], gap: Double, seed: [Span]? = nil) -> (rows: [GridRow], spans: [Span]) {
        let data = lines.filter { $0.contains(where: \.isNumber) }
        var spans: [Span] = []
        // Columns from the data rows: overlapping extents are one column (left-aligned names share
        // their left edge, right-aligned amounts their right edge).
        let pieces = data.flatMap { $0 }.map { Span(x0: $0.x0, x1: $0.x1) } + (seed ?? [])
        for t in pieces.sorted(by: { $0.x0 < $1.x0 }) {
            if let last = spans.last, t.x0 < last.x1 + gap * 0.5 {
                spans[spans.count - 1].x1 = max(last.x1, t.x1)
            } else {
                spans.append(t)
            }
        }
        // Header words in a column no data row fills keep their place: a token that overlaps no
        // span opens a column of its own.
        for t in lines.flatMap({ $0 }).sorted(by: { $0.x0 < $1.x0 }) where !spans.contains(where: { overlap($0, t) > 0 }) {
            let i = spans.firstIndex { $0.x0 > t.x0 } ?? spans.count
            spans.insert(Span(x0: t.x0, x1: t.x1), at: i)
        }
        let rows = lines.map { tokens in
            var cells = [String](repeating: "", count: spans.count)
            var sources = [[Int]](repeating: [], count: spans.count)
            for (k, t) in tokens.enumerated() {
                // The column it overlaps most; ties go left (a header centred over two columns).
                var best = 0, bestOverlap = -Double.infinity
                for (i, s) in spans.enumerated() {
                    let o = overlap(s, t)
                    if o > bestOverlap { best = i; bestOverlap = o }
                }
                cells[best] = join(cells[best], t.text)
                sources[best].append(k)
            }
            return GridRow(cells: cells, sources: sources)
        }
        return (rows, spans)
    }

    static func overlap(_ s: Span, _ t: Token) -> Double {
        min(s.x1, t.x1) - max(s.x0, t.x0)
    }

    /// Joins two pieces of one cell: CJK text runs on, Latin words and numbers keep a space.
    static func join(_ a: String, _ b: String) -> String {
        guard let l = a.unicodeScalars.last, let f = b.unicodeScalars.first else { return a + b }
        return (l.isASCII && f.isASCII) ? a + " " + b : a + b
    }
}

/// Space-aligned text (what `pdftotext -layout` writes, or a table typed with spaces) → lines of
/// tab-separated cells that the table readers take. Lines with tabs, and prose, pass unchanged.
public enum AlignedText {
    /// The converted lines, one for each input line (so line numbers stay those of the file).
    /// Lines with a tab are left alone, as are prose lines.
    public static func tabulate(_ lines: [Substring]) -> [String] {
        let narrow = lines.map { $0.contains("\t") ? [] : tokens($0, wide: false) }
        let wide = lines.map { $0.contains("\t") ? [] : tokens($0, wide: true) }
        // Column positions by character count (pdftotext) or by display width (typed in a CJK
        // editor): whichever lines up the amounts' right edges better.
        let chosen = alignment(wide) < alignment(narrow) ? wide : narrow
        let rows = Columns.blocks(chosen, gap: 2, lone: 8)
        return lines.indices.map { i in rows[i].map { $0.cells.joined(separator: "\t") } ?? String(lines[i]) }
    }

    /// Whether a text is laid out with spaces at all (else it needs no conversion).
    public static func isSpaceAligned(_ lines: [Substring]) -> Bool {
        var aligned = 0, tabbed = 0
        for l in lines {
            if l.contains("\t") { tabbed += 1 } else if isTableLine(l) { aligned += 1 }
        }
        return aligned >= 3 && aligned * 2 > tabbed
    }

    /// Two or more pieces apart by runs of spaces, at least one of them a number.
    static func isTableLine(_ l: Substring) -> Bool {
        guard !l.contains("\t") else { return false }
        let t = tokens(l, wide: false)
        return t.count >= 2 && t.contains(where: \.isNumber)
    }

    /// Pieces of a line separated by two or more spaces (or one ideographic space).
    static func tokens(_ l: Substring, wide: Bool) -> [Token] {
        var out: [Token] = []
        var col = 0.0, start = 0.0, end = 0.0, current = "", spaces = 0
        func flush() {
            let t = current.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty { out.append(Token(text: t, x0: start, x1: end)) }
            current = ""
        }
        for ch in l {
            let w: Double = ch == "\u{3000}" ? 2 : (wide && !(ch.isASCII) ? 2 : 1)
            if ch == " " || ch == "\u{3000}" || ch == "\u{A0}" {
                spaces += ch == "\u{3000}" ? 2 : 1
                if spaces >= 2, !current.isEmpty { flush() }
                if !current.isEmpty { current.append(ch) }
            } else {
                if current.isEmpty { start = col }
                spaces = 0
                current.append(ch)
                end = col + w
            }
            col += w
        }
        spaces = 0
        flush()
        return out
    }

    /// How scattered the right edges of numbers are: the count of distinct edges (lower is better).
    static func alignment(_ lines: [[Token]]) -> Int {
        Set(lines.flatMap { $0.filter(\.isNumber).map { Int($0.x1) } }).count
    }
}
