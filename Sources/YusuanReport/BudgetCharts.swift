import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore

/// Budget data → chart specs. The charts module knows nothing of budgets and the analysis module
/// nothing of drawing; this is where the two meet.
public enum BudgetCharts {
    /// Stacked (or grouped) bars of the four “三公” parts per entity and year.
    public static func sangong(_ rows: [SangongRow], unit: MoneyUnit = .wanyuan, stacked: Bool = true,
                               sources: [String], title: String = "“三公”经费预算") -> BarChartSpec? {
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
        func values(_ k: KeyPath<SangongRow, Money?>) -> [Double] { rows.map { ($0[keyPath: k] ?? .zero).value(in: unit) } }
        let series: [BarSeries]
        if stacked {
            series = [BarSeries(name: "因公出国（境）", values: values(\.outbound)),
                      BarSeries(name: "公务用车购置", values: values(\.vehiclePurchase)),
                      BarSeries(name: "公务用车运行", values: values(\.vehicleOperation)),
                      BarSeries(name: "公务接待", values: values(\.reception))]
        } else {
            series = [BarSeries(name: "合计", values: values(\.total))]
        }
        let years = Set(rows.map(\.year)).sorted()
        let derivedNote = rows.contains { $0.derived } ? "带 * 的年度含由情况说明推算的数（如“比上年减少…”）。" : nil
        return BarChartSpec(title: title, subtitle: "\(years.first!)–\(years.last!)年，按单位和年度",
                            footnote: derivedNote, sources: sources, unit: unit.rawValue, categories: categories,
                            series: series, style: stacked ? .stacked : .grouped)
    }

    /// A two-level treemap (类 → 款, or 款 → 项 with `depth` 3) of one entity's table in one year,
    /// coloured by 类 or by change against `priorYear`.
    public static func treemap(set: SeriesSet, entity: EntityRef, year: Int, table: TableKind, stage: Stage = .budget,
                               depth: Int = 2, colorByChange: Bool = false, unit: MoneyUnit = .wanyuan,
                               sources: [String]) -> TreemapSpec? {
        let ref = SeriesSet.TableRef(entity: entity, stage: stage, table: table, measure: .total)
        let rows = set.rows(of: ref)
        func amount(_ s: Series) -> Money? { s.amount(in: year) }
        let parentLen = depth >= 3 ? 5 : 3, childLen = depth >= 3 ? 7 : 5
        let parents = rows.filter { $0.key.code?.count == parentLen && (amount($0)?.fen ?? 0) > 0 }
        guard !parents.isEmpty else { return nil }
        func change(_ s: Series) -> Double? {
            guard colorByChange, let now = amount(s), let before = s.amount(in: year - 1), before.fen != 0 else { return nil }
            return Double(now.fen - before.fen) / Double(before.fen)
        }
        let nodes: [TreemapNode] = parents.map { p in
            let kids = rows.filter { $0.key.code.map { $0.count == childLen && $0.hasPrefix(p.key.code!) } == true && (amount($0)?.fen ?? 0) > 0 }
            let pv = amount(p)!.value(in: unit)
            if kids.isEmpty { return TreemapNode(name: p.item, value: pv, change: change(p)) }
            var children = kids.map { TreemapNode(name: $0.item, value: amount($0)!.value(in: unit), change: change($0)) }
            // What the children do not cover stays visible as its own cell.
            let rest = pv - children.reduce(0) { $0 + ($1.value ?? 0) }
            if rest > pv * 0.001 { children.append(TreemapNode(name: "其他", value: rest)) }
            return TreemapNode(name: p.item, change: change(p), children: children)
        }
        let total = set.total(of: ref, year: year)
        return TreemapSpec(title: "\(shortName(entity.name)) \(year)年\(stage == .final ? "决算" : "")支出结构",
                           subtitle: "\(tableTitle(table))，按功能分类（\(depth >= 3 ? "款→项" : "类→款")）\(total.map { "，合计 \($0.formatted(in: unit))" } ?? "")",
                           sources: sources, unit: unit.rawValue, nodes: nodes,
                           colorMode: colorByChange ? .byChange : .byClass)
    }

    /// Diverging bars of the largest changes between two years (at most `limit` rows).
    public static func change(_ rows: [CompareRow], limit: Int = 12, unit: MoneyUnit = .wanyuan, stage: Stage = .budget,
                              sources: [String]) -> BarChartSpec? {
        let moving = rows.compactMap { r -> (CompareRow, Money)? in
            guard let d = r.change.absolute, d.fen != 0 else { return nil }
            return (r, d)
        }.sorted { ($0.1.fen.magnitude, $1.0.code) > ($1.1.fen.magnitude, $0.0.code) }.prefix(limit)
        guard let first = moving.first else { return nil }
        let r0 = first.0
        return BarChartSpec(title: "\(shortName(r0.entity.name)) \(r0.yearB)年比\(r0.yearA)年变动最大的科目",
                            subtitle: "按\(r0.level.rawValue)，增加与减少\(stage == .final ? "（决算数）" : "")",
                            sources: sources, unit: unit.rawValue,
                            categories: moving.map { "\($0.0.code) \($0.0.item)" },
                            series: [BarSeries(name: "增减", values: moving.map { $0.1.value(in: unit) })],
                            style: .diverging)
    }

    /// Funds of a special-fund catalogue, summed by 主管部门.
    public static func specialFunds(_ facts: [Fact], unit: MoneyUnit = .wanyuan, sources: [String], limit: Int = 20) -> BarChartSpec? {
        let funds = facts.filter { $0.table == .specialFund }
        guard !funds.isEmpty else { return nil }
        var byDept: [String: Money] = [:]
        for f in funds { byDept[f.entity, default: .zero] += f.amount }
        let top = byDept.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit)
        let year = funds.map(\.year).max()!
        return BarChartSpec(title: "\(funds[0].region) \(year)年重点专项资金（按主管部门）",
                            subtitle: "\(funds.count) 项专项，前 \(top.count) 个主管部门", sources: sources, unit: unit.rawValue,
                            categories: top.map { shortName($0.key) }, series: [BarSeries(name: "预算", values: top.map { $0.value.value(in: unit) })],
                            style: .grouped)
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
        case .expenditureByFunction: "部门支出（全部资金）"
        case .generalBudgetByFunction: "一般公共预算财政拨款支出"
        case .fundBudgetByFunction: "政府性基金预算支出"
        case .incomeByFunction: "部门收入"
        default: t.rawValue
        }
    }
}
