import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanStore

/// What the brief says, decided from the store's documents and facts: every figure as `Money` or
/// `Percent`, every chart as a spec. No wording and no files: `BriefBlocks` words it, `Brief`
/// writes it. Building it is a pure function of its inputs (`init(documents:facts:findings:…)`).
public struct BriefModel: Sendable {
    public var title: String?
    public var unit: MoneyUnit
    /// Every document read, in the store's order.
    public var documents: [StoredDocument]
    /// The regions the documents come from, sorted.
    public var regions: [String]
    /// “三公” across entities; nil when no document prints a total.
    public var sangong: SangongPart?
    /// One part per entity with a functional table, its latest document first.
    public var entities: [EntityPart]
    /// The special funds; nil when no document lists any.
    public var funds: FundsPart?
    public var findings: FindingsPart

    public struct SangongPart: Sendable {
        /// Every entity-year with a printed total (the table).
        public var rows: [SangongRow]
        /// Each entity's latest year, by entity.
        public var latest: [Latest]
        public var down: Int, up: Int, flat: Int
        public var style: ComparisonStyle
        /// The comparison chart, its sources cited by title.
        public var chart: ComparisonChartSpec?
        /// The documents behind the figures (file names).
        public var sources: [String]

        public struct Latest: Sendable {
            public var entity: EntityRef
            public var year: Int
            public var total: Money
            /// The entity's previous year with a total, and the change against it.
            public var prior: Prior?
        }
        public struct Prior: Sendable {
            public var year: Int
            public var change: Change
            /// The prior year's figure is derived from a narrative (情况说明).
            public var derived: Bool
        }
    }

    public struct FundsPart: Sendable {
        public var regions: [String]
        public var count: Int
        public var total: Money
        /// Per department, largest amount first (name breaks ties).
        public var departments: [Department]
        public var sources: [String]
        public var chart: BarChartSpec?

        public struct Department: Sendable {
            public var name: String
            public var count: Int
            public var amount: Money
            public var share: Percent?
        }
    }

    public struct FindingsPart: Sendable {
        /// The audit's findings (disagreements first, then hints), then the reading warnings; by document and line.
        public var shown: [Diagnostic]
        /// The audit's disagreements and hints: what `yusuan check` counts.
        public var errors: Int
        public var warnings: Int
        /// Warnings from reading the documents (`check --warnings` adds them): no audit finding.
        public var reading: Int = 0
        /// Rounding differences are counted, not listed.
        public var rounding: Int
        /// The disagreement with the largest difference (in money, across units): the one that matters most.
        public var largest: Diagnostic?
    }

    /// Reads what the brief needs from `store` and builds the model: 预算 and 决算 facts, kept
    /// apart by the model (a 决算's figures never mix into a budget's). `documents` (stored names) restricts it to the
    /// documents given, whatever else the store holds; nil is the whole store.
    public static func read(store: FactStore, documents only: [String]? = nil, title: String? = nil, unit: MoneyUnit = .wanyuan,
                            config: AnalysisConfig = .empty) throws -> BriefModel {
        let docs = try store.documents().filter { only?.contains($0.name) ?? true }
        let names = docs.map(\.name)
        // An empty list would mean “every document” to the queries below.
        let facts = only != nil && names.isEmpty ? [] : try store.facts(FactQuery(documents: only == nil ? [] : names))
        let findings: (audit: [Diagnostic], reading: [Diagnostic]) = only != nil && names.isEmpty ? ([], []) : try StoreFindings.split(
            store: store, documents: only == nil ? [] : names, includeWarnings: true,
            messages: AuditMessages.forLanguage(Messages.language.rawValue))
        return BriefModel(documents: docs, facts: facts, findings: findings.audit, reading: findings.reading, title: title, unit: unit, config: config)
    }

    /// `facts` of every stage; `findings` the audit's, `reading` the reading warnings.
    public init(documents docs: [StoredDocument], facts all: [Fact], findings: [Diagnostic], reading: [Diagnostic] = [], title: String? = nil,
                unit u: MoneyUnit = .wanyuan, config: AnalysisConfig = .empty) {
        let facts = all.filter { $0.stage == .budget }
        self.title = title
        unit = u
        documents = docs
        let byName = Dictionary(docs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let docYears = Dictionary(docs.map { ($0.name, $0.identity.year) }, uniquingKeysWith: { a, _ in a })
        let input = AnalysisInput(facts: facts, documentYears: docYears, config: config)
        func cited(_ names: [String]) -> [String] { names.map { byName[$0].map(Prose.title) ?? $0 } }
        regions = Set(docs.map(\.identity.regionLabel)).sorted()
        sangong = Self.sangong(input, unit: u, cited: cited)

        var seen = Set<EntityRef>()
        let departments = docs.filter { d in d.tables.contains { $0.kind.isFunctional } }
            .sorted { ($0.identity.regionLabel, $0.identity.entity, -$0.identity.year) < ($1.identity.regionLabel, $1.identity.entity, -$1.identity.year) }
        // 决算 figures (and the 年初预算 against them) from all stages; an entity-year read from 决算
        // documents only is described by its 决算.
        let allInput = AnalysisInput(facts: all, documentYears: docYears, config: config)
        struct EntityYear: Hashable { var region: String, entity: String, year: Int }
        var stages: [EntityYear: Set<Stage>] = [:]
        for d in docs { stages[EntityYear(region: d.identity.regionLabel, entity: d.identity.entity, year: d.identity.year), default: []].insert(d.identity.stage) }
        entities = departments.compactMap { d in
            let ref = input.registry.ref(region: d.identity.regionLabel, entity: d.identity.entity)
            guard seen.insert(ref).inserted else { return nil }
            let year = d.identity.year
            let docStages = stages[EntityYear(region: d.identity.regionLabel, entity: d.identity.entity, year: year)] ?? []
            let execution: (TableKind) -> [ExecutionRow] = { t in
                docStages.contains(.final) ? Execution.rows(all, registry: allInput.registry, table: t, years: [year],
                                                            include: { $0.region == ref.region && $0.name == ref.name }) : []
            }
            if docStages == [.final] {
                let finalRef = allInput.registry.ref(region: d.identity.regionLabel, entity: d.identity.entity)
                return EntityPart(input: allInput, ref: finalRef, year: year, stage: .final, number: seen.count, unit: u, execution: execution)
            }
            return EntityPart(input: input, ref: ref, year: year, number: seen.count, unit: u, execution: execution)
        }
        funds = Self.funds(facts.filter { $0.table == .specialFund }, unit: u, cited: cited)

        let shown = findings.filter { $0.severity == .error || $0.severity == .warning }
            .sorted { ($0.severity, $0.document, $0.line) < ($1.severity, $1.document, $1.line) }
        let errors = shown.filter { $0.severity == .error }.count
        let largest = shown.filter { $0.severity == .error }
            .compactMap { d in byName[d.document].flatMap { FindingText.difference(d, unit: $0.unit) }.map { (d, $0) } }
            .max { $0.1 < $1.1 }?.0
        let readWarnings = reading.filter { $0.severity == .error || $0.severity == .warning }
            .sorted { ($0.document, $0.line) < ($1.document, $1.line) }
        self.findings = FindingsPart(shown: shown + readWarnings, errors: errors, warnings: shown.count - errors, reading: readWarnings.count,
                                     rounding: findings.filter { $0.severity == .rounding }.count, largest: largest)
    }

    static func sangong(_ input: AnalysisInput, unit u: MoneyUnit, cited: ([String]) -> [String]) -> SangongPart? {
        let rows = Sangong.rows(input.series).rows.filter { $0.total != nil }
        guard !rows.isEmpty else { return nil }
        let latestRows = Dictionary(grouping: rows, by: \.entity).compactMap { $0.value.max { $0.year < $1.year } }
            .sorted { $0.entity < $1.entity }
        let latest: [SangongPart.Latest] = latestRows.map { r in
            let prior = rows.last { $0.entity == r.entity && $0.year < r.year }.map {
                SangongPart.Prior(year: $0.year, change: Change(from: $0.total, to: r.total), derived: $0.derived)
            }
            return .init(entity: r.entity, year: r.year, total: r.total!, prior: prior)
        }
        // Counted on each row's own change (against the entity's previous row in `Sangong.rows`).
        let changes = latestRows.compactMap { $0.change?.fen }
        let sources = BudgetCharts.documents(rows.map(\.documents))
        // The chart suits the data: a dumbbell when entities have two years, lines for more.
        let entities = SangongComparison.entities(rows, set: input.series)
        let style = SangongCharts.suitedStyle(years: entities.map(\.rows.count).max() ?? 1)
        var chart = SangongCharts.spec(entities, options: .init(style: style, unit: u))
        chart?.sources = cited(sources)
        return SangongPart(rows: rows, latest: latest, down: changes.filter { $0 < 0 }.count, up: changes.filter { $0 > 0 }.count,
                           flat: changes.filter { $0 == 0 }.count, style: style, chart: chart, sources: sources)
    }

    static func funds(_ funds: [Fact], unit u: MoneyUnit, cited: ([String]) -> [String]) -> FundsPart? {
        guard !funds.isEmpty else { return nil }
        var byDept: [String: (count: Int, amount: Money)] = [:]
        for f in funds { let v = byDept[f.entity] ?? (0, .zero); byDept[f.entity] = (v.count + 1, v.amount + f.amount) }
        let all = funds.reduce(Money.zero) { $0 + $1.amount }
        let sources = Set(funds.map(\.document)).sorted()
        let departments = byDept.sorted { ($0.value.amount, $1.key) > ($1.value.amount, $0.key) }
            .map { FundsPart.Department(name: $0.key, count: $0.value.count, amount: $0.value.amount, share: Percent.ratio($0.value.amount, all)) }
        return FundsPart(regions: Set(funds.map(\.region)).sorted(), count: funds.count, total: all, departments: departments,
                         sources: sources, chart: BudgetCharts.specialFunds(funds, unit: u, sources: cited(sources)))
    }

    /// The charts in the order the brief shows them, with the file each is written to.
    public var charts: [BriefChart] {
        var out: [BriefChart] = []
        if let c = sangong?.chart { out.append(.init(file: "sangong.png", spec: .comparison(c))) }
        // The entity charts' footnotes cite their documents by title, as the text does.
        func titled<S: BriefChartSources>(_ s: S) -> S { var s = s; s.sources = DocumentTitles.cite(s.sources, in: documents); return s }
        for e in entities {
            if let t = e.treemap { out.append(.init(file: e.structureFile, spec: .treemap(titled(t)))) }
            if let c = e.changes { out.append(.init(file: e.changeFile, spec: .bars(titled(c.chart)))) }
        }
        if let c = funds?.chart { out.append(.init(file: "special-funds.png", spec: .bars(c))) }
        return out
    }
}

/// One chart of the brief and the file it goes to.
public struct BriefChart: Sendable {
    public enum Spec: Sendable {
        case bars(BarChartSpec), treemap(TreemapSpec), comparison(ComparisonChartSpec)
    }
    public var file: String
    public var spec: Spec

    func render(in dir: URL, options: RenderOptions) throws {
        let url = dir.appendingPathComponent(file)
        switch spec {
        case .bars(let s): try ChartRenderer.render(s, to: url, options: options)
        case .treemap(let s): try ChartRenderer.render(s, to: url, options: options)
        case .comparison(let s): try ChartRenderer.render(s, to: url, options: options)
        }
    }
}
