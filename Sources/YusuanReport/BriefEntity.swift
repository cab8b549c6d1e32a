import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore

extension BriefModel {
    /// One entity's part of the brief: its total against the prior year, basic against project, its
    /// structure (treemap) and its largest changes.
    public struct EntityPart: Sendable {
        /// 1-based, in the brief's order; names the chart files.
        public var number: Int
        public var entity: EntityRef
        /// The fiscal year of the entity's latest document.
        public var year: Int
        /// `expenditure_by_function` where the entity prints it, else `general_budget_by_function`.
        public var table: TableKind
        /// The table's total for `year`; nil when the table has no total (the part says so).
        public var total: Money?
        /// The prior year's total: the table's, else the 情况说明's 支出预算 (derived).
        public var prior: Prior?
        /// 基本支出 and 项目支出, when both are printed.
        public var split: Split?
        /// Where no prior total is known for all funds: the general budget's own change.
        public var generalBudget: GeneralBudget?
        public var treemap: TreemapSpec?
        /// Largest changes against the prior year, with their chart; nil when no prior year compares.
        public var changes: Changes?

        public struct Prior: Sendable {
            public var amount: Money
            public var derived: Bool
        }
        public struct Split: Sendable {
            public var basic: Money, basicShare: Percent?
            public var project: Money, projectShare: Percent?
        }
        public struct GeneralBudget: Sendable {
            public var amount: Money
            public var change: Change
        }
        public struct Changes: Sendable {
            /// Items that moved, by the size of the move (largest first, then by code).
            public var moved: [Moved]
            public var chart: BarChartSpec
        }
        public struct Moved: Sendable {
            public var row: CompareRow
            /// A new item counts as its amount, a dropped one as minus its prior amount.
            public var amount: Money
        }

        /// `total` against `prior`.
        public var change: Change? { prior.map { Change(from: $0.amount, to: total) } }
        public var structureFile: String { String(format: "entity-%02d-structure.png", number) }
        public var changeFile: String { String(format: "entity-%02d-change.png", number) }

        init(input: AnalysisInput, ref: EntityRef, year: Int, number: Int, unit: MoneyUnit) {
            self.number = number
            entity = ref
            self.year = year
            func total(_ t: TableKind, _ m: Measure, _ y: Int) -> Money? {
                input.series.total(of: .init(entity: ref, table: t, measure: m), year: y)
            }
            let table: TableKind = total(.expenditureByFunction, .total, year) != nil ? .expenditureByFunction : .generalBudgetByFunction
            self.table = table
            if let all = total(table, .total, year) {
                self.total = all
                if let p = total(table, .total, year - 1) {
                    prior = Prior(amount: p, derived: false)
                } else if table == .expenditureByFunction,
                          let p = input.series.rows(of: .init(entity: ref, table: .narrative, measure: .total))
                              .first(where: { $0.item == NarrativeItem.expenditure.rawValue })?.point(in: year - 1) {
                    prior = Prior(amount: p.amount, derived: true)
                }
                if let b = total(table, .basic, year), let p = total(table, .project, year) {
                    split = Split(basic: b, basicShare: Percent.ratio(b, all), project: p, projectShare: Percent.ratio(p, all))
                }
                if prior == nil, table == .expenditureByFunction, let gb = total(.generalBudgetByFunction, .total, year),
                   let gbPrior = total(.generalBudgetByFunction, .total, year - 1) {
                    generalBudget = GeneralBudget(amount: gb, change: Change(from: gbPrior, to: gb))
                }
            }
            treemap = BudgetCharts.treemap(set: input.series, entity: ref, year: year, table: table, unit: unit)
            changes = Self.changes(input: input, ref: ref, year: year, unit: unit)
        }

        /// The finest level and table that compare with the prior year: 项 before 款, the general
        /// budget before all funds, and only where some item is in both years.
        static func changes(input: AnalysisInput, ref: EntityRef, year: Int, unit: MoneyUnit) -> Changes? {
            var rows: [CompareRow] = []
            for level in [SubjectCode.Level.xiang, .kuan] where rows.isEmpty {
                for t in [TableKind.generalBudgetByFunction, .expenditureByFunction] where rows.isEmpty {
                    rows = Reports.compare(input.series, registry: input.registry, yearA: year - 1, yearB: year, table: t, level: level,
                                           filter: ReportFilter(regions: [ref.region], entities: [ref.name]))
                        .filter { [.both, .new, .dropped].contains($0.change.status) }
                    if !rows.contains(where: { $0.change.status == .both }) { rows = [] }
                }
            }
            guard let chart = BudgetCharts.change(rows, unit: unit) else { return nil }
            let moved = rows.map { Moved(row: $0, amount: movedAmount($0)) }.filter { $0.amount.fen != 0 }
                .sorted { ($0.amount.fen.magnitude, $1.row.code) > ($1.amount.fen.magnitude, $0.row.code) }
            return Changes(moved: moved, chart: chart)
        }

        static func movedAmount(_ r: CompareRow) -> Money {
            switch r.change.status {
            case .new: r.amountB ?? .zero
            case .dropped: r.amountA.map { -$0 } ?? .zero
            default: r.change.absolute ?? .zero
            }
        }
    }
}
