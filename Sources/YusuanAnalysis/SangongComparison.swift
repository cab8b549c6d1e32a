import Foundation
import YusuanCore

/// What a 三公 total is divided by for `--per`: the entity's 一般公共预算财政拨款 expenditure of
/// the same year and stage (`general_budget_by_function` 合计, total or basic).
public enum SangongBase: String, Sendable, CaseIterable {
    case total, basic
    public var measure: Measure { self == .total ? .total : .basic }
    public var label: String { self == .total ? "一般公共预算财政拨款支出" : "一般公共预算财政拨款基本支出" }
}

/// How entities are ordered: by the latest figure (largest first), by change (largest increase
/// first), or by region and name.
public enum SangongSort: String, Sendable, CaseIterable { case latest, change, name }

/// One entity's 三公 over the years shown, with the base it is divided by.
public struct SangongEntity: Sendable {
    public var entity: EntityRef
    /// Its rows with a total, by year.
    public var rows: [SangongRow]
    /// The base expenditure of each year, where known (only with a base).
    public var bases: [Int: Money] = [:]
    /// Documents behind the figures used (三公 and base).
    public var sources: [String] = []
    /// Documents behind the base of each year.
    public var baseSources: [Int: [String]] = [:]

    public var first: SangongRow { rows[0] }
    public var latest: SangongRow { rows[rows.count - 1] }
    /// The year before the latest shown (the first row when there is only one): changes are
    /// from it to the latest, as in `yusuan sangong` and the brief.
    public var previous: SangongRow { rows[max(0, rows.count - 2)] }
    /// 三公 as a share of the base in `row`'s year, exact to 0.01%.
    public func share(_ row: SangongRow) -> Percent? {
        guard let t = row.total, let b = bases[row.year] else { return nil }
        return Percent.ratio(t, b)
    }
    /// Change of the total from the previous to the latest year shown.
    public var change: Change? { rows.count > 1 ? Change(from: previous.total, to: latest.total) : nil }
    /// Change of the share in percentage points (hundredths), previous to latest year.
    public var shareChange: Percent? {
        guard rows.count > 1, let a = share(previous), let b = share(latest) else { return nil }
        return Percent(hundredths: b.hundredths - a.hundredths)
    }
}

public enum SangongComparison {
    /// Groups `rows` by entity (those with a total), attaches bases and sources, and sorts.
    /// `percent` sorts a change by its percentage; with a base, by the change of the share.
    public static func entities(_ rows: [SangongRow], set: SeriesSet, stage: Stage = .budget,
                                base: SangongBase? = nil, sort: SangongSort = .latest, percent: Bool = false) -> [SangongEntity] {
        var byEntity: [EntityRef: [SangongRow]] = [:]
        for r in rows where r.total != nil { byEntity[r.entity, default: []].append(r) }
        var out = byEntity.map { e, rs -> SangongEntity in
            var item = SangongEntity(entity: e, rows: rs.sorted { $0.year < $1.year })
            var docs = Set<String>()
            let years = Set(item.rows.map(\.year))
            for m in Sangong.measures {
                let series = set.rows(of: .init(entity: e, stage: stage, table: .sangong, measure: m))
                for y in years { if let p = Sangong.pick(series, year: y, note: { _ in }) { docs.insert(p.document) } }
            }
            if let base {
                for y in years {
                    if let (amount, from) = baseAmount(set, entity: e, stage: stage, measure: base.measure, year: y) {
                        item.bases[y] = amount; item.baseSources[y] = from; docs.formUnion(from)
                    }
                }
            }
            item.sources = docs.sorted()
            return item
        }
        out.sort { a, b in
            if sort == .name { return byName(a.entity, b.entity) }
            let ka = key(a, sort: sort, base: base, percent: percent), kb = key(b, sort: sort, base: base, percent: percent)
            if ka != kb { return ka > kb }
            return a.entity < b.entity
        }
        return out
    }

    /// Region, then name, in pinyin order (ICU's `zh@collation=pinyin` through Foundation), as a
    /// Chinese reader looks them up; code-point order breaks ties.
    static func byName(_ a: EntityRef, _ b: EntityRef) -> Bool {
        for (x, y) in [(a.region, b.region), (a.name, b.name)] where x != y {
            let r = x.compare(y, locale: pinyin)
            if r != .orderedSame { return r == .orderedAscending }
        }
        return a < b
    }
    static let pinyin = Locale(identifier: "zh@collation=pinyin")

    /// A sort key: larger first; entities without a figure last.
    static func key(_ e: SangongEntity, sort: SangongSort, base: SangongBase?, percent: Bool) -> Int64 {
        let missing = Int64.min
        switch sort {
        case .name: return 0
        case .latest:
            if base != nil { return e.share(e.latest)?.hundredths ?? missing }
            return e.latest.total?.fen ?? missing
        case .change:
            if base != nil { return e.shareChange?.hundredths ?? missing }
            if percent { return e.change?.percent?.hundredths ?? missing }
            return e.change?.absolute?.fen ?? missing
        }
    }

    /// The 合计 of `general_budget_by_function` in `year`, else the sum of its 类 rows, with the
    /// documents it comes from.
    public static func baseAmount(_ set: SeriesSet, entity: EntityRef, stage: Stage, measure: Measure,
                                  year: Int) -> (Money, [String])? {
        let rows = set.rows(of: .init(entity: entity, stage: stage, table: .generalBudgetByFunction, measure: measure))
        if let t = rows.first(where: { $0.key.code == nil && SeriesSet.totalItems.contains($0.key.itemKey) }),
           let p = t.point(in: year) { return (p.amount, [p.document]) }
        var sum: Money?, docs = Set<String>()
        for s in rows {
            guard let c = s.key.code, c.count == 3, let p = s.point(in: year) else { continue }
            sum = (sum ?? .zero) + p.amount; docs.insert(p.document)
        }
        return sum.map { ($0, docs.sorted()) }
    }
}

extension ReportTables {
    /// `yusuan sangong --per`: the rows with the base and the share, in the entities' order; a
    /// change of share in percentage points, and the documents of the 三公 figures and the base.
    public static func sangongPer(_ entities: [SangongEntity], base: SangongBase) -> ReportTable {
        ReportTable(
            columns: ["region", "entity", "year", "total", "derived", "base", "share", "share_change", "change", "change_pct",
                      "stage", "sources"],
            headers: ["地区", "单位", "年度", "合计", "推算", base.label, "占比%", "占比增减（个百分点）", "增减", "增减%",
                      "阶段", "资料来源"],
            rows: entities.flatMap { e in
                var previous: Percent?
                return e.rows.map { r -> [Cell] in
                    let s = e.share(r)
                    defer { previous = s }
                    let d = (s != nil && previous != nil) ? Percent(hundredths: s!.hundredths - previous!.hundredths) : nil
                    let docs = Set(r.sources + (e.baseSources[r.year] ?? [])).sorted()
                    return [.text(r.entity.region), .text(r.entity.name), .int(r.year), .money(r.total), .bool(r.derived),
                            .money(e.bases[r.year]), .percent(s), .points(d), .money(r.change), .percent(r.changePct),
                            stageCell(r.stage), .texts(docs)]
                }
            }, notInTable: ["stage", "sources"])
    }
}
