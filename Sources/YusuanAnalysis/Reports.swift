import Foundation
import YusuanCore

/// One 科目 row of an entity compared between two years.
public struct CompareRow: Hashable, Sendable {
    public var entity: EntityRef
    public var code: String
    public var item: String
    public var level: SubjectCode.Level
    public var yearA: Int
    public var yearB: Int
    public var change: Change
    /// Share of the entity's total of the table in year A / B.
    public var shareA: Percent?
    public var shareB: Percent?
    /// The stage of both amounts, and the documents they come from.
    public var stage: Stage = .budget
    public var sources: [String] = []
    /// Where the two amounts are printed.
    public var places: [FigurePlace] = []
    /// The documents behind the row's two amounts, sorted (what a footnote cites): `sources`.
    public var documents: [String] { get { sources } set { sources = newValue } }
    public var amountA: Money? { change.from }
    public var amountB: Money? { change.to }
}

/// One 科目 row of an entity in one year, with its shares and rank.
public struct ShareRow: Hashable, Sendable {
    public var entity: EntityRef
    public var code: String
    public var item: String
    public var level: SubjectCode.Level
    public var year: Int
    public var amount: Money
    /// Share of the entity's total of the table.
    public var share: Percent?
    /// Share of the parent 科目 (nil for a 类, or when the parent row is absent or zero).
    public var shareOfParent: Percent?
    /// Rank among the entities shown for the same code and year (1 = largest).
    public var rank: Int
    /// The document the amount comes from.
    public var sources: [String] = []
}

/// One year of a trend.
public struct TrendPoint: Hashable, Sendable {
    public var year: Int
    public var amount: Money
    public var source: PointSource
    /// Change against the previous point shown (nil for the first).
    public var change: Change?
    /// The document the amount comes from.
    public var document: String = ""
    /// Where the amount is printed (nil for a point without a document).
    public var place: FigurePlace? = nil
}

public struct TrendRow: Hashable, Sendable {
    public var key: SeriesKey
    public var item: String
    public var points: [TrendPoint]
    /// CAGR from the first to the last point shown.
    public var cagr: Percent?
}

/// What the commands ask of the analysis: filters shared by all reports.
public struct ReportFilter: Sendable {
    public var regions: [String]
    public var entities: [String]
    public var groups: [String]
    public var stage: Stage
    public init(regions: [String] = [], entities: [String] = [], groups: [String] = [], stage: Stage = .budget) {
        self.regions = regions; self.entities = entities; self.groups = groups; self.stage = stage
    }
}

public enum Reports {
    /// Whether a code belongs to the rows of `table` at `level`.
    static func codeFits(_ code: String?, table: TableKind, level: SubjectCode.Level?) -> SubjectCode? {
        guard let code, let c = SubjectCode(code) else { return nil }
        if let level, c.level != level { return nil }
        if table.isFunctional, c.family != .functional { return nil }
        if table.isEconomic, c.family == .functional { return nil }
        return c
    }

    static func included(_ registry: EntityRegistry, _ f: ReportFilter) -> (EntityRef) -> Bool {
        { registry.matches($0, regions: f.regions, entities: f.entities, groups: f.groups) }
    }

    /// Rows at `level` of `table` for every entity, between `yearA` and `yearB`. A row absent in
    /// year A while the entity's table exists that year is `new` (and `dropped` the other way);
    /// when the entity has no such table in one of the years the status is `missing`.
    /// Sorted by region, entity, code.
    public static func compare(_ set: SeriesSet, registry: EntityRegistry, yearA: Int, yearB: Int,
                               table: TableKind = .expenditureByFunction, level: SubjectCode.Level? = .lei,
                               measure: Measure = .total, filter: ReportFilter = .init()) -> [CompareRow] {
        let include = included(registry, filter)
        var out: [CompareRow] = []
        for e in set.entities where include(e) {
            let t = SeriesSet.TableRef(entity: e, stage: filter.stage, table: table, measure: measure)
            let years = set.years(of: t)
            let hasA = years.contains(yearA), hasB = years.contains(yearB)
            guard hasA || hasB else { continue }
            let totalA = set.total(of: t, year: yearA), totalB = set.total(of: t, year: yearB)
            for s in set.rows(of: t) {
                guard let c = codeFits(s.key.code, table: table, level: level) else { continue }
                let a = s.amount(in: yearA), b = s.amount(in: yearB)
                guard a != nil || b != nil else { continue }
                let status: ChangeStatus =
                    a != nil && b != nil ? .both : (a == nil ? (hasA ? .new : .missing) : (hasB ? .dropped : .missing))
                // A new item's change is its later amount, a dropped one's minus its earlier (the
                // change chart's bars); its percent stays empty.
                var change = Change(from: a, to: b, status: status)
                if status == .new { change.absolute = b } else if status == .dropped { change.absolute = a.map { -$0 } }
                out.append(CompareRow(
                    entity: e, code: c.digits, item: s.item, level: c.level, yearA: yearA, yearB: yearB,
                    change: change,
                    shareA: a.flatMap { m in totalA.flatMap { Percent.ratio(m, $0) } },
                    shareB: b.flatMap { m in totalB.flatMap { Percent.ratio(m, $0) } },
                    stage: filter.stage,
                    sources: Array(Set([s.point(in: yearA)?.document, s.point(in: yearB)?.document].compactMap { $0 })).sorted(),
                    places: Array(Set([s.point(in: yearA)?.place, s.point(in: yearB)?.place].compactMap { $0 })).sorted()))
            }
        }
        return out
    }

    /// Rows at `level` of `table` in `year`, each with its share of the entity's total and of its
    /// parent 科目, ranked among the entities shown for the same code. Sorted by region, entity, code.
    public static func shares(_ set: SeriesSet, registry: EntityRegistry, year: Int,
                              table: TableKind = .expenditureByFunction, level: SubjectCode.Level? = .lei,
                              measure: Measure = .total, filter: ReportFilter = .init()) -> [ShareRow] {
        let include = included(registry, filter)
        var out: [ShareRow] = []
        for e in set.entities where include(e) {
            let t = SeriesSet.TableRef(entity: e, stage: filter.stage, table: table, measure: measure)
            let rows = set.rows(of: t)
            guard !rows.isEmpty else { continue }
            let total = set.total(of: t, year: year)
            var byCode: [String: Money] = [:]
            for s in rows { if let c = s.key.code, let m = s.amount(in: year) { byCode[c] = m } }
            for s in rows {
                guard let c = codeFits(s.key.code, table: table, level: level), let m = s.amount(in: year) else { continue }
                let parent = c.parent.flatMap { byCode[$0.digits] }
                out.append(ShareRow(entity: e, code: c.digits, item: s.item, level: c.level, year: year, amount: m,
                                    share: total.flatMap { Percent.ratio(m, $0) },
                                    shareOfParent: parent.flatMap { Percent.ratio(m, $0) }, rank: 0,
                                    sources: s.point(in: year).map { [$0.document] } ?? []))
            }
        }
        // Rank each code across entities.
        var byCode: [String: [Int]] = [:]
        for (i, r) in out.enumerated() { byCode[r.code, default: []].append(i) }
        for (_, idxs) in byCode {
            let ranked = Ranking.rank(idxs.map { ($0, out[$0].amount) }) { out[$0].entity < out[$1].entity }
            for r in ranked { out[r.value].rank = r.rank }
        }
        return out
    }

    /// The series of one code (or item) per entity, with year-on-year change and CAGR over the
    /// years shown. Sorted by entity, table, measure.
    public static func trend(_ set: SeriesSet, registry: EntityRegistry, code: String,
                             tables: [TableKind] = [], measure: Measure = .total, years: [Int] = [],
                             filter: ReportFilter = .init()) -> [TrendRow] {
        let include = included(registry, filter)
        let folded = NameFolding.fold(code)
        var out: [TrendRow] = []
        for s in set.series where s.key.measure == measure && s.key.stage == filter.stage {
            guard s.key.code == code || (s.key.code == nil && s.key.itemKey == folded) else { continue }
            if !tables.isEmpty, !tables.contains(s.key.table) { continue }
            guard include(s.key.entity) else { continue }
            let pts = s.points.filter { years.isEmpty || years.contains($0.year) }
            guard !pts.isEmpty else { continue }
            var tp: [TrendPoint] = []
            for (i, p) in pts.enumerated() {
                tp.append(TrendPoint(year: p.year, amount: p.amount, source: p.source,
                                     change: i == 0 ? nil : Change(from: pts[i - 1].amount, to: p.amount), document: p.document, place: p.place))
            }
            let cagr = Growth.cagr(from: pts.first!.amount, to: pts.last!.amount,
                                   fromYear: pts.first!.year, toYear: pts.last!.year)
            out.append(TrendRow(key: s.key, item: s.item, points: tp, cagr: cagr))
        }
        return out
    }

    /// Where a code appears: the names printed for it, years and documents.
    public struct SubjectUsage: Hashable, Sendable {
        public var code: String
        public var canonicalName: String?
        /// Printed names (as printed), sorted.
        public var printedNames: [String]
        /// Printed names that differ from the catalogue beyond width/space (see `SubjectCatalogue.check`).
        public var differences: [NameCheck]
        public var years: [Int]
        public var documents: [String]
        public var tables: [TableKind]
    }

    /// Every code in the facts (or only `code`), with catalogue names and where it appears. Sorted by code.
    public static func subjects(_ facts: [Fact], catalogue: SubjectCatalogue, code: String? = nil,
                                documentYears: [String: Int]? = nil) -> [SubjectUsage] {
        let docYears = documentYears ?? DocumentYears.infer(from: facts)
        struct Acc { var names = Set<String>(); var checks = Set<NameCheck>(); var years = Set<Int>()
            var docs = Set<String>(); var tables = Set<TableKind>() }
        var acc: [String: Acc] = [:]
        for f in facts {
            guard let c = f.code, code == nil || c == code, f.table != .project, f.table != .specialFund,
                  let sc = SubjectCode(c) else { continue }
            var a = acc[c] ?? Acc()
            a.names.insert(f.item)
            a.years.insert(f.year)
            a.docs.insert(f.document)
            a.tables.insert(f.table)
            let check = catalogue.check(printed: f.item, code: sc, year: docYears[f.document] ?? f.year)
            if check != .matches { a.checks.insert(check) }
            acc[c] = a
        }
        if let code, acc[code] == nil, SubjectCode(code) != nil { acc[code] = Acc() }
        return acc.keys.sorted().map { c in
            let a = acc[c]!
            return SubjectUsage(code: c, canonicalName: SubjectCode(c).flatMap { catalogue.name(of: $0) },
                                printedNames: a.names.sorted(),
                                differences: a.checks.sorted { "\($0)" < "\($1)" },
                                years: a.years.sorted(), documents: a.docs.sorted(),
                                tables: a.tables.sorted { $0.rawValue < $1.rawValue })
        }
    }
}

/// Everything the analysis commands compute from: the facts, aligned.
public struct AnalysisInput: Sendable {
    public var facts: [Fact]
    public var registry: EntityRegistry
    public var series: SeriesSet

    /// `documentYears` should come from the store's document identities when the facts were
    /// filtered (a filtered document's facts may no longer show its own year).
    public init(facts: [Fact], documentYears: [String: Int]? = nil, config: AnalysisConfig = .empty) {
        let years = documentYears ?? DocumentYears.infer(from: facts)
        self.facts = facts
        registry = EntityRegistry(facts: facts, documentYears: years, config: config)
        series = SeriesBuilder.build(facts: facts, registry: registry, documentYears: years)
    }
}
