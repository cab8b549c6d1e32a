import Foundation
import YusuanCore

/// What a series is of: one entity, table, row (科目 code, else the folded item) and measure.
public struct SeriesKey: Hashable, Comparable, Sendable {
    public var entity: EntityRef
    public var stage: Stage
    public var table: TableKind
    /// The 科目 code, or nil for a row identified by its item.
    public var code: String?
    /// The folded item, except in 科目 tables where a coded row is one row whatever its label
    /// (empty there). Projects and special funds keep their item: many share one 科目 code.
    public var itemKey: String
    public var measure: Measure

    public init(entity: EntityRef, stage: Stage = .budget, table: TableKind, code: String?, itemKey: String = "",
                measure: Measure) {
        self.entity = entity; self.stage = stage; self.table = table; self.code = code
        self.itemKey = code != nil && Self.keyedByCode(table) ? "" : itemKey; self.measure = measure
    }

    /// Tables whose rows are 科目: a row is its code.
    public static func keyedByCode(_ table: TableKind) -> Bool { table.isFunctional || table.isEconomic }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        if a.entity != b.entity { return a.entity < b.entity }
        if a.stage != b.stage { return a.stage.rawValue < b.stage.rawValue }
        if a.table != b.table { return a.table.rawValue < b.table.rawValue }
        if a.code != b.code { return (a.code ?? "~") < (b.code ?? "~") }
        if a.itemKey != b.itemKey { return a.itemKey < b.itemKey }
        return a.measure.rawValue < b.measure.rawValue
    }
}

/// Where a year's amount comes from, best first.
public enum PointSource: String, Hashable, Sendable, Comparable {
    /// Printed in the document of that year.
    case ownYear = "document"
    /// Printed in a later document as a prior-year figure (a 上年 column).
    case priorYear = "prior_year"
    /// Computed from a later document's narrative (e.g. "比2024年减少23.56万元").
    case derived

    var rank: Int { switch self { case .ownYear: 0; case .priorYear: 1; case .derived: 2 } }
    public static func < (a: PointSource, b: PointSource) -> Bool { a.rank < b.rank }
}

/// One year's amount of a series, with its provenance.
public struct SeriesPoint: Hashable, Sendable {
    public var year: Int
    public var amount: Money
    public var source: PointSource
    public var document: String
    public var documentYear: Int
    public var line: Int
    public var item: String
    /// 1-based PDF page of the figure; nil for text input.
    public var page: Int? = nil
    public var derived: Bool { source == .derived }
    /// Where the figure is printed.
    public var place: FigurePlace { FigurePlace(document: document, page: page, line: line) }
}

/// Where a figure behind an analysis row is printed: a document, its page (PDF) and line. Rows carry
/// their figures' places, so that a reader can find each figure as `yusuan text` prints it.
public struct FigurePlace: Hashable, Sendable, Comparable {
    public var document: String
    public var page: Int?
    public var line: Int
    public init(document: String, page: Int?, line: Int) { self.document = document; self.page = page; self.line = line }
    /// `document:line`, or `document:pPAGE:line` for a PDF (as warnings print it).
    public var text: String { "\(document):" + (page.map { "p\($0):" } ?? "") + "\(line)" }
    public static func < (a: FigurePlace, b: FigurePlace) -> Bool { (a.document, a.line) < (b.document, b.line) }
}

public struct Series: Hashable, Sendable {
    public var key: SeriesKey
    /// The row label as printed most recently.
    public var item: String
    /// Ascending by year, one point per year.
    public var points: [SeriesPoint]

    public func point(in year: Int) -> SeriesPoint? { points.first { $0.year == year } }
    public func amount(in year: Int) -> Money? { point(in: year)?.amount }
    public var years: [Int] { points.map(\.year) }
}

/// Two sources that give different amounts for the same year; `chosen` is what the series holds.
public struct SeriesDisagreement: Hashable, Sendable, CustomStringConvertible {
    public var key: SeriesKey
    public var year: Int
    public var chosen: SeriesPoint
    public var other: SeriesPoint
    public var description: String {
        "\(key.entity) \(key.table.rawValue) \(key.code ?? key.itemKey) \(key.measure.rawValue) \(year): "
            + "\(chosen.document):\(chosen.line) has \(chosen.amount.yuanString) 元, "
            + "\(other.document):\(other.line) has \(other.amount.yuanString) 元 (\(other.source.rawValue))"
    }
}

/// All series built from a set of facts.
public struct SeriesSet: Sendable {
    /// Sorted by key.
    public var series: [Series]
    /// Sorted by key, year, then the other point's document.
    public var disagreements: [SeriesDisagreement]
    private var index: [SeriesKey: Int]
    private var tableIndex: [TableRef: [Int]]
    private var tableYears: [TableRef: Set<Int>]

    /// One entity's one table and measure.
    public struct TableRef: Hashable, Sendable {
        public var entity: EntityRef, stage: Stage, table: TableKind, measure: Measure
        public init(entity: EntityRef, stage: Stage = .budget, table: TableKind, measure: Measure) {
            self.entity = entity; self.stage = stage; self.table = table; self.measure = measure
        }
    }

    init(series: [Series], disagreements: [SeriesDisagreement]) {
        self.series = series; self.disagreements = disagreements
        var idx: [SeriesKey: Int] = [:]
        idx.reserveCapacity(series.count)
        var tidx: [TableRef: [Int]] = [:]
        var tyears: [TableRef: Set<Int>] = [:]
        for (i, s) in series.enumerated() {
            idx[s.key] = i
            let t = TableRef(entity: s.key.entity, stage: s.key.stage, table: s.key.table, measure: s.key.measure)
            tidx[t, default: []].append(i)
            tyears[t, default: []].formUnion(s.points.map(\.year))
        }
        index = idx; tableIndex = tidx; tableYears = tyears
    }

    /// The series of one entity's table and measure, sorted by key (codes first, then items).
    public func rows(of t: TableRef) -> [Series] { (tableIndex[t] ?? []).map { series[$0] } }

    /// Every table reference, sorted by entity, table, measure.
    public var tables: [TableRef] {
        tableIndex.keys.sorted { ($0.entity, $0.stage.rawValue, $0.table.rawValue, $0.measure.rawValue)
            < ($1.entity, $1.stage.rawValue, $1.table.rawValue, $1.measure.rawValue) }
    }

    /// Labels of a total row.
    public static let totalItems: Set<String> = ["合计", "总计"]

    /// The entity's total of a table in a year: its `合计` row, else the sum of its 类 rows; nil
    /// when the table has neither that year.
    public func total(of t: TableRef, year: Int) -> Money? {
        let rows = self.rows(of: t)
        if let row = rows.first(where: { $0.key.code == nil && Self.totalItems.contains($0.key.itemKey) }),
           let m = row.amount(in: year) { return m }
        var sum: Money?
        for s in rows {
            guard let c = s.key.code, c.count == 3, let m = s.amount(in: year) else { continue }
            sum = (sum ?? .zero) + m
        }
        return sum
    }

    public subscript(key: SeriesKey) -> Series? { index[key].map { series[$0] } }

    /// Every entity with at least one series, sorted.
    public var entities: [EntityRef] { Array(Set(series.map(\.key.entity))).sorted() }

    /// Years in which an entity's table has any amount (its documents printed that table).
    public func years(of t: TableRef) -> Set<Int> { tableYears[t] ?? [] }
}

public enum SeriesBuilder {
    /// Builds every series. `documentYears` gives each document's own fiscal year; when absent it is
    /// the max year among the document's facts.
    ///
    /// For each year the document of that year wins; else a prior-year column of the nearest later
    /// document; else a narrative-derived figure of the nearest later document. Every other source
    /// giving a different amount is reported as a disagreement. Repeated facts of one document for
    /// the same row (a table printed on two pages) keep the first by line.
    public static func build(facts: [Fact], registry: EntityRegistry,
                             documentYears: [String: Int]? = nil) -> SeriesSet {
        let docYears = documentYears ?? DocumentYears.infer(from: facts)
        var refCache: [String: EntityRef] = [:]
        var itemCache: [String: String] = [:]

        struct Candidate { var point: SeriesPoint; var order: Int }
        var candidates: [SeriesKey: [Int: [Candidate]]] = [:]
        for (order, f) in facts.enumerated() {
            let cacheKey = f.regionLabel + "\u{1}" + f.entity
            let ref: EntityRef
            if let r = refCache[cacheKey] { ref = r } else {
                ref = registry.ref(region: f.regionLabel, entity: f.entity); refCache[cacheKey] = ref
            }
            var itemKey = ""
            if f.code == nil || !SeriesKey.keyedByCode(f.table) {
                if let k = itemCache[f.item] { itemKey = k } else { itemKey = NameFolding.fold(f.item); itemCache[f.item] = itemKey }
            }
            let key = SeriesKey(entity: ref, stage: f.stage, table: f.table, code: f.code, itemKey: itemKey, measure: f.measure)
            let docYear = docYears[f.document] ?? f.year
            let source: PointSource = f.derived ? .derived : (f.year >= docYear ? .ownYear : .priorYear)
            let p = SeriesPoint(year: f.year, amount: f.amount, source: source, document: f.document,
                                documentYear: docYear, line: f.line, item: f.item, page: f.page)
            candidates[key, default: [:]][f.year, default: []].append(Candidate(point: p, order: order))
        }

        var series: [Series] = []
        series.reserveCapacity(candidates.count)
        var disagreements: [SeriesDisagreement] = []
        for (key, byYear) in candidates {
            var points: [SeriesPoint] = []
            var latestItem: (Int, Int, String)?   // (documentYear, order, item)
            for (year, cands) in byYear {
                let sorted = cands.sorted { a, b in
                    if a.point.source != b.point.source { return a.point.source < b.point.source }
                    if a.point.documentYear != b.point.documentYear { return a.point.documentYear < b.point.documentYear }
                    if a.point.document != b.point.document { return a.point.document < b.point.document }
                    return a.order < b.order
                }
                let chosen = sorted[0].point
                points.append(chosen)
                var reported = Set<String>()
                for c in sorted.dropFirst() where c.point.amount != chosen.amount {
                    // One report per other document is enough.
                    if reported.insert(c.point.document).inserted {
                        disagreements.append(SeriesDisagreement(key: key, year: year, chosen: chosen, other: c.point))
                    }
                }
                for c in cands where c.point.source != .derived {
                    if latestItem == nil || (c.point.documentYear, -c.order) > (latestItem!.0, -latestItem!.1) {
                        latestItem = (c.point.documentYear, c.order, c.point.item)
                    }
                }
            }
            points.sort { $0.year < $1.year }
            series.append(Series(key: key, item: latestItem?.2 ?? points.last!.item, points: points))
        }
        series.sort { $0.key < $1.key }
        disagreements.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            if a.year != b.year { return a.year < b.year }
            return (a.other.document, a.other.line) < (b.other.document, b.other.line)
        }
        return SeriesSet(series: series, disagreements: disagreements)
    }
}
