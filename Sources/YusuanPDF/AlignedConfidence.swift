import Foundation

extension Columns {
    /// How much closer a figure must stand to its column than to any other it could take before
    /// its row is read (characters of space-aligned text).
    static let margin = 3.0

    /// Rows of space-aligned text whose figures were not placed with confidence: a wrong column is
    /// a wrong figure, worse than one left unread (and said). A row is unsure when
    /// - a figure shares its cell with another piece, or stands in a column of words, or two pieces
    ///   of words share a cell;
    /// - the template of full rows found no sure place for its amounts (`placeByTemplate`);
    /// - else (no template), another order-keeping placement of its amounts in the columns right of
    ///   its name costs (each at its best shift) within `margin` of the chosen.
    /// A percentage never stands in a column of amounts only, nor an amount in one of percentages only.
    /// `placed`: rows the template placed (true) or found no sure place for (false), which this
    /// check of crowded cells only confirms.
    static func unsure(_ rows: [GridRow], _ columns: [Column], _ lines: [[Token]], placed: [Bool?]) -> [Bool] {
        // Of each column: where its pieces are, and whether its figures are percentages.
        var percent = [Int](repeating: 0, count: columns.count), amount = percent
        var columnOf: [[Int]] = []
        for (row, tokens) in zip(rows, lines) {
            var of = [Int](repeating: -1, count: tokens.count)
            for (c, s) in row.sources.enumerated() {
                for k in s {
                    of[k] = c
                    if tokens[k].isNumber { if tokens[k].text.hasSuffix("%") { percent[c] += 1 } else { amount[c] += 1 } }
                }
            }
            columnOf.append(of)
        }
        let figureColumns = columns.indices.filter { columns[$0].number }
        func cost(_ t: Token, _ c: Int) -> Double? {
            let p = t.text.hasSuffix("%")
            if p ? amount[c] > 0 && percent[c] == 0 : percent[c] > 0 && amount[c] == 0 { return nil }
            return columns[c].anchor - t.x1
        }
        return zip(rows, lines).enumerated().map { r, pair in
            let (row, tokens) = pair
            let of = columnOf[r]
            guard tokens.contains(where: \.isNumber), !of.contains(-1) else { return false }
            // Sure errors: a figure crowded in with another piece, or in a column of words; two
            // pieces of words in one cell (two columns' words, as a name and its 主管部门).
            for (c, s) in row.sources.enumerated() where s.count > 1 || s.contains(where: { tokens[$0].isNumber }) {
                // (A column the template placed amounts in holds amounts, whatever it was found as.)
                if s.count > 1 || !columns[c].number && placed[r] != true { return true }
            }
            if let sure = placed[r] { return !sure }
            let figures = amounts(tokens)
            guard !figures.isEmpty else { return false }
            // Percentages only bound where the amounts may stand.
            let bound = tokens.indices.first { $0 > figures[0] && tokens[$0].text.hasSuffix("%") }.map { of[$0] } ?? columns.count
            // Every other order-keeping placement of the amounts in the figure columns right of the
            // last word, each at its best shift: one about as good as the chosen is a doubt.
            let lastWord = tokens.lastIndex { !$0.isNumber }
            let from = lastWord.map { of[$0] } ?? -1
            let free = figureColumns.filter { $0 > from && $0 < bound }
            let chosen = figures.map { of[$0] }
            guard let base = placementCost(figures.map { tokens[$0] }, chosen, cost) else { return true }
            var doubt = false, tried = 0
            func place(_ k: Int, _ next: Int, _ picked: inout [Int]) {
                if doubt || tried > 20_000 { return }
                if k == figures.count {
                    tried += 1
                    if picked != chosen, let c = placementCost(figures.map { tokens[$0] }, picked, cost), c < base + margin { doubt = true }
                    return
                }
                guard next < free.count else { return }
                for j in next..<free.count where free.count - j >= figures.count - k {
                    picked.append(free[j]); place(k + 1, j + 1, &picked); picked.removeLast()
                }
            }
            var picked: [Int] = []
            place(0, 0, &picked)
            return doubt || tried > 20_000
        }
    }

    /// The cost of `figures` in `columns`: their distances from the columns' edges once the row is
    /// shifted as a whole (pdftotext moves a row's figures together, by a character or several),
    /// the shift itself counting too. Nil where a figure cannot stand in its column.
    static func placementCost(_ figures: [Token], _ columns: [Int], _ cost: (Token, Int) -> Double?) -> Double? {
        var offsets: [Double] = [0]
        for (t, c) in zip(figures, columns) {
            guard let d = cost(t, c) else { return nil }
            offsets.append(d)
        }
        // `cost` gives signed offsets here: the best shift is their median (with 0 for no shift).
        offsets.sort()
        let s = offsets[offsets.count / 2]
        return offsets.map { abs($0 - s) }.reduce(0, +)
    }

    /// A row of figures alone (once offset figures joined their labels), under headings that name
    /// more places than it has figures: which places it leaves blank cannot be told (a 三公 table
    /// printing no zeros). Places are the left edges of the pieces above the block's first row of
    /// amounts, those within a column gap of one another counting as one.
    static func doubtFiguresAlone(_ block: [Int], _ out: inout [GridRow?], _ lines: [[Token]], gap: Double) {
        // (A year in a heading, “2024 年预算数”, is a number but no amount: amounts are grouped or
        // have decimals.)
        func amount(_ t: Token) -> Bool { t.isNumber && (t.text.contains(".") || t.text.contains(",")) }
        guard let first = block.firstIndex(where: { lines[$0].contains(where: amount) })
                ?? block.firstIndex(where: { lines[$0].contains(where: \.isNumber) }) else { return }
        var places = 0, last = -Double.infinity
        for x in block[..<first].flatMap({ lines[$0].map(\.x0) }).sorted() {
            if x - last > gap { places += 1 }
            last = x
        }
        for n in block {
            guard var row = out[n] else { continue }
            let filled = row.cells.filter { !$0.isEmpty }
            guard !filled.isEmpty, filled.allSatisfy(NumberShape.matches), places > filled.count else { continue }
            row.unsure = true
            out[n] = row
        }
    }
}
