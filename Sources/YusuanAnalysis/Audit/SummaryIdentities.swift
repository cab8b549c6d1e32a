import Foundation
import YusuanCore

/// The summary table's identities (本年收入合计 + 使用结余 + 年初结转和结余 = 总计 = 本年支出合计 +
/// 结余分配 + 年末结转和结余) and 基本支出 = 人员经费 + 公用经费 across the functional and economic tables.
enum SummaryIdentities {
    static func run(_ ctx: AuditContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Each summary table on its own (a 决算 prints 收入支出决算总表 and 财政拨款收入支出决算总表).
        let starts = ctx.input.tables.filter { $0.kind == .summary }.map(\.line).sorted()
        let all = ctx.facts.filter { $0.table == .summary && $0.year == ctx.year && $0.measure == .total }
        let groups = Dictionary(grouping: all) { f in starts.last { $0 <= f.line } ?? 0 }
        for (_, rows) in groups.sorted(by: { $0.key < $1.key }) { out += identities(ctx, rows) }
        out += basicParts(ctx)
        return out
    }

    static func identities(_ ctx: AuditContext, _ rows: [Fact]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // The first row of the first alternative any row matches (使用+结余 before 用事业基金).
        func find(_ line: AuditWords) -> Fact? {
            for p in line.patterns { if let f = rows.first(where: { p.matches(Normal.key($0.item)) }) { return f } }
            return nil
        }
        let income = find(.incomeTotal), spending = find(.spendingTotal)
        let incomeSide = [income, find(.surplusUsed), find(.carriedIn)].compactMap { $0 }
        let spendingSide = [spending, find(.surplusSplit), find(.carriedOut)].compactMap { $0 }
        let grands = rows.filter { Normal.key($0.item).contains(AuditWords.grandTotal.word) }
        let grandIn = grands.first { Normal.key($0.item).contains(AuditWords.grandIncome.word) } ?? grands.first
        let grandOut = grands.first { Normal.key($0.item).contains(AuditWords.grandSpending.word) } ?? grands.last
        func check(_ parts: [Fact], _ total: Fact?) {
            guard let total, parts.count >= 2 || (parts.count == 1 && parts[0].line != total.line) else { return }
            let sum = parts.reduce(Money.zero) { $0 + $1.amount }
            guard sum != total.amount else { return }
            let unit = total.sourceUnit
            let severity: Severity = (sum - total.amount).fen.magnitude <= UInt64(unit.fenPerUnit / 100 * Int64(parts.count + 1)) ? .rounding : .error
            out.append(ctx.finding(.summaryIdentity, line: total.line, severity: severity, key: "mismatch", [
                "what": ctx.m.text("what.summary-identity", ["left": total.item, "right": parts.map(\.item).joined(separator: " + "), "place2": ctx.place(parts[0])]),
                "place": ctx.place(total), "actual": ctx.money(total.amount, unit), "expected": ctx.money(sum, unit),
                "diff": Money(fen: Int64((sum - total.amount).fen.magnitude)).formatted(in: unit)]))
        }
        if income != nil { check(incomeSide, grandIn) }
        if spending != nil { check(spendingSide, grandOut) }
        if let a = grandIn, let b = grandOut, a.line != b.line || a.column != b.column { check([a], b) }
        return out
    }

    static func basicParts(_ ctx: AuditContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // 基本支出 of the functional table = 人员经费 + 公用经费 of the economic table.
        let get = { (t: TableKind, m: Measure) in ctx.facts.first { $0.table == t && $0.code == nil && $0.item == "合计" && $0.measure == m && $0.year == ctx.year } }
        if let basic = get(.generalBudgetByFunction, .basic), let p = get(.basicByEconomic, .personnel), let o = get(.basicByEconomic, .operating) {
            let sum = p.amount + o.amount
            let unit = basic.sourceUnit
            if sum != basic.amount {
                let severity: Severity = (sum - basic.amount).fen.magnitude <= UInt64(unit.fenPerUnit / 100 * 3) ? .rounding : .error
                out.append(ctx.finding(.basicParts, line: basic.line, severity: severity, key: "mismatch", [
                    "what": ctx.m.text("what.basic-parts", ["table": ctx.m.table(basic.table), "table2": ctx.m.table(p.table), "place2": ctx.place(p)]),
                    "place": ctx.place(basic), "actual": ctx.money(basic.amount, unit), "expected": ctx.money(sum, unit),
                    "diff": Money(fen: Int64((sum - basic.amount).fen.magnitude)).formatted(in: unit)]))
            }
        }
        return out
    }
}
