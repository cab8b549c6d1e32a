import Foundation

/// Repairs of space-aligned text before its columns are found: what a printer's layout broke.
extension AlignedText {
    /// An amount as printed in full: digits grouped by threes, two decimals.
    static func isWholeAmount(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("-") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isASCIIDigitLike) else { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigitLike) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A number too wide for its cell wraps: its head stays on the cell's first line, the last
    /// digits (“8,840,127.3” / “5”) start a line or two lower at the head's left edge. A line of
    /// such tails only is joined back to the heads above; `joined` marks lines whose figures
    /// were completed (a line of figures alone that is a table row).
    static func joinWrappedNumbers(_ lines: inout [[Token]], joined: inout Set<Int>, tails consumed: inout Set<Int>) {
        for i in lines.indices {
            let tails = lines[i]
            guard !tails.isEmpty, tails.allSatisfy({ $0.text.count <= 2 && $0.text.allSatisfy(\.isASCIIDigitLike) }) else { continue }
            var found: [(line: Int, token: Int)] = []
            for t in tails {
                var head: (line: Int, token: Int)?
                for k in stride(from: i - 1, through: max(0, i - 2), by: -1) where head == nil {
                    guard let h = lines[k].firstIndex(where: { abs($0.x0 - t.x0) <= 1 && $0.isNumber }) else { continue }
                    let text = lines[k][h].text
                    if !isWholeAmount(text) && isWholeAmount(text + t.text) { head = (k, h) }
                }
                guard let head else { break }
                found.append(head)
            }
            guard found.count == tails.count else { continue }
            for (t, h) in zip(tails, found) {
                lines[h.line][h.token].text += t.text
                joined.insert(h.line)
            }
            lines[i] = []
            consumed.insert(i)
        }
    }
}

private extension Character {
    var isASCIIDigitLike: Bool { isASCII && isNumber }
}

extension Columns {
    /// Columns of figures by their right edges, where two figures of one row never share a column:
    /// edges closest together join first, and two groups join only if no row has a figure in both
    /// (in space-aligned text a column of percentages may stand 3 characters right of one of
    /// amounts, and a column drifts by as much from row to row).
    static func apartColumns(_ rows: [[Token]], gap: Double, number: Bool) -> [Column] {
        var edges: [(x: Double, width: Double, row: Int)] = []
        for (r, tokens) in rows.enumerated() {
            for t in tokens where t.isNumber == number { edges.append((number ? t.x1 : t.x0, t.x1 - t.x0, r)) }
        }
        edges.sort { $0.x < $1.x }
        guard !edges.isEmpty else { return [] }
        // Groups are runs of the sorted edges: start index → (end index, rows).
        var end = Array(edges.indices), rowsOf = edges.map { Set([$0.row]) }
        var startOf = Array(edges.indices)
        let order = edges.indices.dropLast().sorted { edges[$0 + 1].x - edges[$0].x < edges[$1 + 1].x - edges[$1].x }
        for i in order where edges[i + 1].x - edges[i].x <= gap {
            let a = startOf[i], b = i + 1
            // A column never spans much more than a gap: chains of close edges stop there.
            guard rowsOf[a].isDisjoint(with: rowsOf[b]), edges[end[b]].x - edges[a].x <= gap * 1.5 else { continue }
            rowsOf[a].formUnion(rowsOf[b])
            end[a] = end[b]
            for k in b...end[b] { startOf[k] = a }
        }
        var out: [Column] = []
        var a = 0
        while a < edges.count {
            let run = edges[a...end[a]]
            out.append(Column(number: number, anchor: run.map(\.x).reduce(0, +) / Double(run.count),
                              width: run.map(\.width).max() ?? 0, leftEdge: nil))
            a = end[a] + 1
        }
        return out
    }
}

extension Columns {
    /// How many cells of a grid hold two or more figures of their line, or a figure in a column
    /// of words, and in how many columns.
    static func misfits(_ rows: [GridRow], _ columns: [Column], _ lines: [[Token]]) -> (cells: Int, columns: Int) {
        var cells = 0, where_ = Set<Int>()
        for (row, tokens) in zip(rows, lines) {
            let data = tokens.contains(where: \.isNumber)
            for (c, s) in row.sources.enumerated() {
                let figures = s.filter { tokens[$0].isNumber }.count
                let words = s.count - figures
                if figures > 1 || figures == 1 && !columns[c].number || words > 1 && data { cells += 1; where_.insert(c) }
            }
        }
        return (cells, where_.count)
    }
}

extension Columns {
    /// pdftotext lays out every page on a character grid of its own, so a table running on over a
    /// page break has its columns stretched or squeezed there, and moved. Each later page of a
    /// block is mapped (scaled and moved) to line up the most of its figures' right edges with
    /// those of the pages before; a page no mapping fits clearly better than its own stays as it is.
    static func register(_ lines: inout [[Token]], pages: [Int]) {
        guard let first = pages.first, pages.contains(where: { $0 != first }) else { return }
        func edges(_ k: Int) -> [Double] { lines[k].filter(\.isNumber).map(\.x1) }
        // Where the edges so far stand, on a grid of half characters, within 1.5 characters.
        var near = [Bool](repeating: false, count: 2048)
        func mark(_ e: Double) {
            let c = Int((e * 2).rounded())
            for k in max(0, c - 3)...min(near.count - 1, c + 3) { near[k] = true }
        }
        func hit(_ e: Double) -> Bool {
            let c = Int((e * 2).rounded())
            return c >= 0 && c < near.count && near[c]
        }
        pages.indices.filter { pages[$0] == first }.flatMap(edges).forEach(mark)
        for page in Set(pages).sorted() where page != first {
            let rows = pages.indices.filter { pages[$0] == page }
            let own = rows.flatMap(edges)
            guard !own.isEmpty, near.contains(true) else { continue }
            func score(_ s: Double, _ b: Double) -> Int { own.filter { hit($0 * s + b) }.count }
            let base = score(1, 0)
            var best = (scale: 1.0, shift: 0.0, score: base)
            func cost(_ s: Double, _ b: Double) -> Double { abs(s - 1) * 40 + abs(b) }
            for k in 70...143 {
                let s = Double(k) / 100
                for h in -20...20 {
                    let b = Double(h) / 2
                    let n = score(s, b)
                    if n > best.score || n == best.score && cost(s, b) < cost(best.scale, best.shift) { best = (s, b, n) }
                }
            }
            if best.scale != 1 || best.shift != 0, best.score >= max(3, own.count * 4 / 5), base * 2 <= own.count {
                for k in rows {
                    lines[k] = lines[k].map { t in
                        var t = t
                        t.x0 = t.x0 * best.scale + best.shift; t.x1 = t.x1 * best.scale + best.shift
                        return t
                    }
                }
            }
            rows.flatMap(edges).forEach(mark)
        }
    }
}

extension Columns {
    /// Headings above the first row of figures that stand over no column found from the rows (a
    /// column no row fills: 上级补助收入, 事业收入 in a 收入决算表), grouped by how they overlap
    /// from line to line (a heading broken over lines): each group is a column of words, so the
    /// headings beside it keep their own columns.
    static func headingColumns(_ lines: [[Token]], _ columns: [Column], gap: Double) -> [Column] {
        guard let firstData = lines.firstIndex(where: { $0.contains(where: \.isNumber) }) else { return [] }
        func free(_ t: Token) -> Bool { !columns.contains { t.x0 <= $0.right + gap && t.x1 >= $0.left - gap } }
        var spans = lines[..<firstData].flatMap { $0.filter(free) }.map { (l: $0.x0, r: $0.x1) }
        spans.sort { $0.l < $1.l }
        var groups: [(l: Double, r: Double)] = []
        for s in spans {
            if let g = groups.last, s.l < g.r { groups[groups.count - 1].r = max(g.r, s.r) } else { groups.append(s) }
        }
        return groups.map { Column(number: false, anchor: $0.l, width: $0.r - $0.l, leftEdge: nil) }
    }
}

extension Columns {
    /// The grid of a block of space-aligned text. A row's figures crowded into one cell or into a
    /// column of words, or two of its words in one cell, are sure errors: columns that keep a row's
    /// figures (then also its words) apart may mend them, if they do not cut up more columns than
    /// were crowded (else they only split a drifting column). Headings over no column then get
    /// columns of their own.
    /// `pages`: the page of each line (see `placeByTemplate`).
    static func spacedGrid(_ tokens: [[Token]], gap: Double, pages: [Int]? = nil) -> [GridRow] {
        let plain = layout(tokens, gap: gap, apart: false, words: false, headers: false)
        var chosen: (apart: Bool, words: Bool) = (false, false)
        let before = misfits(plain.rows, plain.columns, tokens)
        var least = before.cells, columns = plain.columns.count
        for words in [false, true] where before.cells > 0 {
            let other = layout(tokens, gap: gap, apart: true, words: words, headers: false)
            let after = misfits(other.rows, other.columns, tokens)
            if after.cells < least, other.columns.count - columns <= before.columns - after.columns {
                chosen = (true, words)
                least = after.cells
                columns = other.columns.count
            }
        }
        var final = layout(tokens, gap: gap, apart: chosen.apart, words: chosen.words, headers: true)
        let placed = placeByTemplate(&final.rows, tokens, pages: pages)
        var doubt = unsure(final.rows, final.columns, tokens, placed: placed)
        if headingAstray(final.rows, tokens) {
            for k in doubt.indices where !amounts(tokens[k]).isEmpty { doubt[k] = true }
        }
        return final.rows.enumerated().map { k, r in var r = r; r.unsure = doubt[k]; return r }
    }
}

extension AlignedText {
    /// Two words one space apart are one piece (“因 公 出 国”), unless pdftotext pushed the second
    /// against the first (a long name, then its 主管部门): a piece after such a space that starts
    /// where words of three or more other rows start (within two characters) is a cell of its own.
    static func splitPushedWords(_ lines: inout [[Token]], wide: Bool, rows: [Bool]) {
        func width(_ ch: Character) -> Double { ch == "\u{3000}" ? 2 : (wide && !ch.isASCII ? 2 : 1) }
        var starts: [Int: Set<Int>] = [:]
        for (i, l) in lines.enumerated() where rows[i] {
            for t in l where !t.isNumber { starts[Int(t.x0.rounded()), default: []].insert(i) }
        }
        func shared(_ x: Double, besides i: Int) -> Bool {
            let c = Int(x.rounded())
            return (c - 2...c + 2).reduce(into: Set<Int>()) { $0.formUnion(starts[$1] ?? []) }.subtracting([i]).count >= 3
        }
        for i in lines.indices where rows[i] {
            var out: [Token] = []
            for t in lines[i] {
                guard !t.isNumber, t.text.contains(" ") else { out.append(t); continue }
                var piece = "", x = t.x0, start = t.x0
                let chars = Array(t.text)
                for (n, ch) in chars.enumerated() {
                    if ch == " " {
                        // Where the next piece starts, if it is a column's start (pieces of one
                        // character are spaced-out words, or marks: ≥, 是).
                        let after = x + 1
                        let next = chars[(n + 1)...].prefix { $0 != " " }.count
                        if piece.count >= 2, next >= 2, shared(after, besides: i) {
                            out.append(Token(text: piece, x0: start, x1: x))
                            piece = ""; start = after
                        } else {
                            piece.append(ch)
                        }
                        x = after
                        continue
                    }
                    piece.append(ch)
                    x += width(ch)
                }
                var last = Token(text: piece, x0: start, x1: t.x1)
                last.tight = start == t.x0 ? t.tight : true
                out.append(last)
            }
            lines[i] = out
        }
    }
}

extension Columns {
    /// A heading over no column, standing between the names and the first column of amounts, or
    /// crowded into the names' column: pdftotext printed the headings left of their figures (it
    /// gives a CJK character one column, where it stands two wide), so which heading names which
    /// figures cannot be told.
    static func headingAstray(_ rows: [GridRow], _ lines: [[Token]]) -> Bool {
        var used = Set<Int>(), firstAmount = Int.max, lastName = -1
        for (row, tokens) in zip(rows, lines) where tokens.contains(where: \.isNumber) {
            let amounts = Set(amounts(tokens))
            for (c, s) in row.sources.enumerated() where !s.isEmpty {
                used.insert(c)
                if s.contains(where: amounts.contains) { firstAmount = min(firstAmount, c) }
                else if s.contains(where: { !tokens[$0].isNumber }) { lastName = max(lastName, c) }
            }
        }
        // A heading in a column of names that starts past the end of every name there: it is a
        // column of figures' heading, drawn into the names' (“项目 合计” in one cell).
        var nameEnd: [Int: Double] = [:]
        for (row, tokens) in zip(rows, lines) where tokens.contains(where: \.isNumber) {
            for (c, s) in row.sources.enumerated() {
                for k in s where !tokens[k].isNumber { nameEnd[c] = max(nameEnd[c] ?? 0, tokens[k].x1) }
            }
        }
        for (row, tokens) in zip(rows, lines) where !tokens.contains(where: \.isNumber) {
            for (c, s) in row.sources.enumerated() where s.count > 1 {
                if let end = nameEnd[c], s.contains(where: { tokens[$0].x0 > end + 1 }) { return true }
            }
        }
        guard firstAmount != .max, lastName + 1 < firstAmount else { return false }
        return (lastName + 1..<firstAmount).contains { c in !used.contains(c) && rows.contains { !$0.cells[c].isEmpty } }
    }
}
