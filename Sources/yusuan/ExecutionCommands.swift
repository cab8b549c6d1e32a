import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanReport

struct ExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: L("help.execution"),
        discussion: L("disc.execution"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp(L("opt.execution-table")))
    var table: FunctionalTableArg = .init(.generalBudgetByFunction)

    func run() throws {
        // 年初预算 against 决算: both stages by definition.
        if filters.stage != nil { throw UserError(L("execution.nostage"), code: 64) }
        let t = table.kind
        let input = try filters.load(store, tables: [t, .narrative, .sangong]).input
        let rows = Execution.rows(input.facts, registry: input.registry, table: t, years: try filters.yearList(),
                                  include: { filters.includes($0, input.registry) })
        Self.noteOtherBudgets(rows, unit: output.unit.unit)
        try output.emit(ReportTables.execution(rows), empty: L("execution.empty", ["filters": filters.description]))
    }
}

extension ExecutionCommand {
    /// A line whose 年初预算 two documents print differently: said, with both figures and where.
    static func noteOtherBudgets(_ rows: [ExecutionRow], unit: MoneyUnit) {
        for r in rows {
            guard let b = r.budget, let used = r.budgetSource else { continue }
            for o in r.otherBudgets {
                printError(L("note.prefix") + L("execution.otherbudget", [
                    "entity": r.entity.name, "year": String(r.year), "item": [r.code, r.item].compactMap { $0 }.joined(separator: " "),
                    "amount": b.label(in: unit), "document": used,
                    "other": o.amount.label(in: unit), "otherdoc": o.document, "line": String(o.line)]))
            }
        }
    }
}

struct ChartExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: L("help.chart-execution"))
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: ArgumentHelp(L("opt.execution-table")))
    var table: FunctionalTableArg = .init(.generalBudgetByFunction)
    @Flag(help: ArgumentHelp(L("opt.execution-sangong"))) var sangong = false
    @Option(help: ArgumentHelp(L("opt.18"))) var limit: Int = 15

    func run() throws {
        if data.filters.stage != nil { throw UserError(L("execution.nostage"), code: 64) }
        let t = table.kind
        let input = try data.filters.load(data.store, tables: [t, .narrative, .sangong]).input
        let e = try data.entity(in: input)
        let years = try data.filters.yearList()
        guard years.count <= 1 else { throw ValidationError(L("execution.oneyear")) }
        let year: Int
        if let y = years.first {
            year = y
        } else {
            // No --year: the latest year with both a 年初预算 and a 决算, said on standard error.
            let all = Execution.rows(input.facts, registry: input.registry, table: t, include: { $0 == e })
            guard let y = all.filter({ $0.budget != nil && $0.final != nil }).map(\.year).max() else {
                throw ValidationError(L("execution.oneyear"))
            }
            year = y
            printError(L("note.prefix") + L("execution.year", ["year": String(y), "entity": e.name]))
        }
        let rows = Execution.rows(input.facts, registry: input.registry, table: t, years: [year], include: { $0 == e })
        ExecutionCommand.noteOtherBudgets(rows, unit: data.unit.unit)
        guard let spec = BudgetCharts.execution(rows, sangong: sangong, limit: limit, unit: data.unit.unit,
                                                sources: Array(Set(rows.flatMap(\.sources))).sorted()) else {
            throw UserError(L(sangong ? "execution.none.sangong" : "execution.none", ["entity": e.name, "year": String(year)]), code: 2)
        }
        try data.draw(spec, ReportTables.execution(rows), options: render.options)
    }
}
