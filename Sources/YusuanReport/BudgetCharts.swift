import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore

/// Budget data → chart specs. The charts module knows nothing of budgets and the analysis module
/// nothing of drawing; this is where the two meet.
public enum BudgetCharts {
    /// Stacked (or grouped) bars of the four “三公” parts per entity and year, each entity's years
    /// together. A bar's end label is the printed total; where the parts printed do not make it up
    /// (a year whose split is unknown), the rest is an “未列明细” segment. `sources` defaults to the
    /// documents behind the rows drawn.
    public static func sangong(_ rows: [SangongRow], unit: MoneyUnit = .wanyuan, stacked: Bool = true,
                               sources: [String]? = nil, title: String = L("chart.sangong.title")) -> BarChartSpec? {
        let rows = rows.filter { $0.total != nil }
        guard !rows.isEmpty else { return nil }
        // One short name in two regions (two 普陀区财政局) is told apart by its region label.
        var regionsOfName: [String: Set<String>] = [:]
        for r in rows { regionsOfName[shortName(r.entity.name), default: []].insert(r.entity.region) }
        let categories = rows.map { r -> String in
            let name = shortName(r.entity.name)
            let shown = (regionsOfName[name]?.count ?? 0) > 1 ? "\(r.entity.region) \(name)" : name
            return "\(shown) \(r.year)\(r.derived ? "*" : "")"
        }
        func amounts(_ k: KeyPath<SangongRow, Money?>) -> [Money] { rows.map { $0[keyPath: k] ?? .zero } }
        let series: [BarSeries]
        var note: [String] = []
        if stacked {
            let parts: [(String, KeyPath<SangongRow, Money?>)] = [
                (L("measure.outbound"), \.outbound), (L("measure.vehicle_purchase"), \.vehiclePurchase),
                (L("measure.vehicle_operation"), \.vehicleOperation), (L("measure.reception"), \.reception)]
            var s = parts.map { BarSeries(name: $0.0, amounts: amounts($0.1), unit: unit) }
            // Printed total less the parts printed: exact, in fen.
            let unknown = rows.map { r -> Money in
                let known = parts.reduce(Money.zero) { $0 + (r[keyPath: $1.1] ?? .zero) }
                return r.total! > known ? r.total! - known : .zero
            }
            if unknown.contains(where: { $0 > .zero }) {
                s.append(BarSeries(name: L("chart.sangong.unknown"), amounts: unknown, unit: unit, color: Color(hex: 0xBBBBBB)))
                note.append(L("chart.sangong.unknown.note"))
            }
            series = s
        } else {
            series = [BarSeries(name: L("chart.total"), amounts: amounts(\.total), unit: unit)]
        }
        let years = Set(rows.map(\.year)).sorted()
        if rows.contains(where: { $0.derived }) { note.append(L("chart.derived.note")) }
        var spec = BarChartSpec(title: title, subtitle: L("chart.sangong.subtitle", ["years": yearSpan(years)]),
                                footnote: note.isEmpty ? nil : note.joined(),
                                sources: sources ?? documents(rows.map(\.documents)), unit: unit.rawValue,
                                categories: categories, series: series, style: stacked ? .stacked : .grouped)
        spec.moneyUnit = unit
        spec.totals = rows.map(\.total)
        return spec
    }

    /// `2024年` or `2023–2025年`.
    public static func yearSpan(_ years: [Int]) -> String {
        guard let a = years.min(), let b = years.max() else { return "" }
        return a == b ? L("chart.year", ["year": String(a)]) : L("chart.years", ["a": String(a), "b": String(b)])
    }

    /// The union of the rows' documents, sorted.
    public static func documents(_ lists: [[String]]) -> [String] { Set(lists.joined()).sorted() }

    /// A two-level treemap (类 → 款, or 款 → 项 with `depth` 3) of one entity's table in one year,
    /// coloured by 类 or by change against `priorYear`.
    public static func treemap(set: SeriesSet, entity: EntityRef, year: Int, table: TableKind, stage: Stage = .budget,
                               depth: Int = 2, colorByChange: Bool = false, unit: MoneyUnit = .wanyuan,
                               sources: [String]? = nil) -> TreemapSpec? {
        let ref = SeriesSet.TableRef(entity: entity, stage: stage, table: table, measure: .total)
        let rows = set.rows(of: ref)
        func amount(_ s: Series) -> Money? { s.amount(in: year) }
        let parentLen = depth >= 3 ? 5 : 3, childLen = depth >= 3 ? 7 : 5
        let parents = rows.filter { $0.key.code?.count == parentLen && (amount($0)?.fen ?? 0) > 0 }
        guard !parents.isEmpty else { return nil }
        func change(_ s: Series) -> Double? {
            guard colorByChange, let now = amount(s), let before = s.amount(in: year - 1), before.fen != 0 else { return nil }
            return (Double(now.fen) - Double(before.fen)) / Double(before.fen)
        }
        let nodes: [TreemapNode] = parents.map { p in
            let kids = rows.filter { $0.key.code.map { $0.count == childLen && $0.hasPrefix(p.key.code!) } == true && (amount($0)?.fen ?? 0) > 0 }
            let pm = amount(p)!
            func node(_ name: String, _ m: Money, _ c: Double?) -> TreemapNode {
                var n = TreemapNode(name: name, value: m.value(in: unit), change: c); n.amount = m; return n
            }
            if kids.isEmpty { return node(p.item, pm, change(p)) }
            var children = kids.map { node($0.item, amount($0)!, change($0)) }
            // What the children do not cover stays visible as its own cell (exact, in fen).
            let rest = pm - kids.reduce(Money.zero) { $0 + amount($1)! }
            if rest.fen > pm.fen / 1000 { children.append(node(L("chart.other"), rest, nil)) }
            var group = TreemapNode(name: p.item, change: change(p), children: children)
            group.amount = pm
            return group
        }
        let total = set.total(of: ref, year: year)
        // The documents behind the cells drawn (and the prior year's, when colouring by change).
        let drawn = rows.filter { $0.key.code.map { $0.count == parentLen || $0.count == childLen } == true }
        let docs = Set(drawn.flatMap { s in [s.point(in: year)?.document] + (colorByChange ? [s.point(in: year - 1)?.document] : []) }
            .compactMap { $0 }).sorted()
        return TreemapSpec(title: L("chart.treemap.title", ["entity": shortName(entity.name), "year": String(year),
                                                            "stage": stage == .final ? L("chart.stage.final") : ""]),
                           subtitle: L("chart.treemap.subtitle", [
                               "table": tableTitle(table), "levels": L(depth >= 3 ? "chart.treemap.levels3" : "chart.treemap.levels2"),
                               "total": total.map { L("chart.treemap.total", ["amount": $0.formatted(in: unit)]) } ?? ""]),
                           sources: sources ?? docs, unit: unit.rawValue, nodes: nodes,
                           colorMode: colorByChange ? .byChange : .byClass, moneyUnit: unit)
    }

    /// Diverging bars of the largest changes between two years (at most `limit` rows).
    /// A row new in year B counts as its whole amount (marked 新增), one dropped as minus its
    /// amount in year A (取消). `sources` defaults to the documents behind the rows drawn.
    public static func change(_ rows: [CompareRow], limit: Int = 12, unit: MoneyUnit = .wanyuan, stage: Stage = .budget,
                              sources: [String]? = nil) -> BarChartSpec? {
        let moving = rows.compactMap { r -> (CompareRow, Money)? in
            let d: Money?
            switch r.change.status {
            case .new: d = r.amountB
            case .dropped: d = r.amountA.map { -$0 }
            default: d = r.change.absolute
            }
            guard let d, d.fen != 0 else { return nil }
            return (r, d)
        }.sorted { ($0.1.fen.magnitude, $1.0.code) > ($1.1.fen.magnitude, $0.0.code) }.prefix(limit)
        guard let first = moving.first else { return nil }
        let r0 = first.0
        func mark(_ r: CompareRow) -> String {
            r.change.status == .new ? L("chart.change.new") : r.change.status == .dropped ? L("chart.change.dropped") : ""
        }
        var spec = BarChartSpec(title: L("chart.change.title", ["entity": shortName(r0.entity.name), "a": String(r0.yearA), "b": String(r0.yearB)]),
                                subtitle: L("chart.change.subtitle", ["level": r0.level.rawValue,
                                                                     "stage": stage == .final ? L("chart.change.final") : ""]),
                                footnote: moving.contains { !mark($0.0).isEmpty } ? L("chart.change.note") : nil,
                                sources: sources ?? documents(moving.map(\.0.documents)), unit: unit.rawValue,
                                categories: moving.map { "\($0.0.code) \($0.0.item)\(mark($0.0))" },
                                series: [BarSeries(name: L("chart.change.series"), amounts: moving.map(\.1), unit: unit)],
                                style: .diverging)
        spec.moneyUnit = unit
        return spec
    }

    /// Funds of a special-fund catalogue, summed by 主管部门.
    public static func specialFunds(_ facts: [Fact], unit: MoneyUnit = .wanyuan, sources: [String], limit: Int = 20) -> BarChartSpec? {
        let funds = facts.filter { $0.table == .specialFund }
        guard !funds.isEmpty else { return nil }
        var byDept: [String: Money] = [:]
        for f in funds { byDept[f.entity, default: .zero] += f.amount }
        let top = byDept.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit)
        let year = funds.map(\.year).max()!
        var spec = BarChartSpec(title: L("chart.funds.title", ["region": funds[0].region, "year": String(year)]),
                            subtitle: L("chart.funds.subtitle", ["count": String(funds.count), "top": String(top.count)]),
                            sources: sources, unit: unit.rawValue, categories: top.map { shortName($0.key) },
                            series: [BarSeries(name: L("chart.funds.series"), amounts: top.map(\.value), unit: unit)],
                            style: .grouped)
        spec.moneyUnit = unit
        return spec
    }

    /// What was read: the facts (and reading warnings) of each document.
    public static func reading(_ docs: [(name: String, facts: Int, warnings: Int)]) -> BarChartSpec? {
        guard !docs.isEmpty else { return nil }
        return BarChartSpec(title: "读取情况", subtitle: "每份文件读出的数据项与读取警告",
                            sources: docs.map(\.name), unit: "项", categories: docs.map(\.name),
                            series: [BarSeries(name: "数据项", values: docs.map { Double($0.facts) }),
                                     BarSeries(name: "读取警告", values: docs.map { Double($0.warnings) })],
                            style: .grouped, valueDecimals: 0)
    }

    /// `重庆市渝北区临空都市开发建设管理办公室` → `渝北区临空都市开发建设管理办公室`: the provincial
    /// prefix adds nothing on a chart of one province's districts.
    public static func shortName(_ s: String) -> String {
        guard let p = Region.provinceNames.first(where: { s.hasPrefix($0) }), s.count > p.count + 5 else { return s }
        return String(s.dropFirst(p.count))
    }

    public static func tableTitle(_ t: TableKind) -> String {
        switch t {
        case .expenditureByFunction, .generalBudgetByFunction, .fundBudgetByFunction, .incomeByFunction: L("title." + t.rawValue)
        default: t.rawValue
        }
    }
}
