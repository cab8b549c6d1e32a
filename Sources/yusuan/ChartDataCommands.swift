import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanReport
import YusuanStore

/// The chart subcommands that draw data from the store.
let chartDataSubcommands: [ParsableCommand.Type] = [ChartTreemapCommand.self, ChartSangongCommand.self, ChartChangeCommand.self,
                                                   ChartExecutionCommand.self]

/// Which store and which entities a data chart draws.
struct ChartDataOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Option(help: "Unit of amounts: 万元 or 元.") var unit: AnalysisUnit = .wanyuan
    @Option(help: ArgumentHelp("Entity aliases, regions and peer groups (default: ./yusuan.yaml if present).", valueName: "PATH"))
    var config: String?
    @Option(name: .shortAndLong, help: "Output file: .png, .svg or .pdf.") var output: String
    @Option(help: "budget (预算, default) or final (决算): which figures to draw; the title says which.")
    var stage: StageOption = .budget

    /// The facts of `tables` only (a chart draws one table; aligning the whole store would cost
    /// more than drawing), with each document's own year.
    func load(tables: [TableKind]) throws -> (AnalysisInput, [Fact]) {
        let (input, facts) = try loadAligned(store, tables: tables, stages: [stage.stage], config: config)
        if facts.isEmpty { throw UserError("the store \(store.path) holds no \(stage.word) facts\(tables.isEmpty ? "" : " of " + tables.map(\.rawValue).joined(separator: ", ")); run `yusuan ingest DIR` first, or choose another --stage") }
        return (input, facts)
    }

    /// The one entity `name` designates (a name, alias or part of one).
    func entity(_ name: String, in input: AnalysisInput) throws -> EntityRef {
        let all = input.series.entities
        if let exact = all.first(where: { $0.name == name }) { return exact }
        let found = all.filter { input.registry.matches($0, entities: [name]) }
        guard found.count == 1 else {
            throw UserError(found.isEmpty
                ? "no entity matches “\(name)”; entities: \(all.map(\.name).joined(separator: ", "))"
                : "“\(name)” matches several entities: \(found.map(\.name).joined(separator: ", ")); be more specific")
        }
        return found[0]
    }

    func sources(_ facts: [Fact], entity: EntityRef? = nil, tables: [TableKind]) -> [String] {
        Set(facts.filter { tables.contains($0.table) && (entity == nil || $0.entity == entity!.name || $0.regionLabel == entity!.region && $0.entity.contains(entity!.name)) }
            .map(\.document)).sorted()
    }
}

struct ChartTreemapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treemap",
        abstract: "Squarified treemap of one entity's spending in one year (类 → 款, or 款 → 项).")
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: "The entity (name, alias or part of one).") var entity: String
    @Option(help: "The fiscal year.") var year: Int
    @Option(help: "Table: expenditure_by_function (default), general_budget_by_function, fund_budget_by_function, income_by_function.")
    var table: String = "expenditure_by_function"
    @Option(help: "2: 类 → 款; 3: 款 → 项.") var depth: Int = 2
    @Option(help: "Colour by class (类) or by change against the prior year.") var color: String = "class"

    func validate() throws {
        guard TableKind(rawValue: table)?.isFunctional == true else { throw ValidationError("--table must be a functional table, not “\(table)”") }
        guard [2, 3].contains(depth) else { throw ValidationError("--depth is 2 or 3") }
        guard ["class", "change"].contains(color) else { throw ValidationError("--color is class or change") }
    }

    func run() throws {
        let kind = TableKind(rawValue: table)!
        let (input, facts) = try data.load(tables: [kind])
        let e = try data.entity(entity, in: input)
        guard let spec = BudgetCharts.treemap(set: input.series, entity: e, year: year, table: kind, stage: data.stage.stage, depth: depth,
                                              colorByChange: color == "change", unit: data.unit.unit,
                                              sources: data.sources(facts.filter { $0.year == year }, entity: e, tables: [kind])) else {
            throw UserError("\(e.name) has no \(kind.rawValue) rows in \(year)")
        }
        try ChartRenderer.render(spec, to: URL(fileURLWithPath: data.output), options: render.options)
        print("wrote \(data.output)")
    }
}

struct ChartSangongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sangong",
        abstract: "“三公” compared across entities: grouped years, dumbbell, change or small multiples.")
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: "Only this region, e.g. 潼南区, 上海普陀 or 310107 (repeatable).") var region: [String] = []
    @Option(help: "Only this peer group of yusuan.yaml.") var group: [String] = []
    @Option(help: "Only these years: a range or a list, e.g. 2023-2025 or 2023,2025.") var years: String?
    @Option(help: "grouped (years side by side), dumbbell, change (diverging bars) or lines (small multiples).")
    var style: ComparisonStyle = .grouped
    @OptionGroup var compare: SangongCompareOptions
    @Flag(help: "Split each year's bar into the four parts (grouped).") var parts = false
    @Flag(help: .hidden) var stacked = false

    func run() throws {
        let (input, _) = try data.load(tables: compare.tables)
        let rows = Sangong.rows(input.series, stage: data.stage.stage, years: try yearList([], years),
                                include: { input.registry.matches($0, regions: region, groups: group) }).rows
        let entities = compare.entities(rows, set: input.series)
        let options = SangongCharts.Options(style: style, sort: compare.sort ?? .latest, per: compare.per, percent: compare.percent,
                                            parts: parts || stacked, unit: data.unit.unit, stage: data.stage.stage)
        guard let spec = SangongCharts.spec(entities, options: options) else {
            throw UserError("no “三公” figures match the filters")
        }
        try ChartRenderer.render(spec, to: URL(fileURLWithPath: data.output), options: render.options)
        print("wrote \(data.output)")
    }
}

struct ChartChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Diverging bars of the largest changes of one entity between two years.")
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: "The entity (name, alias or part of one).") var entity: String
    @Option(help: "Two years, e.g. 2023,2024.") var years: String
    @Option(help: "Table (default general_budget_by_function, which often prints the prior year).")
    var table: String = "general_budget_by_function"
    @Option(help: "类, 款 or 项.") var level: String = "款"
    @Option(help: "How many rows at most.") var limit: Int = 12

    func run() throws {
        let ys = years.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard ys.count == 2 else { throw ValidationError("--years is A,B, e.g. 2023,2024") }
        guard let kind = TableKind(rawValue: table) else { throw ValidationError("unknown table “\(table)”") }
        guard let lvl = SubjectCode.Level(rawValue: level) else { throw ValidationError("--level is 类, 款 or 项") }
        let (input, facts) = try data.load(tables: [kind])
        let e = try data.entity(entity, in: input)
        let rows = Reports.compare(input.series, registry: input.registry, yearA: ys[0], yearB: ys[1], table: kind, level: lvl,
                                   filter: ReportFilter(regions: [e.region], entities: [e.name], stage: data.stage.stage))
        guard let spec = BudgetCharts.change(rows, limit: limit, unit: data.unit.unit, stage: data.stage.stage,
                                             sources: data.sources(facts, entity: e, tables: [kind])) else {
            throw UserError("\(e.name): no \(kind.rawValue) amounts known in both \(ys[0]) and \(ys[1])")
        }
        try ChartRenderer.render(spec, to: URL(fileURLWithPath: data.output), options: render.options)
        print("wrote \(data.output)")
    }
}
