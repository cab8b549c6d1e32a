import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanReport

/// The table `--table` names, for execution: a functional table.
private func executionTable(_ s: String) throws -> TableKind {
    guard let t = TableKind(rawValue: s), t.isFunctional else {
        throw ValidationError("--table is a functional table (general_budget_by_function, expenditure_by_function, fund_budget_by_function), not “\(s)”")
    }
    return t
}

struct ExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: "Budget execution: 年初预算 against 决算 per entity, 科目 and “三公” part, with difference and rate.",
        discussion: """
            The 年初预算 comes from the year's 预算 document or from the 预算数 a 决算 prints (its tables or its \
            情况说明, e.g. “年初预算为2,993.92万元”); the 决算 from the 决算 document. Rate is final / budget in \
            percent, null where the budget is zero or absent. Both stages are compared: --stage does not apply.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions
    @Option(help: "Only this fiscal year (repeatable).") var year: [Int] = []
    @Option(help: "The functional table of the 科目 lines (default general_budget_by_function).")
    var table: String = TableKind.generalBudgetByFunction.rawValue

    func validate() throws { _ = try executionTable(table) }

    func run() throws {
        let t = try executionTable(table)
        let (input, _) = try loadAligned(store, tables: [t, .narrative, .sangong], config: options.config)
        let rows = Execution.rows(input.facts, registry: input.registry, table: t, years: year, include: {
            input.registry.matches($0, regions: options.region, entities: options.entity, groups: options.group)
        })
        options.emit(ReportTables.execution(rows))
    }
}

struct ChartExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: "年初预算 and 决算 side by side for one entity and year (科目 lines, or “三公” parts with --sangong).")
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: "The entity (name, alias or part of one).") var entity: String
    @Option(help: "The fiscal year.") var year: Int
    @Option(help: "The functional table of the 科目 lines (default general_budget_by_function).")
    var table: String = TableKind.generalBudgetByFunction.rawValue
    @Flag(help: "Draw the “三公” parts instead of the 科目 lines.") var sangong = false
    @Option(help: "How many lines at most.") var limit: Int = 15

    func validate() throws { _ = try executionTable(table) }

    func run() throws {
        let t = try executionTable(table)
        let (input, facts) = try loadAligned(data.store, tables: [t, .narrative, .sangong], config: data.config)
        let e = try data.entity(entity, in: input)
        let rows = Execution.rows(facts, registry: input.registry, table: t, years: [year], include: { $0 == e })
        guard let spec = BudgetCharts.execution(rows, sangong: sangong, limit: limit, unit: data.unit.unit,
                                                sources: Array(Set(rows.flatMap(\.sources))).sorted()) else {
            throw UserError("\(e.name): no 年初预算 and 决算 known for \(year)\(sangong ? " in “三公”" : "")")
        }
        try ChartRenderer.render(spec, to: URL(fileURLWithPath: data.output), options: render.options)
        print("wrote \(data.output)")
    }
}
