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
        /// `.final` when the entity-year's documents are 决算 only: every figure of the part is then
        /// a 决算 figure, and said so; `.budget` otherwise (a 决算's figures never mix in).
        public var stage: Stage
        /// 年初预算 against 决算 of the table's 合计 for `year`, where both are printed.
        public var execution: ExecutionTotal?
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
        public struct ExecutionTotal: Sendable {
            /// The table whose 合计 is executed: the general budget's where printed (a 决算's
            /// 年初预算 column is the general budget's), else the part's own.
            public var table: TableKind
            public var budget: Money, final: Money
            public var rate: Percent
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

        /// `execution` gives the execution rows (`Execution.rows`) of a table for the entity-year.
        init(input: AnalysisInput, ref: EntityRef, year: Int, stage: Stage = .budget, number: Int, unit: MoneyUnit,
             execution: (TableKind) -> [ExecutionRow] = { _ in [] }) {
            self.number = number
            entity = ref
            self.year = year
            self.stage = stage
            func total(_ t: TableKind, _ m: Measure, _ y: Int) -> Money? {
                input.series.total(of: .init(entity: ref, stage: stage, table: t, measure: m), year: y)
            }
            // A 决算 is described by its general-budget table, the one that prints the 年初预算 beside it.
            let first: TableKind = stage == .final ? .generalBudgetByFunction : .expenditureByFunction
            let other: TableKind = stage == .final ? .expenditureByFunction : .generalBudgetByFunction
            let table: TableKind = total(first, .total, year) != nil ? first : other
            self.table = table
            if let all = total(table, .total, year) {
                self.total = all
                if let p = total(table, .total, year - 1) {
                    prior = Prior(amount: p, derived: false)
                } else if stage == .budget, table == .expenditureByFunction,
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
            for t in [TableKind.generalBudgetByFunction, table] where self.execution == nil {
                if let row = execution(t).first(where: { $0.code == nil && $0.item == "合计" }),
                   let b = row.budget, let f = row.final, let r = row.rate {
                    self.execution = ExecutionTotal(table: t, budget: b, final: f, rate: r)
                }
            }
            treemap = BudgetCharts.treemap(set: input.series, entity: ref, year: year, table: table, stage: stage, unit: unit)
            // The change against the prior year compares budgets only.
            changes = stage == .budget ? Self.changes(input: input, ref: ref, year: year, unit: unit) : nil
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
