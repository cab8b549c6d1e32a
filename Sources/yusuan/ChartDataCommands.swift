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

/// Store, filters, unit and output of a data chart; `--data` writes the figures drawn as CSV.
struct ChartDataOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @Option(help: ArgumentHelp(L("opt.46"))) var unit: AnalysisUnit = .wanyuan
    @Option(name: .shortAndLong, help: ArgumentHelp(L("opt.28"), valueName: "FILE")) var output: String
    @Option(help: ArgumentHelp(L("opt.06"), valueName: "FILE")) var data: String?
    @Option(help: ArgumentHelp(L("opt.39"))) var title: String?
    @Option(help: ArgumentHelp(L("opt.42"))) var subtitle: String?
    @Option(help: ArgumentHelp(L("opt.50"), valueName: "TEXT"))
    var source: [String] = []

    func validate() throws {
        do { _ = try OutputFormat(url: URL(fileURLWithPath: output)) } catch { throw ValidationError("\(error)") }
    }

    /// The one entity the filters designate (a name, alias or part of one, within the region and group).
    func entity(in input: AnalysisInput) throws -> EntityRef {
        let all = input.series.entities.filter { filters.includes($0, input.registry) }
        guard !filters.entity.isEmpty else {
            if all.count == 1 { return all[0] }
            throw UserError(L("chart.entity.name", ["entities": all.map(\.name).joined(separator: "、")]), code: 2)
        }
        if let exact = all.first(where: { filters.entity.contains($0.name) }) { return exact }
        guard all.count == 1 else {
            throw UserError(L("chart.entity.many", ["value": filters.entity.joined(separator: "、"), "entities": all.map(\.name).joined(separator: "、")]), code: 2)
        }
        return all[0]
    }

    func draw(_ spec: BarChartSpec, _ table: ReportTable?, options: RenderOptions) throws {
        try draw(spec, table) { try ChartRenderer.render($0, to: $1, options: options) }
    }

    func draw(_ spec: TreemapSpec, _ table: ReportTable?, options: RenderOptions) throws {
        try draw(spec, table) { try ChartRenderer.render($0, to: $1, options: options) }
    }

    func draw(_ spec: ComparisonChartSpec, _ table: ReportTable?, options: RenderOptions) throws {
        try draw(spec, table) { try ChartRenderer.render($0, to: $1, options: options) }
    }

    /// Any chart: the user's --title/--subtitle/--source over the spec's (whose sources, file
    /// names, are cited by document title), rendered, its data written.
    private func draw<S: TitledChart>(_ spec: S, _ table: ReportTable?, render: (S, URL) throws -> Void) throws {
        var spec = spec
        if let title { spec.title = title }
        if let subtitle { spec.subtitle = subtitle }
        if !source.isEmpty { spec.sources = source } else {
            spec.sources = DocumentTitles.cite(spec.sources, in: try Filters.storedDocuments(store))
        }
        try render(spec, URL(fileURLWithPath: output))
        try writeData(table)
        print(L("chart.wrote", ["path": output]))
    }

    private func writeData(_ table: ReportTable?) throws {
        guard let data, let table else { return }
        try OutputOptions.write(table.csv(unit: unit.unit), to: data)
        print(L("chart.wrote", ["path": data]))
    }
}

struct ChartTreemapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treemap",
        abstract: L("help.chart-treemap"))
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: ArgumentHelp(L("opt.03"))) var table: TableArg = .init(.expenditureByFunction)
    @Option(help: ArgumentHelp(L("opt.01"))) var depth: Int = 2
    @Option(help: ArgumentHelp(L("opt.08"))) var color: ColorArg = .class

    func validate() throws {
        guard table.kind.isFunctional else { throw ValidationError(L("treemap.table", ["table": table.kind.rawValue])) }
        guard [2, 3].contains(depth) else { throw ValidationError(L("treemap.depth")) }
    }

    func run() throws {
        let kind = table.kind
        let input = try data.filters.load(data.store, tables: [kind]).input
        let e = try data.entity(in: input)
        let years = try data.filters.yearList()
        let ref = SeriesSet.TableRef(entity: e, stage: data.filters.reportFilter.stage, table: kind, measure: .total)
        let known = input.series.years(of: ref)
        guard let year = years.count == 1 ? years[0] : (years.isEmpty ? known.max() : nil) else {
            throw ValidationError(L("treemap.oneyear"))
        }
        guard known.contains(year) else {
            // The figures of the other stage (a 决算 read without --stage final): say which option shows them.
            let other: Stage = ref.stage == .budget ? .final : .budget
            var otherRef = ref
            otherRef.stage = other
            if data.filters.stage == nil, input.series.years(of: otherRef).contains(year) {
                throw UserError(L("treemap.otherstage", ["entity": e.name, "year": String(year), "stage": L("stage." + other.rawValue), "option": other.rawValue]), code: 2)
            }
            throw UserError(L("treemap.noyear", ["entity": e.name, "table": kind.rawValue, "year": String(year), "years": known.sorted().map(String.init).joined(separator: "、")]), code: 2)
        }
        if color == .change, !known.contains(year - 1) {
            throw UserError(L("treemap.nochange", ["prior": String(year - 1), "entity": e.name, "table": kind.rawValue]), code: 2)
        }
        guard let spec = BudgetCharts.treemap(set: input.series, entity: e, year: year, table: kind, stage: ref.stage, depth: depth,
                                              colorByChange: color == .change, unit: data.unit.unit) else {
            throw UserError(L("treemap.norows", ["entity": e.name, "table": kind.rawValue, "year": String(year)]), code: 2)
        }
        let rows = Reports.shares(input.series, registry: input.registry, year: year, table: kind,
                                  level: nil, filter: ReportFilter(regions: [e.region], entities: [e.name], stage: ref.stage))
        try data.draw(spec, ReportTables.shares(rows), options: render.options)
    }
}

struct ChartSangongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sangong",
        abstract: L("help.chart-sangong"),
        discussion: L("disc.chart-sangong"))
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: ArgumentHelp(L("opt.sangong-style"))) var style: ComparisonStyle?
    @OptionGroup var compare: SangongCompareOptions
    @Flag(help: ArgumentHelp(L("opt.sangong-parts"))) var parts = false
    @Flag(help: ArgumentHelp(L("opt.33"))) var stacked = false

    /// A comparison chart (the style suited to the years, or --style) unless --stacked asks for one
    /// bar per entity and year with its four parts.
    var comparison: Bool { !stacked || style != nil || compare.sort != nil || compare.per != nil || compare.percent || parts }

    func validate() throws {
        // Parts stack only in bars: a chart option that cannot apply is an error, not ignored.
        if stacked || parts, let style, style != .grouped {
            throw UserError(L("sangong.stackedstyle", ["option": stacked ? "--stacked" : "--parts", "style": style.rawValue]), code: 64)
        }
    }

    func run() throws {
        let f = data.filters
        let stage = f.reportFilter.stage
        let input = try f.load(data.store, tables: compare.tables).input
        let rows = Sangong.rows(input.series, stage: stage, years: try f.yearList(),
                                include: { f.includes($0, input.registry) }).rows
        let empty = UserError(L("sangong.empty", ["filters": f.description]), code: 2)
        guard comparison else {
            guard let spec = BudgetCharts.sangong(rows, unit: data.unit.unit, stacked: stacked,
                                                  title: L(stage == .final ? "chart.sangong.title.final" : "chart.sangong.title")) else { throw empty }
            return try data.draw(spec, ReportTables.sangong(rows, stage: stage), options: render.options)
        }
        let style = style ?? .grouped
        let years = Set(rows.filter { $0.total != nil }.map(\.year)).sorted()
        if style == .lines, years.count < 3 {
            throw UserError(L("cmp.lines.years", ["years": BudgetCharts.yearSpan(years)]), code: 2)
        }
        let entities = compare.entities(rows, set: input.series, style: style)
        let options = SangongCharts.Options(style: style, sort: compare.order(for: style), per: compare.per, percent: compare.percent,
                                            parts: parts || stacked, unit: data.unit.unit, stage: stage)
        guard let spec = SangongCharts.spec(entities, options: options) else { throw empty }
        let table = compare.per.map { ReportTables.sangongPer(entities, base: $0) } ?? ReportTables.sangong(rows, stage: stage)
        try data.draw(spec, table, options: render.options)
    }
}

struct ChartChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: L("help.chart-change"))
    @OptionGroup var data: ChartDataOptions
    @OptionGroup var render: ChartRenderArguments
    @Option(help: ArgumentHelp(L("opt.44"))) var table: TableArg = .init(.generalBudgetByFunction)
    @Option(help: ArgumentHelp(L("opt.31"))) var level: LevelArg = .kuan
    @Option(help: ArgumentHelp(L("opt.18"))) var limit: Int = 12

    func run() throws {
        let ys = try data.filters.yearList()
        guard let a = ys.first, let b = ys.last, a != b else { throw ValidationError(L("change.years")) }
        let kind = table.kind
        let input = try data.filters.load(data.store, tables: [kind]).input
        let e = try data.entity(in: input)
        let rows = Reports.compare(input.series, registry: input.registry, yearA: a, yearB: b, table: kind, level: level.level,
                                   filter: ReportFilter(regions: [e.region], entities: [e.name], stage: data.filters.reportFilter.stage))
        guard let spec = BudgetCharts.change(rows, limit: limit, unit: data.unit.unit, stage: data.filters.reportFilter.stage) else {
            throw UserError(L("change.none", ["entity": e.name, "table": kind.rawValue, "a": String(a), "b": String(b)]), code: 2)
        }
        try data.draw(spec, ReportTables.compare(rows, stage: data.filters.reportFilter.stage), options: render.options)
    }
}

/// The parts of a chart spec the command line may override.
protocol TitledChart {
    var title: String { get set }
    var subtitle: String? { get set }
    var sources: [String] { get set }
}
extension BarChartSpec: TitledChart {}
extension TreemapSpec: TitledChart {}
extension ComparisonChartSpec: TitledChart {}
