import Foundation

extension Columns {
    /// How far (characters) a figure may stand from its column once its row is mapped.
    static let reach = 2.0

    /// The amounts of a row: its figures after its last word (codes stand before the name),
    /// percentages left out (no amounts, they only bound where the amounts stand).
    /// A row without words (its name wrapped onto lines of its own) starts with its codes: bare
    /// digits before the first figure with decimals or grouping.
    static func amounts(_ tokens: [Token]) -> [Int] {
        let lastWord = tokens.lastIndex { !$0.isNumber } ?? -1
        var out = tokens.indices.filter { $0 > lastWord && !tokens[$0].text.hasSuffix("%") }
        func grouped(_ k: Int) -> Bool { tokens[k].text.contains(".") || tokens[k].text.contains(",") }
        if lastWord < 0 {
            // (A line of codes alone holds no amounts.)
            guard let g = out.firstIndex(where: grouped) else { return [] }
            out = Array(out[g...])
        }
        return out
    }

    /// pdftotext lays out pieces of a page (a page, or a part of one it took as a block) each on a
    /// character grid of its own: a table's columns stretch, squeeze and move from one to the
    /// next, by more than the space between two columns. The rows that fill every column of
    /// amounts are the template: the first is the reference, and each maps onto it by a scale and
    /// a shift (least squares). Every other row is mapped as the full rows nearest above and below
    /// it are, and its amounts placed in the template's columns, in order, each within `reach`.
    /// Returns for each row: true where so placed (its cells rebuilt), false where no placement
    /// fits or two do (under one mapping or the two), nil where the template says nothing (no full
    /// row, a row of full width, amounts left of the template).
    /// `pages`: the page of each line. A row is mapped as the full rows of its page are, or if its
    /// page has none, as those of the pages around (and then columns beyond the template do not
    /// excuse it: they may be its page's own grid).
    static func placeByTemplate(_ rows: inout [GridRow], _ lines: [[Token]], pages: [Int]? = nil) -> [Bool?] {
        var verdict = [Bool?](repeating: nil, count: rows.count)
        let amounts = lines.map(Self.amounts)
        // Full rows have a label: a line of figures alone may be a piece of a row (offset above it).
        let labelled = lines.map { $0.contains { !$0.isNumber } }
        guard let k = amounts.indices.filter({ labelled[$0] }).map({ amounts[$0].count }).max(), k > 0,
              let first = amounts.indices.first(where: { labelled[$0] && amounts[$0].count == k }) else { return verdict }
        func column(_ r: Int, _ t: Int) -> Int? { rows[r].sources.firstIndex { $0.contains(t) } }
        let slots = amounts[first].compactMap { column(first, $0) }
        guard slots.count == k, zip(slots, slots.dropFirst()).allSatisfy({ $0 < $1 }) else { return verdict }
        let template = amounts[first].map { lines[first][$0].x1 }
        // A column of amounts between the template's that many rows fill: the fullest rows do not
        // fill every column (some figures stand on lines of their own), so they are no template.
        var filled: [Int: Set<Int>] = [:]
        for r in rows.indices {
            for t in amounts[r] { if let c = column(r, t) { filled[c, default: []].insert(r) } }
        }
        let many = max(3, amounts.filter { !$0.isEmpty }.count / 5)
        if filled.contains(where: { c, rs in c > slots[0] && c < slots[k - 1] && !slots.contains(c) && rs.count >= many }) { return verdict }
        // Each full row's mapping onto the template, where it fits within reach.
        var mapping: [Int: (s: Double, b: Double)] = [:]
        // (Only amounts standing free say where their column is: one a single space after the
        // amount before may have been pushed there. A row with one such is only moved.)
        for r in rows.indices where labelled[r] && amounts[r].count == k {
            let free = amounts[r].indices.filter { i in i == 0 || !(amounts[r][i - 1] == amounts[r][i] - 1 && lines[r][amounts[r][i]].tight) }
            let x = free.map { lines[r][amounts[r][$0]].x1 }, y = free.map { template[$0] }
            let m = fit(x, y)
            if zip(x, y).allSatisfy({ abs(m.s * $0 + m.b - $1) <= reach }) { mapping[r] = m }
        }
        let full = mapping.keys.sorted()
        // Columns of amounts beyond the template, left or right, that rows fill: the full rows do
        // not show every column (others stand on lines of their own).
        var outside = (left: Set<Int>(), right: Set<Int>())
        for r in rows.indices {
            for t in amounts[r] {
                guard let c = column(r, t) else { continue }
                if c < slots[0] { outside.left.insert(r) } else if c > slots[k - 1] { outside.right.insert(r) }
            }
        }
        let beyond = (left: outside.left.count >= 2, right: outside.right.count >= 2)
        for r in rows.indices where (1..<k).contains(amounts[r].count) || !labelled[r] && amounts[r].count == k {
            let x = amounts[r].map { lines[r][$0].x1 }
            let own = full.filter { pages?[$0] == pages?[r] }
            let near = own.isEmpty ? full : own
            let around = [near.last { $0 < r }, near.first { $0 > r }].compactMap { $0 }.compactMap { mapping[$0] }
            guard !around.isEmpty else { continue }
            // Amounts standing all left or all right of the template (the 收入 side of a 收支总表, a
            // column no full row fills) are not its to place; some in it and some out, they are
            // not placed with confidence.
            let span = (template[0] - reach - 4)...(template[k - 1] + reach + 4)
            // (A mapping that puts them there is not this row's: the grid changed between.)
            let inside = around.filter { m in x.allSatisfy { span.contains(m.s * $0 + m.b) } }
            let beside = around.contains { m in
                let y = x.map { m.s * $0 + m.b }
                // (Columns beyond the template found on another page may be that page's own grid.)
                return y.allSatisfy { $0 < span.lowerBound } || y.allSatisfy { $0 > span.upperBound } || !own.isEmpty
                    && ((beyond.left && y.allSatisfy { $0 <= span.upperBound }) || (beyond.right && y.allSatisfy { $0 >= span.lowerBound }))
            }
            if inside.isEmpty {
                if !beside { verdict[r] = false }
                continue
            }
            // An amount one space after the amount before stands in the next column (it may have been
            // pushed there): only the first of such a run says where by its place.
            let follows = amounts[r].indices.map { i in i > 0 && amounts[r][i - 1] == amounts[r][i] - 1 && lines[r][amounts[r][i]].tight }
            func within(_ y: [Double], _ p: [Int], _ d: Double) -> Bool {
                p.indices.allSatisfy { i in follows[i] ? p[i] == p[i - 1] + 1 : abs(y[i] - template[p[i]]) <= d }
            }
            var placed: Set<[Int]> = [], doubt = false
            for m in inside {
                let y = x.map { m.s * $0 + m.b }
                let fitting = placements(y.count, k).filter { within(y, $0, reach + 1) }
                let close = fitting.filter { within(y, $0, reach) }
                if close.count == 1, fitting.count == 1 { placed.insert(close[0]) } else if !fitting.isEmpty { doubt = true }
            }
            guard !doubt, placed.count == 1, let p = placed.first else { verdict[r] = false; continue }
            // The amounts move to the template's columns, which must hold nothing else of the row.
            var row = rows[r]
            for t in amounts[r] { if let c = column(r, t) { row.sources[c].removeAll { $0 == t } } }
            guard p.allSatisfy({ row.sources[slots[$0]].isEmpty }) else { verdict[r] = false; continue }
            for (t, slot) in zip(amounts[r], p) { row.sources[slots[slot]] = [t] }
            row.cells = row.sources.map { $0.map { lines[r][$0].text }.reduce("") { join($0, $1) } }
            rows[r] = row
            verdict[r] = true
        }
        return verdict
    }

    /// The scale and shift taking `x` onto `y` (least squares; a shift alone for one point), the
    /// scale within what pdftotext's grids differ by.
    static func fit(_ x: [Double], _ y: [Double]) -> (s: Double, b: Double) {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let s = x.count > 1 && sxx > 0 ? min(1.12, max(0.9, sxy / sxx)) : 1
        return (s, my - s * mx)
    }

    /// The ways of putting `n` amounts in order into `k` columns.
    static func placements(_ n: Int, _ k: Int) -> [[Int]] {
        guard n > 0 else { return [[]] }
        guard n <= k else { return [] }
        var out: [[Int]] = []
        func go(_ from: Int, _ picked: [Int]) {
            if picked.count == n { out.append(picked); return }
            guard out.count < 5000, from < k else { return }
            for j in from..<k where k - j >= n - picked.count { go(j + 1, picked + [j]) }
        }
        go(0, [])
        return out
    }
}

extension Columns {
    /// Labels wrapped in their cells (“主管部” over “门”, an office's name over two lines) come out as
    /// a line of words alone below a line without figures, each piece starting where a word of the
    /// line above starts (within three characters: a sub-heading is centred under its heading, not
    /// flush with it) that runs as far right as any of its column (it filled its cell, so it wrapped;
    /// the next row of a list is no continuation), or where one piece is a single character (a word
    /// broken off). Each piece is joined to the cell of that word, and the line left blank.
    static func foldWrappedLabels(_ block: [Int], _ out: inout [GridRow?], _ lines: [[Token]]) {
        var widest: [Int: Double] = [:]
        for n in block {
            guard let row = out[n] else { continue }
            for (c, s) in row.sources.enumerated() {
                for k in s where !lines[n][k].isNumber { widest[c] = max(widest[c] ?? 0, lines[n][k].x1) }
            }
        }
        for (k, n) in block.enumerated() where k > 0 && block[k - 1] == n - 1 {
            let p = n - 1, line = lines[n], above = lines[p]
            guard line.count >= 2, !line.contains(where: \.isNumber), !above.contains(where: \.isNumber),
                  let row = out[n], var target = out[p] else { continue }
            var used = Set<Int>(), into: [(cell: Int, piece: Int)] = []
            // A piece of one character is a word broken off (“门” of 主管部门): the line runs on.
            let broken = line.contains { $0.text.count == 1 }
            for (i, t) in line.enumerated() {
                // (Where a word was broken off, the line surely runs on: a piece may start further
                // in, within the word above — “109-” prints narrower than the CJK below it.)
                let reach = broken ? 6.0 : 3.0
                guard let u = above.indices.first(where: {
                          !above[$0].isNumber && !used.contains($0) && abs(above[$0].x0 - t.x0) <= reach && t.x0 < above[$0].x1
                      }),
                      let c = target.sources.firstIndex(where: { $0.contains(u) }),
                      above[u].x1 >= (widest[c] ?? 0) - 1 || broken else { break }
                used.insert(u)
                into.append((c, i))
            }
            guard into.count == line.count else { continue }
            for (c, i) in into { target.cells[c] = join(target.cells[c], line[i].text) }
            out[p] = target
            out[n] = GridRow(cells: row.cells.map { _ in "" }, sources: row.sources.map { _ in [] })
        }
    }
}
