import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanReport

/// The table `--table` names, for execution: a functional table.
private func executionTable(_ s: String) throws -> TableKind {
    guard let t = TableKind(rawValue: s), t.isFunctional else {
        throw ValidationError(L("execution.table", ["value": s]))
    }
    return t
}

struct ExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: L("help.execution"),
        discussion: L("disc.execution"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp(L("opt.execution-table")))
    var table: String = TableKind.generalBudgetByFunction.rawValue

    func validate() throws { _ = try executionTable(table) }

    func run() throws {
        let t = try executionTable(table)
        let input = try filters.load(store, tables: [t, .narrative, .sangong]).input
        let rows = Execution.rows(input.facts, registry: input.registry, table: t, years: try filters.yearList(),
                                  include: { filters.includes($0, input.registry) })
        try output.emit(ReportTables.execution(rows), empty: L("execution.empty", ["filters": filters.description]))
    }
}

struct ChartExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: L("help.chart-execution"))
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: ArgumentHelp(L("opt.execution-table")))
    var table: String = TableKind.generalBudgetByFunction.rawValue
    @Flag(help: ArgumentHelp(L("opt.execution-sangong"))) var sangong = false
    @Option(help: ArgumentHelp(L("opt.18"))) var limit: Int = 15

    func validate() throws { _ = try executionTable(table) }

    func run() throws {
        let t = try executionTable(table)
        let input = try data.filters.load(data.store, tables: [t, .narrative, .sangong]).input
        let e = try data.entity(in: input)
        let years = try data.filters.yearList()
        guard years.count == 1 else { throw ValidationError(L("execution.oneyear")) }
        let year = years[0]
        let rows = Execution.rows(input.facts, registry: input.registry, table: t, years: [year], include: { $0 == e })
        guard let spec = BudgetCharts.execution(rows, sangong: sangong, limit: limit, unit: data.unit.unit,
                                                sources: Array(Set(rows.flatMap(\.sources))).sorted()) else {
            throw UserError(L(sangong ? "execution.none.sangong" : "execution.none", ["entity": e.name, "year": String(year)]), code: 2)
        }
        try data.draw(spec, ReportTables.execution(rows), options: render.options)
    }
}
