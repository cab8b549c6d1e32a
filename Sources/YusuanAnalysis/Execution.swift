import Foundation
import YusuanCore

/// One line of budget execution: a 科目 (or the 合计, or a “三公” part) of one entity and year, its
/// 年初预算 and its 决算.
public struct ExecutionRow: Hashable, Sendable {
    public var entity: EntityRef
    public var year: Int
    public var code: String?
    public var item: String
    public var budget: Money?
    public var final: Money?
    /// final − budget; nil unless both are known.
    public var difference: Money?
    /// final / budget in percent; nil where the budget is zero or absent.
    public var rate: Percent?
    /// The documents the two figures come from.
    public var sources: [String]
    /// 年初预算 printed otherwise by other documents (a 预算 document against the 预算数 its 决算
    /// prints): each document with its figure, for a note; the budget above is the table's, then the
    /// first document's by name.
    public var otherBudgets: [OtherBudget] = []
    /// The document the 年初预算 used comes from.
    public var budgetSource: String?
    /// Where the two figures are printed (年初预算 first).
    public var places: [FigurePlace] = []
    public struct OtherBudget: Hashable, Sendable {
        public var document: String
        public var line: Int
        public var amount: Money
    }
    public init(entity: EntityRef, year: Int, code: String?, item: String, budget: Money?, final: Money?,
                difference: Money?, rate: Percent?, sources: [String], otherBudgets: [OtherBudget] = [], budgetSource: String? = nil,
                places: [FigurePlace] = []) {
        self.entity = entity; self.year = year; self.code = code; self.item = item; self.budget = budget
        self.final = final; self.difference = difference; self.rate = rate; self.sources = sources
        self.otherBudgets = otherBudgets; self.budgetSource = budgetSource; self.places = places
    }
}

/// Budget execution: the 年初预算 (budget facts: a 预算 document of the year, or the 预算数 a 决算 prints)
/// against the 决算 (final facts), line by line.
public enum Execution {
    /// The “三公” parts, in the order a table prints them, with their names.
    static let sangongParts: [(Measure, String)] = [
        (.total, "“三公”经费合计"), (.outbound, "因公出国（境）费"), (.vehicleTotal, "公务用车购置及运行维护费"),
        (.vehiclePurchase, "公务用车购置费"), (.vehicleOperation, "公务用车运行维护费"), (.reception, "公务接待费"),
    ]
    /// The narrative's item for the table's 合计.
    static let totalLabels: [TableKind: NarrativeItem] = [
        .generalBudgetByFunction: .generalBudgetExpenditure, .fundBudgetByFunction: .fundBudgetExpenditure,
        .expenditureByFunction: .expenditure,
    ]

    /// Where a line's figure comes from, best first: a table before the narrative, then the
    /// document and line.
    struct Candidate { var amount: Money; var document: String; var line: Int; var fromTable: Bool; var item: String; var page: Int? = nil }

    /// Lines of `table` (a functional table) and of “三公”, for the entities `include` accepts and `years`
    /// (all when empty). Derived figures (a prior year from a stated change) are no 年初预算 and no 决算.
    public static func rows(_ facts: [Fact], registry: EntityRegistry, table: TableKind = .generalBudgetByFunction,
                            years: [Int] = [], include: (EntityRef) -> Bool = { _ in true }) -> [ExecutionRow] {
        /// A line of the execution table: the 合计, a 科目, or a “三公” part (its index in `sangongParts`).
        enum Line: Hashable { case total, code(String), sangong(Int) }
        struct Key: Hashable { var entity: EntityRef; var year: Int; var line: Line }
        var found: [Key: [Stage: [Candidate]]] = [:]
        let totalLabel = totalLabels[table]?.rawValue
        for f in facts where !f.derived && (years.isEmpty || years.contains(f.year)) {
            let line: Line?
            var fromTable = true
            switch f.table {
            case table where f.measure == .total:
                line = f.code.map { .code($0) } ?? (SeriesSet.totalItems.contains(NameFolding.fold(f.item)) ? .total : nil)
            case .narrative where f.measure == .total:
                fromTable = false
                if let c = f.code, c.count >= 3, c.first == "2" { line = .code(c) }
                else if f.item == totalLabel { line = .total }
                else if let part = NarrativeItem(rawValue: f.item)?.sangongPart, let i = sangongParts.firstIndex(where: { $0.0 == part }) {
                    line = .sangong(i)
                } else { line = nil }
            case .sangong where SeriesSet.totalItems.contains(NameFolding.fold(f.item)):
                line = sangongParts.firstIndex { $0.0 == f.measure }.map { .sangong($0) }
            default: line = nil
            }
            guard let line else { continue }
            let ref = registry.ref(region: f.regionLabel, entity: f.entity)
            guard include(ref) else { continue }
            found[Key(entity: ref, year: f.year, line: line), default: [:]][f.stage, default: []]
                .append(Candidate(amount: f.amount, document: f.document, line: f.line, fromTable: fromTable, item: f.item, page: f.page))
        }
        func best(_ cs: [Candidate]?) -> Candidate? {
            cs?.min { ($0.fromTable ? 0 : 1, $0.document, $0.line) < ($1.fromTable ? 0 : 1, $1.document, $1.line) }
        }
        // An entity-year without any 决算 figure has nothing executed to report (a 预算 alone).
        struct EntityYear: Hashable { var entity: EntityRef; var year: Int }
        let executed = Set(found.filter { $0.value[.final] != nil }.map { EntityYear(entity: $0.key.entity, year: $0.key.year) })
        var out: [ExecutionRow] = []
        for (key, byStage) in found where executed.contains(EntityYear(entity: key.entity, year: key.year)) {
            // A 科目 the table never prints (a 政府性基金 项 in the narrative of a general-budget report) is no line of it.
            if case .code = key.line, !byStage.values.contains(where: { $0.contains(where: \.fromTable) }) { continue }
            let b = best(byStage[.budget]), f = best(byStage[.final])
            var code: String?
            let item: String
            switch key.line {
            case .total: item = "合计"
            case .sangong(let i): item = sangongParts[i].1
            case .code(let c):
                code = c
                item = (byStage[.final]?.first(where: \.fromTable) ?? byStage[.budget]?.first(where: \.fromTable) ?? f ?? b)!.item
            }
            // Another document printing another 年初预算 for the same line: kept, for a note.
            var others: [ExecutionRow.OtherBudget] = []
            if let b {
                for c in byStage[.budget] ?? [] where c.document != b.document && c.amount != b.amount
                    && !others.contains(where: { $0.document == c.document }) {
                    others.append(.init(document: c.document, line: c.line, amount: c.amount))
                }
            }
            let difference = b.flatMap { b in f.map { $0.amount - b.amount } }
            let rate = b.flatMap { b in f.flatMap { Percent.ratio($0.amount, b.amount) } }
            out.append(ExecutionRow(entity: key.entity, year: key.year, code: code, item: item, budget: b?.amount,
                                    final: f?.amount, difference: difference, rate: rate,
                                    sources: Array(Set([b?.document, f?.document].compactMap { $0 })).sorted(),
                                    otherBudgets: others.sorted { $0.document < $1.document }, budgetSource: b?.document,
                                    places: [b, f].compactMap { $0.map { FigurePlace(document: $0.document, page: $0.page, line: $0.line) } }))
        }
        func order(_ r: ExecutionRow) -> (Int, String) {
            if let c = r.code { return (1, c) }
            if r.item == "合计" { return (0, "") }
            return (2, String(sangongParts.firstIndex { $0.1 == r.item } ?? 0))
        }
        return out.sorted { a, b in
            if a.entity != b.entity { return a.entity < b.entity }
            if a.year != b.year { return a.year < b.year }
            return order(a) < order(b)
        }
    }
}

extension ReportTables {
    public static func execution(_ rows: [ExecutionRow]) -> ReportTable {
        ReportTable(
            columns: ["region", "entity", "year", "code", "item", "budget", "final", "difference", "rate", "sources", "places"],
            headers: ["地区", "单位", "年度", "科目编码", "科目", "年初预算", "决算", "差额", "执行率%", "来源", "出处"],
            rows: rows.map { r in
                [.text(r.entity.region), .text(r.entity.name), .int(r.year), r.code.map(Cell.text) ?? .null, .text(r.item),
                 .money(r.budget), .money(r.final), .money(r.difference), .percent(r.rate), .texts(r.sources),
                 .texts(r.places.map(\.text))]
            }, notInTable: ["places"])
    }
}
