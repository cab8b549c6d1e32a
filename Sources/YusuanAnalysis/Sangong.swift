import Foundation
import YusuanCore

/// One entity's 三公 figures in one year.
public struct SangongRow: Hashable, Sendable {
    public var entity: EntityRef
    public var year: Int
    public var total: Money?
    public var outbound: Money?
    public var vehiclePurchase: Money?
    public var vehicleOperation: Money?
    public var reception: Money?
    /// True if any figure of the row is narrative-derived.
    public var derived: Bool
    /// The stage of the row's figures, and the documents they come from.
    public var stage: Stage = .budget
    public var sources: [String] = []
    /// Where each of the row's figures is printed, sorted.
    public var places: [FigurePlace] = []
    /// Change of `total` against the entity's previous row in the same output (nil for its first).
    public var change: Money?
    public var changePct: Percent?
    /// The documents behind the row's figures, sorted (what a footnote cites): `sources`.
    public var documents: [String] { get { sources } set { sources = newValue } }
}

public enum Sangong {
    static let measures: [Measure] = [.total, .outbound, .vehiclePurchase, .vehicleOperation, .reception]

    /// One row per entity and year from the `sangong` table: the `合计` row, else the only row (or
    /// several rows that agree). Years are filtered before changes are computed, so a change is
    /// always against the previous year shown. Sorted by region, entity, year.
    public static func rows(_ set: SeriesSet, stage: Stage = .budget, years: [Int] = [],
                            include: (EntityRef) -> Bool = { _ in true }) -> (rows: [SangongRow], notes: [String]) {
        var out: [SangongRow] = []
        var notes: [String] = []
        let entities = set.entities.filter(include)
        for e in entities {
            var byYear: [Int: SangongRow] = [:]
            for m in measures {
                let rows = set.rows(of: .init(entity: e, stage: stage, table: .sangong, measure: m))
                guard !rows.isEmpty else { continue }
                let allYears = Set(rows.flatMap(\.years))
                for y in allYears where years.isEmpty || years.contains(y) {
                    guard let p = pick(rows, year: y, note: { notes.append("\(e) \(y) \(m.rawValue): \($0)") }) else { continue }
                    var row = byYear[y] ?? SangongRow(entity: e, year: y, derived: false, stage: stage)
                    if !row.sources.contains(p.document) { row.sources = (row.sources + [p.document]).sorted() }
                    if !row.places.contains(p.place) { row.places = (row.places + [p.place]).sorted() }
                    switch m {
                    case .total: row.total = p.amount
                    case .outbound: row.outbound = p.amount
                    case .vehiclePurchase: row.vehiclePurchase = p.amount
                    case .vehicleOperation: row.vehicleOperation = p.amount
                    default: row.reception = p.amount
                    }
                    if p.derived { row.derived = true }
                    byYear[y] = row
                }
            }
            var previous: SangongRow?
            for y in byYear.keys.sorted() {
                var row = byYear[y]!
                if let previous {
                    let c = Change(from: previous.total, to: row.total)
                    row.change = c.absolute
                    row.changePct = c.percent
                }
                out.append(row)
                previous = row
            }
        }
        return (out, notes.sorted())
    }

    /// The point of a year among a measure's rows: the `合计` row, else the only row, else rows that
    /// all agree. Disagreeing rows without a `合计` are ambiguous: no figure, and a note.
    static func pick(_ rows: [Series], year: Int, note: (String) -> Void) -> SeriesPoint? {
        if let total = rows.first(where: { $0.key.code == nil && SeriesSet.totalItems.contains($0.key.itemKey) }),
           let p = total.point(in: year) { return p }
        let points = rows.compactMap { $0.point(in: year) }
            .sorted { ($0.source, $0.documentYear, $0.document, $0.line) < ($1.source, $1.documentYear, $1.document, $1.line) }
        guard let first = points.first else { return nil }
        if points.allSatisfy({ $0.amount == first.amount }) { return first }
        // Several disagreeing rows of the best source: rows of sub-units without a 合计.
        let best = points.filter { $0.source == first.source }
        if best.count == 1 { return first }
        note("several rows without 合计 (\(best.map(\.item).joined(separator: ", "))); left empty")
        return nil
    }
}
