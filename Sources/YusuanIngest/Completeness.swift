import Foundation
import YusuanCore

/// Signs that a file was cut short although each of its tables reads: what the document itself
/// promises (its 目录, its catalogue of funds, a narrative that announces tables) against what
/// follows. Each becomes an error finding on the document, which is still stored — its facts are
/// right, only some are missing — so that `docs`, `check --warnings` and the summary say so.
enum Completeness {
    static func check(_ ctx: ReadingContext, lastLine: Int, segmented: Segmented, chains: [DocumentReader.Chain]) {
        let found = Set(chains.map { $0.kind == .untitledFunctional ? TitleKind.expenditure : $0.kind })
        let tables = chains.filter { $0.kind != .directory }

        // 1. The 目录 lists tables in order; entries after the last one printed never came.
        let listed = segmented.directoryLines.compactMap { line -> (kind: TitleKind, title: String)? in
            for c in line.filled.reversed() {
                if let k = TitleKind.classify(text: String(c.text)), k != .directory { return (k, Clean.label(c.text)) }
            }
            return nil
        }
        if let lastPrinted = listed.lastIndex(where: { found.contains($0.kind) }) {
            let missing = listed[(lastPrinted + 1)...].filter { !found.contains($0.kind) }
            if let first = missing.first {
                ctx.warn(lastLine, "truncated", key: missing.count > 1 ? "warn.cut-listed-more" : "warn.cut-listed",
                         ["listed": String(listed.count), "title": first.title, "more": String(missing.count - 1)], severity: .error)
                return
            }
        } else if !listed.isEmpty, tables.isEmpty {
            ctx.warn(lastLine, "truncated", key: "warn.cut-listed-none", ["listed": String(listed.count)], severity: .error)
            return
        }

        // 2. A disclosure is its tables: a narrative with no table after it was cut before them.
        if tables.isEmpty, segmented.directoryLines.isEmpty, !ctx.facts.isEmpty {
            ctx.warn(lastLine, "truncated", key: "warn.cut-no-table", severity: .error)
            return
        }

        // 3. A booklet of special funds prints one performance table per fund of its catalogue.
        if chains.contains(where: { $0.kind == .specialFundCatalogue }) {
            let funds = ctx.facts.filter { $0.table == .specialFund && !$0.item.contains("合计") && !$0.item.contains("总计") }.count
            let performance = chains.filter { $0.kind == .projectPerformance }.reduce(0) { $0 + $1.blocks.count }
            if performance > 0, performance < funds, tables.last?.kind == .projectPerformance {
                ctx.warn(lastLine, "truncated", key: "warn.cut-funds", ["funds": String(funds), "tables": String(performance)], severity: .error)
            } else if performance == 0, segmented.narrative.contains(where: { $0.text.contains("绩效目标表") }) {
                ctx.warn(lastLine, "truncated", key: "warn.cut-funds-none", ["funds": String(funds)], severity: .error)
            }
            return
        }

        // 4. The narrative reports the figures of a table every 部门预算 prints (三公, 政府性基金,
        // 国有资本经营; even when nil, as “无数据”), and no such table comes. (The 三公 figures the
        // narrative reader files under `sangong` stand on narrative lines: not a table.)
        let printed = Set(chains.compactMap { announcedTables[$0.kind] })
        let facts = ctx.facts
        let reported = facts.indices.lazy.filter { facts.brief($0).table == .narrative }.compactMap { i in
            Names.table(facts.item(at: i)).flatMap { announcedTables.values.contains($0) ? $0 : nil }
        }
        if let missing = reported.first(where: { !printed.contains($0) }), !tables.isEmpty {
            ctx.warn(lastLine, "truncated", key: "warn.cut-reported", ["name": Messages.text("table." + missing.rawValue, in: .zh)], severity: .error)
            return
        }
        if let last = tables.last, let why = lastTableStopsShort(last, others: tables.dropLast(), facts: ctx.facts, lastLine: lastLine) {
            ctx.warn(lastLine, "truncated", key: why.key, why.args, severity: .error)
        }
    }

    /// Tables printed without a 合计 line.
    static let untotalled: Set<TitleKind> = [.projectPerformance, .overallPerformance, .unread, .directory]

    /// Tables that a narrative's figures announce, by the kind their title reads as.
    static let announcedTables: [TitleKind: TableKind] = [
        .sangong: .sangong, .fundBudget: .fundBudgetByFunction, .stateCapital: .stateCapitalByFunction,
    ]

    /// 5. Where the file ends in its last table: the 合计 that closes every other table never
    /// printed, or a heading row whose items never come. (A 合计 with no row under it is no sign: a
    /// one-unit 三公 table prints just that.) Checked on the current year's totals only (prior-year
    /// columns repeat the shape), walking the facts without copying them: a table can have 10⁵ rows.
    static func lastTableStopsShort(_ last: DocumentReader.Chain, others: ArraySlice<DocumentReader.Chain>, facts: FactList,
                                    lastLine: Int) -> (key: String, args: [String: String])? {
        // The facts by index, each looked at through `brief` (building every `Fact` once per
        // earlier table made this tables × facts `Fact`s), and no list of them made. One walk finds
        // the last table's latest year, which earlier tables have rows and a closing 合计, and the
        // longest code of each family: walked for each lazily, the facts were filtered five times.
        func isRead(_ b: (line: Int, year: Int, table: TableKind, measure: Measure, derived: Bool, code: String?)) -> Bool {
            b.table != .narrative && !b.derived && b.measure == .total
        }
        func isTotal(_ i: Int) -> Bool {
            guard facts.brief(i).code == nil else { return false }
            let item = facts.item(at: i)
            return item.contains("合计") || item.contains("总计")
        }
        // A closing 合计 is printed after the rows; when every other table with rows has a 合计,
        // the last one should too. Tables stand in the order of their lines.
        let bounds = others.map(\.line) + [last.line]
        var hasRows = [Bool](repeating: false, count: bounds.count - 1), hasTotal = hasRows
        var latest: Int?, longest: [Character: String] = [:]
        for i in facts.indices {
            let b = facts.brief(i)
            guard isRead(b) else { continue }
            if b.line >= last.line { latest = Swift.max(latest ?? b.year, b.year) }
            if let c = b.code, let family = c.first, c.count > longest[family]?.count ?? 0 { longest[family] = c }
            guard let r = bounds.lastIndex(where: { $0 <= b.line }), r < bounds.count - 1 else { continue }
            hasRows[r] = true
            if !hasTotal[r], isTotal(i) { hasTotal[r] = true }
        }
        guard let year = latest else { return nil }
        let current = facts.indices.lazy.filter { i in let b = facts.brief(i); return isRead(b) && b.line >= last.line && b.year == year }
        let earlier = hasRows.indices.filter { hasRows[$0] }
        if current.contains(where: { !isTotal($0) }), !current.contains(where: isTotal), !earlier.isEmpty,
           !untotalled.contains(last.kind), earlier.allSatisfy({ hasTotal[$0] }) {
            return ("warn.cut-no-total", ["title": last.title])
        }
        // The longest code of each family stands for all codes (`headingWithoutItems` wants the
        // deepest of the last row's family).
        return headingWithoutItems(current.filter { !isTotal($0) }.map { facts[$0] }, depths: longest.values)
    }

    /// The last row's group (the row and the codes above it): a code less deep than the document's
    /// codes of its family (by first digit: 2 functional, 3 and 5 economic) must be covered by its
    /// direct children; the rows after the cut would have supplied them.
    static func headingWithoutItems(_ rows: some Sequence<Fact>, depths: some Sequence<String>) -> (key: String, args: [String: String])? {
        var codes: [String: Fact] = [:]
        var lastRow: Fact?
        for f in rows {
            guard let c = f.code else { continue }
            if codes[c] == nil { codes[c] = f }
            if f.line >= lastRow?.line ?? 0 { lastRow = f }
        }
        guard let lastRow, let lastCode = lastRow.code else { return nil }
        let deepest = depths.lazy.filter { $0.first == lastCode.first }.map(\.count).max() ?? 0
        func parent(_ c: String) -> String? {
            (1..<c.count).reversed().lazy.map { String(c.prefix($0)) }.first { codes[$0] != nil }
        }
        var group = [lastCode]
        while let p = parent(group.last!) { group.append(p) }
        for code in group where code.count < deepest {
            guard let row = codes[code], row.amount.fen > 0 else { continue }
            var sum: Int64 = 0
            for (c, f) in codes where c.count > code.count && parent(c) == code {
                let (s, overflow) = sum.addingReportingOverflow(f.amount.fen)
                if overflow { return nil }
                sum = s
            }
            if sum < row.amount.fen {
                return ("warn.cut-items", ["code": code, "item": row.item, "sum": Money(fen: sum).formatted(in: row.sourceUnit),
                                           "amount": row.amount.formatted(in: row.sourceUnit)])
            }
        }
        return nil
    }
}
