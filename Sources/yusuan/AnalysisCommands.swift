import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

// The analysis commands: parse, load, call YusuanAnalysis, print. No analysis logic here. Every
// one takes the same `Filters` and `OutputOptions`.

struct SangongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sangong",
        abstract: L("help.sangong"),
        discussion: L("disc.sangong"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @OptionGroup var compare: SangongCompareOptions

    func run() throws {
        let input = try filters.load(store, tables: compare.tables).input
        let out = Sangong.rows(input.series, stage: filters.reportFilter.stage, years: try filters.yearList(),
                               include: { filters.includes($0, input.registry) })
        for n in out.notes { printError(L("note.prefix") + n) }
        output.warn(input.series.disagreements)
        let empty = L("sangong.empty", ["filters": filters.description])
        let entities = compare.entities(out.rows, set: input.series)
        if let per = compare.per {
            try output.emit(ReportTables.sangongPer(entities, base: per), empty: empty)
        } else {
            // Sorted by entity when --sort is given; otherwise the rows' own order (region, entity, year).
            try output.emit(ReportTables.sangong(compare.sort == nil ? out.rows : entities.flatMap(\.rows),
                                                 stage: filters.reportFilter.stage), empty: empty)
        }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: L("help.compare"),
        discussion: L("disc.compare"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp(L("opt.43"))) var table: TableArg?
    @Option(help: ArgumentHelp(L("opt.31"))) var level: LevelArg = .lei
    @Option(help: ArgumentHelp(L("opt.40"))) var measure: MeasureArg = .init(.total)

    static let functionalOrder: [TableKind] = [.expenditureByFunction, .generalBudgetByFunction, .fundBudgetByFunction,
                                               .incomeByFunction, .stateCapitalByFunction]

    func twoYears() throws -> (Int, Int) {
        let ys = try filters.yearList()
        guard let a = ys.first, let b = ys.last, a != b else {
            throw ValidationError(L("compare.years"))
        }
        return (a, b)
    }

    func validate() throws { _ = try twoYears() }

    func run() throws {
        let (a, b) = try twoYears()
        let tables = table.map { [$0.kind] } ?? Self.functionalOrder
        let input = try filters.load(store, tables: tables).input
        var kind = tables[0]
        if table == nil {
            let both = Self.functionalOrder.first { t in
                input.series.entities.contains { e in
                    guard filters.includes(e, input.registry) else { return false }
                    let ys = input.series.years(of: .init(entity: e, stage: filters.reportFilter.stage, table: t, measure: measure.measure))
                    return ys.contains(a) && ys.contains(b)
                }
            }
            kind = both ?? .expenditureByFunction
            printError(L("note.prefix") + L(both != nil ? "compare.table" : "compare.notable",
                                            ["table": kind.rawValue, "a": String(a), "b": String(b)]))
        }
        let rows = Reports.compare(input.series, registry: input.registry, yearA: a, yearB: b, table: kind,
                                   level: level.level, measure: measure.measure, filter: filters.reportFilter)
        output.warn(input.series.disagreements)
        try output.emit(ReportTables.compare(rows, stage: filters.reportFilter.stage), empty: L("compare.empty", ["table": kind.rawValue, "a": String(a), "b": String(b), "filters": filters.description]))
    }
}

struct SharesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: L("help.shares"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp(L("opt.44"))) var table: TableArg = .init(.expenditureByFunction)
    @Option(help: ArgumentHelp(L("opt.31"))) var level: LevelArg = .lei
    @Option(help: ArgumentHelp(L("opt.40"))) var measure: MeasureArg = .init(.total)

    func oneYear() throws -> Int {
        let ys = try filters.yearList()
        guard ys.count == 1 else { throw ValidationError(L("shares.year")) }
        return ys[0]
    }

    func validate() throws { _ = try oneYear() }

    func run() throws {
        let year = try oneYear()
        let input = try filters.load(store, tables: [table.kind]).input
        let rows = Reports.shares(input.series, registry: input.registry, year: year, table: table.kind,
                                  level: level.level, measure: measure.measure, filter: filters.reportFilter)
        output.warn(input.series.disagreements)
        try output.emit(ReportTables.shares(rows), empty: L("shares.empty", ["table": table.kind.rawValue, "year": String(year), "filters": filters.description]))
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: L("help.trend"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp(L("opt.45"))) var code: String
    @Option(help: ArgumentHelp(L("opt.26"))) var table: [TableArg] = []
    @Option(help: ArgumentHelp(L("opt.40"))) var measure: MeasureArg = .init(.total)

    func run() throws {
        let tables = table.map(\.kind)
        let input = try filters.load(store, tables: tables).input
        let rows = Reports.trend(input.series, registry: input.registry, code: code, tables: tables,
                                 measure: measure.measure, years: try filters.yearList(), filter: filters.reportFilter)
        output.warn(input.series.disagreements.filter { d in rows.contains { $0.key == d.key } })
        try output.emit(ReportTables.trend(rows), empty: L("trend.empty", ["code": code, "filters": filters.description]))
    }
}

struct SubjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subjects",
        abstract: L("help.subjects"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp(L("opt.02"))) var code: String?

    func validate() throws {
        if let code, SubjectCode(code) == nil { throw ValidationError(L("subjects.badcode", ["code": code])) }
    }

    func run() throws {
        let input = try filters.load(store).input
        let years = try filters.yearList()
        let facts = input.facts.filter {
            filters.includes(input.registry.ref(region: $0.regionLabel, entity: $0.entity), input.registry)
                && (years.isEmpty || years.contains($0.year))
        }
        let cat = SubjectCatalogue.standard
        var text = ""
        if let code, let sc = SubjectCode(code), output.format == .table {
            // One code: its place in the classification first.
            for e in cat.entries(for: sc) {
                let span = e.since == nil && e.until == nil ? "" : "（\(e.since.map(String.init) ?? "")–\(e.until.map(String.init) ?? "")）"
                text += "\(code) \(sc.level.rawValue) \(e.name)\(span)\(e.note.isEmpty ? "" : " — \(e.note)")\n"
            }
            if cat.entries(for: sc).isEmpty {
                text += L("subjects.unknown", ["code": code, "level": sc.level.rawValue]) + "\n"
            }
        }
        let table = ReportTables.subjects(Reports.subjects(facts, catalogue: cat, code: code), catalogue: cat)
        if table.rows.isEmpty, text.isEmpty { throw UserError(L("subjects.empty", ["filters": filters.description]), code: 2) }
        try output.write(text + output.render(table))
    }
}

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: L("help.entities"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions

    func run() throws {
        let input = try filters.load(store).input
        let years = try filters.yearList()
        let records = input.registry.records.filter {
            input.registry.matches($0, regions: filters.region, entities: filters.entity, groups: filters.group)
                && (years.isEmpty || !Set($0.years).isDisjoint(with: years))
        }
        try output.emit(ReportTables.entities(records), empty: L("entities.empty", ["filters": filters.description]))
    }
}
