import Foundation

/// A ruling line of a table, in page points.
public struct Rule: Sendable, Equatable {
    public var horizontal: Bool
    /// y of a horizontal rule, x of a vertical one.
    public var pos: Double
    /// Its extent along the other axis.
    public var from: Double
    public var to: Double
}

/// Finds ruling lines as a page's raster would show them: long runs of dark pixels. Glyph
/// strokes are short, so a run longer than a few characters is a rule; a filled dark band gives
/// its two edges. The runs come from what the page paints (`find(paints:…)` in PageScan.swift).
enum RuleFinder {
    /// The long runs of each pixel line (rows for horizontal rules, columns for vertical ones),
    /// merged with the runs of the lines just before (a rule a few pixels thick, or anti-aliased
    /// over two lines, is one rule).
    static func lines(horizontal: Bool, _ runsByLine: [[(Int, Int)]], scale: Double) -> [Rule] {
        var out: [Rule] = []
        var open: [(p0: Int, p1: Int, a0: Int, a1: Int)] = []
        for line in 0...runsByLine.count {
            let runs = line < runsByLine.count ? runsByLine[line] : []
            if runs.isEmpty && open.isEmpty { continue }
            var next: [(p0: Int, p1: Int, a0: Int, a1: Int)] = []
            var used = [Bool](repeating: false, count: runs.count)
            for o in open {
                if let k = runs.indices.first(where: { !used[$0] && runs[$0].0 < o.a1 && runs[$0].1 > o.a0 }) {
                    used[k] = true
                    next.append((o.p0, line, min(o.a0, runs[k].0), max(o.a1, runs[k].1)))
                } else {
                    out += edges(horizontal: horizontal, o.p0, o.p1, o.a0, o.a1, scale: scale)
                }
            }
            for (k, r) in runs.enumerated() where !used[k] { next.append((line, line, r.0, r.1)) }
            open = next
        }
        return out
    }

    /// A thin run is one rule at its middle; a thick one (a filled band) is two, at its edges.
    static func edges(horizontal: Bool, _ p0: Int, _ p1: Int, _ a0: Int, _ a1: Int, scale: Double) -> [Rule] {
        let from = Double(a0) / scale, to = Double(a1) / scale
        let thickness = Double(p1 - p0 + 1) / scale
        if thickness <= 4 {
            return [Rule(horizontal: horizontal, pos: (Double(p0 + p1) / 2 + 0.5) / scale, from: from, to: to)]
        }
        // A long filled bar along a whole row is a shaded cell: its edges bound rows. A bar as
        // long one way as the other is a picture or a block of ink, not a rule.
        guard (to - from) > thickness * 3 else { return [] }
        return [Rule(horizontal: horizontal, pos: Double(p0) / scale, from: from, to: to),
                Rule(horizontal: horizontal, pos: Double(p1 + 1) / scale, from: from, to: to)]
    }
}

/// A table drawn with rules: its row and column boundaries, and which boundaries each row draws.
struct RuledTable {
    var box: Box
    /// Column boundaries (x) and row boundaries (y), ascending.
    var xs: [Double]
    var ys: [Double]
    /// For each row band, the indices into `xs` that are drawn there (cells' left edges + the right edge).
    var drawn: [[Int]]
    /// The horizontal rules, to tell a cell that spans several row bands (no rule between them).
    var horizontal: [Rule]

    /// Groups rules that touch into tables; a table needs two rules each way.
    static func find(_ rules: [Rule]) -> [RuledTable] {
        let tol = 2.5
        var parent = Array(rules.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        let hs = rules.indices.filter { rules[$0].horizontal }, vs = rules.indices.filter { !rules[$0].horizontal }
        for h in hs {
            for v in vs {
                let a = rules[h], b = rules[v]
                if b.pos >= a.from - tol, b.pos <= a.to + tol, a.pos >= b.from - tol, a.pos <= b.to + tol {
                    parent[root(h)] = root(v)
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in rules.indices { groups[root(i), default: []].append(i) }
        var out: [RuledTable] = []
        for members in groups.values {
            let h = members.filter { rules[$0].horizontal }.map { rules[$0] }
            let v = members.filter { !rules[$0].horizontal }.map { rules[$0] }
            let xs = merge(v.map(\.pos) + h.map(\.from) + h.map(\.to), tol: tol)
            let ys = merge(h.map(\.pos) + v.map(\.from) + v.map(\.to), tol: tol)
            guard h.count >= 2, v.count >= 2, xs.count >= 2, ys.count >= 2 else { continue }
            var drawn: [[Int]] = []
            for i in 0..<(ys.count - 1) {
                let mid = (ys[i] + ys[i + 1]) / 2
                var d = [0, xs.count - 1]
                for (k, x) in xs.enumerated() where k > 0 && k < xs.count - 1 {
                    if v.contains(where: { abs($0.pos - x) <= tol && $0.from <= mid && $0.to >= mid }) { d.append(k) }
                }
                drawn.append(d.sorted())
            }
            out += RuledTable(box: Box(x0: xs.first!, y0: ys.first!, x1: xs.last!, y1: ys.last!), xs: xs, ys: ys,
                              drawn: drawn, horizontal: h).splitWhereColumnsChange()
        }
        return out.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
    }

    /// Two tables drawn touching (or one re-laid out after a break) are told apart where one
    /// band's column boundaries are neither among the next band's nor a superset of them.
    func splitWhereColumnsChange() -> [RuledTable] {
        var groups: [Range<Int>] = []
        var start = 0
        for i in 1..<max(1, drawn.count) {
            let a = Set(drawn[i - 1]), b = Set(drawn[i])
            if !(a.isSubset(of: b) || b.isSubset(of: a)) {
                groups.append(start..<i)
                start = i
            }
        }
        groups.append(start..<drawn.count)
        guard groups.count > 1 else { return [self] }
        return groups.map { g in
            let used = Set(g.flatMap { drawn[$0] }).sorted()
            let newXs = used.map { xs[$0] }
            let newYs = Array(ys[g.lowerBound...g.upperBound])
            let newDrawn = g.map { drawn[$0].compactMap { used.firstIndex(of: $0) } }
            return RuledTable(box: Box(x0: newXs.first!, y0: newYs.first!, x1: newXs.last!, y1: newYs.last!), xs: newXs, ys: newYs,
                              drawn: newDrawn, horizontal: horizontal.filter { $0.pos >= newYs.first! - 2.5 && $0.pos <= newYs.last! + 2.5 })
        }
    }

    /// Positions within `tol` of each other are one.
    static func merge(_ values: [Double], tol: Double) -> [Double] {
        var out: [[Double]] = []
        for v in values.sorted() {
            if let last = out.last?.last, v - last <= tol { out[out.count - 1].append(v) } else { out.append([v]) }
        }
        return out.map { $0.reduce(0, +) / Double($0.count) }
    }

    /// The row band and the cell (as a column index) a point falls in; nil outside the table.
    func cell(x: Double, y: Double) -> (row: Int, column: Int)? {
        guard x >= box.x0 - 1, x <= box.x1 + 1, y >= box.y0 - 1, y <= box.y1 + 1 else { return nil }
        let row = max(0, min(ys.count - 2, (ys.lastIndex { $0 <= y } ?? 0)))
        let d = drawn[row]
        let k = d.lastIndex { xs[$0] <= x } ?? 0
        let column = d[min(k, d.count - 2)]
        // A cell over several row bands (a header word wrapped in a tall cell) is read as one, on
        // its top band: climb while no rule closes the cell from above.
        var top = row
        while top > 0, drawn[top - 1].contains(column), !closed(above: top, at: x) { top -= 1 }
        return (top, column)
    }

    /// The column boundaries (indices into `xs`) that most row bands draw, counted by height: the
    /// body's columns. Always includes both edges.
    var bodyColumns: [Int] {
        var weight: [[Int]: Double] = [:]
        for (i, d) in drawn.enumerated() { weight[d, default: 0] += ys[i + 1] - ys[i] }
        let best = weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key.count < $1.key.count) }?.key
        return best ?? [0, xs.count - 1]
    }

    /// Whether a horizontal rule runs along the top of row band `row` at `x`.
    func closed(above row: Int, at x: Double) -> Bool {
        horizontal.contains { abs($0.pos - ys[row]) <= 2.5 && $0.from - 2.5 <= x && x <= $0.to + 2.5 }
    }
}
