import Foundation

/// A piece of text on a line with its horizontal extent: points on a PDF page, character columns
/// in space-aligned text.
public struct Token: Sendable, Equatable {
    public var text: String
    public var x0: Double
    public var x1: Double
    /// Space-aligned text: a single space parts it from the piece before, so pdftotext may have
    /// pushed it there (it keeps a space between pieces that would touch): where it stands says
    /// only that it follows that piece.
    public var tight = false
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
            case 0x2C, 0x2E, 0x2D, 0x28, 0x29, 0xFF08, 0xFF09, 0x25B3, 0x25B2, 0x2212, 0xFF0C, 0xFF0E, 0x25, 0x2B: continue
            default: return false
            }
        }
        return digits > 0
    }
}

/// One row of a table block: its cells, and which of the line's tokens went into each.
public struct GridRow: Sendable, Equatable {
    public var cells: [String]
    public var sources: [[Int]]
    /// Space-aligned text: the row's figures could stand in other columns about as well (see
    /// `Columns.unsure`), so they are not to be read.
    public var unsure = false
    public init(cells: [String], sources: [[Int]], unsure: Bool = false) {
        self.cells = cells; self.sources = sources; self.unsure = unsure
    }
}

/// Finds the columns of a block of table lines from how their data rows line up, and gives every
/// line the same number of cells (blank where a row prints nothing in a column).
public enum Columns {
    /// Splits lines into table blocks (rows of two or more pieces, one of them a number, with
    /// blank and short lines inside) and prose; table lines get their cells, prose lines nil.
    /// `gap`: the least space between two columns; `lone`: how far right a number alone on its
    /// line must stand to be a table cell; `isTable` overrides which lines hold a table row.
    /// `pages`: the page of each line, where each page has its own character grid (pdftotext).
    public static func blocks(_ lines: [[Token]], gap: Double, lone: Double, apart: Bool = false, pages: [Int]? = nil,
                              isTable row: ((Int, [Token]) -> Bool)? = nil) -> [GridRow?] {
        func isTable(_ k: Int) -> Bool {
            if let row { return row(k, lines[k]) }
            let t = lines[k]
            return t.count >= 2 && t.contains(where: \.isNumber) || t.count == 1 && t[0].isNumber && t[0].x0 >= lone
        }
        var out = [GridRow?](repeating: nil, count: lines.count)
        var i = 0
        while i < lines.count {
            guard isTable(i) else { i += 1; continue }
            // The block runs on over rows of text (two or more pieces) and up to two other lines,
            // and ends with its last row of figures.
            var j = i, last = i, quiet = 0
            // Where the block's words start: a line of one word starting there is a row whose other
            // cells are blank (the 支出 side of a 收支总表 running on below its 收入 side).
            // (Right of where the block's rows start: prose starts at the margin. A line of figures
            // alone, offset above its row, does not say where rows start.)
            var starts = Set<Int>(), margin = Double.infinity
            while j < lines.count {
                if isTable(j) {
                    last = j; quiet = 0
                    for t in lines[j] where !t.isNumber { starts.insert(Int((t.x0 / gap).rounded())) }
                    if let f = lines[j].first, !lines[j].allSatisfy(\.isNumber) { margin = min(margin, f.x0) }
                } else if lines[j].count == 1, !lines[j][0].isNumber, starts.contains(Int((lines[j][0].x0 / gap).rounded())),
                          lines[j][0].x0 > (margin.isFinite ? margin : lines[i].first?.x0 ?? 0) + gap {
                    quiet = 0
                } else if lines[j].count < 2 {
                    quiet += 1
                    if quiet > 2 { break }
                }
                j += 1
            }
            // Header lines just above the first data line belong to the block too.
            // (A page break — a blank line — may stand between a header and its first row.)
            var first = i, k = i
            while k > 0, i - k < 6, out[k - 1] == nil, lines[k - 1].count >= 2 || lines[k - 1].isEmpty {
                k -= 1
                if !lines[k].isEmpty { first = k }
            }
            let block = Array(first...last).filter { !lines[$0].isEmpty }
            var tokens = block.map { lines[$0] }
            if let pages { register(&tokens, pages: block.map { pages[$0] }) }
            let rows = apart ? spacedGrid(tokens, gap: gap, pages: pages.map { p in block.map { p[$0] } }) : grid(tokens, gap: gap)
            for (k, n) in block.enumerated() { out[n] = rows[k] }
            if apart { foldWrappedLabels(block, &out, lines) }
            foldOffsetFigures(block, &out)
            foldWrappedNames(block, &out, full: apart)
            if apart { doubtFiguresAlone(block, &out, lines, gap: gap) }
            i = last + 1
        }
        return out
    }

    /// `lines`: tokens of each line, left to right. `gap`: the least horizontal space between
    /// two columns. Returns one row of cells per line, and the columns found.
    ///
    /// Columns are where many rows line up: amounts by their right edge, words by their left edge
    /// (each clustered within `gap`). Each row's tokens are then matched to the columns in order,
    /// nearest first — so a row whose text is a little wider or narrower than the others (as
    /// `pdftotext -layout` prints CJK beside digits) still lands in the right columns.
    /// `apart`: two figures (or words) of one row are never one column (see `apartColumns`).
    public static func grid(_ lines: [[Token]], gap: Double, apart: Bool = false) -> [GridRow] {
        layout(lines, gap: gap, apart: apart, words: apart, headers: apart).rows
    }

    /// The rows of `grid`, and the columns they were matched to.
    /// `words`: words of one row are kept apart too, not only figures.
    /// `headers`: headings over no column of figures are columns of their own (see `headingColumns`).
    static func layout(_ lines: [[Token]], gap: Double, apart: Bool, words: Bool, headers: Bool) -> (rows: [GridRow], columns: [Column]) {
        var columns: [Column] = []
        // Only rows with figures define columns; headers are matched to them.
        let data = lines.filter { $0.contains(where: \.isNumber) }
        for number in [true, false] {
            if apart && (number || words) {
                columns += apartColumns(data, gap: gap, number: number)
                continue
            }
            var edges = data.flatMap { $0.filter { $0.isNumber == number }.map { (number ? $0.x1 : $0.x0, $0.x1 - $0.x0) } }
            edges.sort { $0.0 < $1.0 }
            var cluster: [(Double, Double)] = []
            func close() {
                guard !cluster.isEmpty else { return }
                let at = cluster.map(\.0).reduce(0, +) / Double(cluster.count)
                let width = cluster.map(\.1).max() ?? 0
                columns.append(Column(number: number, anchor: at, width: width, leftEdge: nil))
                cluster = []
            }
            for e in edges {
                if let last = cluster.last, e.0 - last.0 > gap { close() }
                cluster.append(e)
            }
            close()
        }
        columns.sort { $0.centre < $1.centre }
        // Words that start inside a column of figures share it (“合计” left-aligned over right-aligned
        // codes); two columns of one kind that overlap are one.
        func shared(_ a: Column, _ b: Column) -> Bool {
            // (Columns kept apart stay apart.)
            if a.number == b.number { return !(apart && words) && b.left < a.right - 0.5 }
            let (num, word) = a.number ? (a, b) : (b, a)
            return word.anchor >= num.anchor - num.width - 0.5 && word.anchor <= num.anchor
        }
        var merged: [Column] = []
        for c in columns {
            if let last = merged.last, shared(last, c) {
                merged[merged.count - 1] = last.absorbing(c)
            } else {
                merged.append(c)
            }
        }
        columns = merged
        if headers {
            columns += headingColumns(lines, columns, gap: gap)
            columns.sort { $0.centre < $1.centre }
        }
        let rows = lines.map { tokens -> GridRow in
            var cells = [String](repeating: "", count: columns.count)
            var sources = [[Int]](repeating: [], count: columns.count)
            for (k, c) in match(tokens, columns).enumerated() {
                cells[c] = join(cells[c], tokens[k].text)
                sources[c].append(k)
            }
            return GridRow(cells: cells, sources: sources)
        }
        return (rows, columns)
    }

    /// A column: amounts aligned on their right edge, or words on their left edge.
    struct Column {
        var number: Bool
        var anchor: Double
        var width: Double
        /// A column of both kinds (words and figures sharing it) keeps both edges.
        var leftEdge: Double?
        var centre: Double { (left + right) / 2 }
        var left: Double { leftEdge ?? (number ? anchor - width : anchor) }
        var right: Double { number ? anchor : (leftEdge.map { _ in anchor } ?? anchor + width) }
        func absorbing(_ o: Column) -> Column {
            // Figures keep the right edge as the anchor; the words' left edge stays the left.
            let num = number ? self : (o.number ? o : nil)
            let l = min(left, o.left), r = max(right, o.right)
            return Column(number: num != nil, anchor: num?.anchor ?? l, width: r - l, leftEdge: num != nil ? l : nil)
        }
    }

    /// The column of each token, in order (two tokens may share a column, never cross), at the
    /// least total distance from the columns' edges; a token unlike its column costs more.
    static func match(_ tokens: [Token], _ columns: [Column]) -> [Int] {
        let n = tokens.count, m = columns.count
        guard n > 0, m > 0 else { return Array(repeating: 0, count: n) }
        func cost(_ t: Token, _ c: Column) -> Double {
            if t.isNumber == c.number { return abs((c.number ? t.x1 : t.x0) - c.anchor) }
            if let l = c.leftEdge, !t.isNumber { return abs(t.x0 - l) }
            return abs((t.x0 + t.x1) / 2 - c.centre) + 4
        }
        // best[i][j]: least cost of tokens 0...i with token i in column j (columns non-decreasing).
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: m), count: n)
        var from = [[Int]](repeating: [Int](repeating: 0, count: m), count: n)
        for j in 0..<m { best[0][j] = cost(tokens[0], columns[j]) }
        for i in 1..<n {
            var earlier = Double.infinity, earlierArg = 0
            for j in 0..<m {
                // Token i follows token i-1 in an earlier column, or shares its column (at a price).
                var prev = earlier, arg = earlierArg
                // Words may share a column (a name broken by a space); a figure shares one only as
                // a last resort (more pieces than columns).
                let words = !tokens[i].isNumber && !tokens[i - 1].isNumber && !columns[j].number
                let price = words ? 6.0 : 1000
                if best[i - 1][j] + price < prev { prev = best[i - 1][j] + price; arg = j }
                if prev.isFinite { best[i][j] = prev + cost(tokens[i], columns[j]); from[i][j] = arg }
                if best[i - 1][j] < earlier { earlier = best[i - 1][j]; earlierArg = j }
            }
        }
        var j = (0..<m).min { best[n - 1][$0] < best[n - 1][$1] } ?? 0
        var out = [Int](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            out[i] = j
            j = from[i][j]
        }
        return out
    }

    /// Figures printed a little above their row's label (cells aligned at the top while the label
    /// is centred) come out as a line of figures alone: they join the next row that has a label,
    /// figures of its own and nothing in their columns, passing over lines of single characters
    /// (类 款 项 headings).
    static func foldOffsetFigures(_ block: [Int], _ out: inout [GridRow?]) {
        func figuresOnly(_ r: GridRow) -> Bool {
            r.cells.contains { !$0.isEmpty } && r.cells.allSatisfy { $0.isEmpty || NumberShape.matches($0) }
        }
        for (k, n) in block.enumerated() {
            guard let row = out[n], figuresOnly(row) else { continue }
            var j = k + 1
            while j < block.count, j - k <= 3 {
                guard let next = out[block[j]] else { break }
                if next.cells.allSatisfy({ $0.count <= 1 }) { j += 1; continue }
                let collide = row.cells.indices.contains { !row.cells[$0].isEmpty && !next.cells[$0].isEmpty }
                if collide { break }
                if figuresOnly(next) { j += 1; continue }
                // Only a row of figures with a label of its own takes them (a 三公 row is figures alone).
                guard next.cells.contains(where: { NumberShape.matches($0) }) else { break }
                var merged = next
                for c in row.cells.indices where !row.cells[c].isEmpty {
                    merged.cells[c] = row.cells[c]
                    merged.sources[c] = []
                }
                merged.unsure = next.unsure || row.unsure
                out[block[j]] = merged
                out[n] = GridRow(cells: row.cells.map { _ in "" }, sources: row.sources.map { _ in [] })
                break
            }
        }
    }

    /// A name wrapped in its cell comes out as lines holding only words in one column below its
    /// row: they are folded into that row's cell and left blank, so the row reads whole.
    /// `full`: only a name as wide as the widest of its column (less one character) runs on (in
    /// space-aligned text a line of one name below a row may be the next row, its figures blank).
    static func foldWrappedNames(_ block: [Int], _ out: inout [GridRow?], full: Bool = false) {
        var widest: [Int: Int] = [:]
        for n in block {
            guard let row = out[n], row.cells.contains(where: { NumberShape.matches($0) }) else { continue }
            for (c, cell) in row.cells.enumerated() { widest[c] = max(widest[c] ?? 0, cell.count) }
        }
        var seenData = false
        var anchor: Int?
        for n in block {
            guard let row = out[n] else { continue }
            let filled = row.cells.indices.filter { !row.cells[$0].isEmpty }
            let hasNumber = row.cells.contains { NumberShape.matches($0) }
            if hasNumber { seenData = true; anchor = n; continue }
            guard seenData, filled.count == 1, let a = anchor, let c = filled.first, var target = out[a],
                  !NumberShape.matches(target.cells[c]) || target.cells[c].isEmpty,
                  !full || target.cells[c].count >= (widest[c] ?? 0) - 1 else { anchor = nil; continue }
            target.cells[c] = target.cells[c] + row.cells[c]
            out[a] = target
            out[n] = GridRow(cells: row.cells.map { _ in "" }, sources: row.sources.map { _ in [] })
        }
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
    public static func tabulate(_ lines: [Substring]) -> [String] { marked(lines).lines }

    /// The converted lines, and the indices of those whose figures were not placed with confidence.
    public static func marked(_ lines: [Substring]) -> (lines: [String], unsure: Set<Int>) {
        // A form feed is pdftotext's page break: not part of the text.
        var page = 0
        let pages = lines.map { l in page += l.filter { $0 == "\u{0C}" }.count; return page }
        let lines = lines.map { $0.contains("\u{0C}") ? Substring($0.replacingOccurrences(of: "\u{0C}", with: "")) : $0 }
        var narrow = lines.map { $0.contains("\t") ? [] : tokens($0, wide: false) }
        // Column positions by character count (pdftotext) or by display width (typed in a CJK
        // editor): whichever lines up the amounts' right edges better.
        var wide = lines.map { $0.contains("\t") ? [] : tokens($0, wide: true) }
        let rows = lines.map(isTableLine)
        splitPushedWords(&narrow, wide: false, rows: rows)
        splitPushedWords(&wide, wide: true, rows: rows)
        var joined = Set<Int>(), joinedWide = Set<Int>(), tails = Set<Int>(), tailsWide = Set<Int>()
        joinWrappedNumbers(&narrow, joined: &joined, tails: &tails)
        joinWrappedNumbers(&wide, joined: &joinedWide, tails: &tailsWide)
        let useWide = alignment(wide) < alignment(narrow)
        let chosen = useWide ? wide : narrow
        if useWide { joined = joinedWide; tails = tailsWide }
        let table = lines.indices.map { rows[$0] || joined.contains($0) }
        let grid = Columns.blocks(chosen, gap: 4, lone: 8, apart: true, pages: pages, isTable: { i, _ in table[i] })
        let out = lines.indices.map { i in
            // A line that was only the tails of wrapped numbers is now empty.
            grid[i].map { $0.cells.joined(separator: "\t") } ?? (tails.contains(i) ? "" : String(lines[i]))
        }
        return (out, Set(lines.indices.filter { grid[$0]?.unsure == true }))
    }

    /// Pieces of a line: runs of non-spaces, where pieces one space apart stay together only when
    /// both are words (“因 公 出 国”); a number is always a piece of its own (pdftotext often
    /// leaves a single space between two columns of figures).
    static func tokens(_ l: Substring, wide: Bool) -> [Token] {
        var pieces: [(text: String, x0: Double, x1: Double, spaces: Int)] = []
        var col = 0.0, spaces = 0
        var current = "", start = 0.0, end = 0.0, before = 0
        for ch in l {
            let w: Double = ch == "\u{3000}" ? 2 : (wide && !ch.isASCII ? 2 : 1)
            if ch == " " || ch == "\u{3000}" || ch == "\u{A0}" {
                if !current.isEmpty { pieces.append((current, start, end, before)); current = ""; spaces = 0 }
                spaces += ch == "\u{3000}" ? 2 : 1
            } else {
                if current.isEmpty { start = col; before = spaces }
                current.append(ch)
                end = col + w
            }
            col += w
        }
        if !current.isEmpty { pieces.append((current, start, end, before)) }
        var out: [Token] = []
        // In a header (no figure on the line) a single space may part two columns' titles.
        let header = !pieces.contains { NumberShape.matches($0.text) }
        for p in pieces {
            if let last = out.last, p.spaces == 1, !header, !last.isNumber, !NumberShape.matches(p.text) {
                out[out.count - 1] = Token(text: last.text + " " + p.text, x0: last.x0, x1: p.x1)
            } else {
                var t = Token(text: p.text, x0: p.x0, x1: p.x1)
                t.tight = p.spaces == 1 && !out.isEmpty
                out.append(t)
            }
        }
        return out
    }

    /// How scattered the right edges of numbers are: the count of distinct edges (lower is better).
    static func alignment(_ lines: [[Token]]) -> Int {
        Set(lines.flatMap { $0.filter(\.isNumber).map { Int($0.x1) } }).count
    }
}
