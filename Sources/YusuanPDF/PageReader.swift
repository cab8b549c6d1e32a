import Foundation

/// One reconstructed line of a page: its cells (one per table column, blank where nothing is
/// printed) and where it stands, for provenance and for marking findings on the page.
public struct PageLine: Sendable, Equatable {
    public var cells: [String]
    public var box: Box
    /// The box of each non-blank cell (nil for a blank one).
    public var cellBoxes: [Box?]
}

/// A page split into what its ruled tables hold (already in cells) and its other lines (words with
/// positions), whose columns are found over the whole document: a table drawn without rules may
/// start at the foot of one page and go on over the next.
struct PageLayout: Sendable {
    var em: Double
    var tables: [(y: Double, x: Double, lines: [PageLine])]
    var free: [(words: [PositionedWord], box: Box)]

    /// The page's lines in reading order, given the cells found for its free lines (nil: prose).
    func lines(cells: [GridRow?]) -> [PageLine] {
        var items = tables
        for (i, line) in free.enumerated() {
            let out: PageLine
            if let g = cells[i] {
                let boxes: [Box?] = g.sources.map { $0.isEmpty ? nil : $0.dropFirst().reduce(line.words[$0[0]].box) { $0.union(line.words[$1].box) } }
                out = PageLine(cells: g.cells, box: line.box, cellBoxes: boxes)
            } else {
                out = PageLine(cells: [PageReader.prose(line.words, em: em)], box: line.box, cellBoxes: [line.box])
            }
            items.append((line.box.midY, line.box.x0, [out]))
        }
        return items.sorted { ($0.y, $0.x) < ($1.y, $1.x) }.flatMap(\.lines)
    }
}

/// Glyphs (+ the page's ruled tables) → lines of cells, in reading order. Geometry only: it knows
/// nothing of budgets beyond what a number looks like.
enum PageReader {
    static func layout(glyphs: [Glyph], tables: [RuledTable]) -> PageLayout {
        let em = emSize(glyphs)
        var inTable: [[Int: [Int: [Glyph]]]] = Array(repeating: [:], count: tables.count)
        var free: [Glyph] = []
        for g in glyphs {
            let (x, y) = (g.box.midX, g.box.midY)
            if let t = tables.firstIndex(where: { $0.box.x0 - 1 <= x && x <= $0.box.x1 + 1 && $0.box.y0 - 1 <= y && y <= $0.box.y1 + 1 }),
               let c = tables[t].cell(x: x, y: y) {
                inTable[t][c.row, default: [:]][c.column, default: []].append(g)
            } else {
                free.append(g)
            }
        }
        var items: [(y: Double, x: Double, lines: [PageLine])] = []
        for (t, table) in tables.enumerated() {
            var rows: [PageLine] = []
            // The table's columns are those most of its rows draw: a boundary only a header (or a
            // neighbouring structure) draws does not split the body's columns.
            let columns = table.bodyColumns
            func body(_ x: Double) -> Int {
                min(columns.count - 2, max(0, columns.lastIndex { table.xs[$0] <= x } ?? 0))
            }
            for r in inTable[t].keys.sorted() {
                var byColumn: [Int: [Glyph]] = [:]
                for (c, gs) in inTable[t][r]! {
                    // A cell over several body columns holds one merged heading (“合计”, “项目”),
                    // kept at its start — unless its words stand in different body columns: then
                    // the rule between them was not found, and each word goes to its own column.
                    let start = body(table.xs[c] + 0.5)
                    var words: [(column: Int?, glyphs: [Glyph])] = []
                    for line in group(gs, em: em) {
                        var word: [Glyph] = []
                        func flush() {
                            guard let f = word.first, let l = word.last else { return }
                            let (a, b) = (body(f.box.x0 + 0.5), body(l.box.x1 - 0.5))
                            words.append((a == b ? a : nil, word))
                            word = []
                        }
                        for g in line {
                            if let last = word.last, g.box.x0 - last.box.x1 > em * 0.5 { flush() }
                            word.append(g)
                        }
                        flush()
                    }
                    let split = Set(words.compactMap(\.column)).count > 1
                    for w in words { byColumn[split ? (w.column ?? start) : start, default: []] += w.glyphs }
                }
                var cells = [String](repeating: "", count: max(1, columns.count - 1))
                var boxes = [Box?](repeating: nil, count: cells.count)
                for (c, gs) in byColumn {
                    cells[c] = text(of: gs, em: em)
                    boxes[c] = gs.dropFirst().reduce(gs[0].box) { $0.union($1.box) }
                }
                let box = Box(x0: table.box.x0, y0: table.ys[r], x1: table.box.x1, y1: table.ys[r + 1])
                rows.append(PageLine(cells: cells, box: box, cellBoxes: boxes))
            }
            if !rows.isEmpty { items.append((table.box.y0, table.box.x0, rows)) }
        }
        // Text outside ruled tables: prose, titles, and tables drawn without rules.
        let freeLines = group(free, em: em).map { line in
            (words(line, em: em), line.dropFirst().reduce(line[0].box) { $0.union($1.box) })
        }
        return PageLayout(em: em, tables: items, free: freeLines)
    }

    /// The page's typical character size: the width of CJK glyphs (an em), else the glyphs' height.
    static func emSize(_ glyphs: [Glyph]) -> Double {
        var wide = glyphs.filter { !$0.char.isASCII }.map(\.box.width).filter { $0 > 1 }
        if wide.count < 5 { wide = glyphs.map(\.box.height).filter { $0 > 1 } }
        guard !wide.isEmpty else { return 10 }
        wide.sort()
        return max(4, wide[wide.count / 2])
    }

    /// Glyphs → visual lines: close vertical centres are one line; each line left to right.
    static func group(_ glyphs: [Glyph], em: Double) -> [[Glyph]] {
        var lines: [(mid: Double, glyphs: [Glyph])] = []
        for g in glyphs.sorted(by: { $0.box.midY < $1.box.midY }) {
            if let last = lines.last, g.box.midY - last.mid <= em * 0.45 {
                lines[lines.count - 1].glyphs.append(g)
                let n = Double(lines[lines.count - 1].glyphs.count)
                lines[lines.count - 1].mid = last.mid + (g.box.midY - last.mid) / n
            } else {
                lines.append((g.box.midY, [g]))
            }
        }
        return lines.map { $0.glyphs.sorted { $0.box.x0 < $1.box.x0 } }
    }

    /// A line's glyphs → words, split where the gap is wider than an em.
    static func words(_ line: [Glyph], em: Double) -> [PositionedWord] {
        var out: [PositionedWord] = []
        for g in line {
            if var last = out.last, g.box.x0 - last.box.x1 <= em * 0.5 {
                let gap = g.box.x0 - last.box.x1
                if gap > em * 0.25, g.char.isASCII, last.text.last?.isASCII == true { last.text.append(" ") }
                last.text.append(g.char)
                last.box = last.box.union(g.box)
                out[out.count - 1] = last
            } else {
                out.append(PositionedWord(text: String(g.char), box: g.box))
            }
        }
        return out
    }

    /// The text of one cell: its visual lines top to bottom (wrapped names run on).
    static func text(of glyphs: [Glyph], em: Double) -> String {
        group(glyphs, em: em).map { words($0, em: em).map(\.text).reduce("") { Columns.join($0, $1) } }
            .reduce("") { a, b in
                // A number wrapped in a narrow cell (“8,840,127.3” over “5”) runs on without a space.
                if let l = a.last, let f = b.first, l.isNumber || l == "," || l == ".", f.isNumber || f == "," || f == "." { return a + b }
                return Columns.join(a, b)
            }
    }

    /// A line of prose: words run on; pieces far apart (a title and its unit) become cells.
    static func prose(_ words: [PositionedWord], em: Double) -> String {
        var s = ""
        for (i, w) in words.enumerated() {
            if i > 0, w.box.x0 - words[i - 1].box.x1 > em * 3 { s += "\t" + w.text } else { s = Columns.join(s, w.text) }
        }
        return s
    }
}

/// A word on a page.
struct PositionedWord: Sendable {
    var text: String
    var box: Box
    var token: Token { Token(text: text, x0: box.x0, x1: box.x1) }
}
