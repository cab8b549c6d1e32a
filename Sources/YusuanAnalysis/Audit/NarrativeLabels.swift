import Foundation
import YusuanCore

/// A narrative total named by a summary table's line ("财政拨款收入支出总计0.3万元" against the
/// 财政拨款收入支出决算总表's 总计), labels as data (`narrative-labels.tsv`).
extension NarrativeAudit {
    struct Label { var words: String; var title: [String]; var item: String }

    /// The file's label rows (its `figure` and `parts` rows are read in NarrativeFigures).
    static let labels: [Label] = labelRows.compactMap { p -> Label? in
        guard p.count == 3, !["figure", "parts"].contains(p[0]) else { return nil }
        return Label(words: p[0], title: p[1].split(separator: "+").map(String.init), item: p[2])
    }.sorted { $0.words.count > $1.words.count }

    func summaryLabels() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let summaries = ctx.input.tables.filter { $0.kind == .summary && $0.facts > 0 }.sorted { $0.line < $1.line }
        let starts = ctx.input.tables.map(\.line).sorted()
        for (i, t) in text.tokens.enumerated() {
            guard case .money(let amount, let unit, let decimals) = t.value, !isChange(i) else { continue }
            let c = labelledClause(i)
            guard let label = Self.labels.first(where: { c.hasSuffix($0.words) }) else { continue }
            // The facts of the first summary table whose title fits, on its own lines.
            guard let table = summaries.first(where: { s in
                label.title.allSatisfy { $0.hasPrefix("!") ? !s.title.contains($0.dropFirst()) : s.title.contains($0) }
            }) else { continue }
            let end = starts.first { $0 > table.line } ?? Int.max
            let rows = ctx.facts.filter { $0.table == .summary && $0.line >= table.line && $0.line < end && $0.year == ctx.year
                && $0.measure == .total && Normal.key($0.item).contains(label.item) }
            guard let first = rows.first, !rows.contains(where: { AuditContext.agrees(amount, decimals: decimals, unit: unit, with: $0.amount) }) else { continue }
            out.append(ctx.finding(.narrativeFigure, line: t.line, key: "mismatch", [
                "what": ctx.m.text("what.narrative-figure", ["label": label.words, "table2": table.title, "place2": ctx.place(first)]),
                "place": ctx.place(t.line), "actual": ctx.money(amount, unit, places: decimals), "expected": ctx.money(first.amount, unit),
                "diff": Money(fen: Int64((amount - first.amount).fen.magnitude)).formatted(in: unit)]))
        }
        return out
    }
}
