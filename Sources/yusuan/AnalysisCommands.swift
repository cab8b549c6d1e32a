import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

// The analysis commands: parse, load, call YusuanAnalysis, print. No analysis logic here.

enum AnalysisFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

enum AnalysisUnit: String, ExpressibleByArgument, CaseIterable {
    case wanyuan = "万元", yuan = "元"
    var unit: MoneyUnit { self == .yuan ? .yuan : .wanyuan }
}

/// Output and filter options shared by the analysis commands.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "table, csv (UTF-8 with BOM) or json.") var format: AnalysisFormat = .table
    @Option(help: "Unit of amounts: 万元 or 元.") var unit: AnalysisUnit = .wanyuan
    @Option(help: "Only this region, e.g. 潼南区, 潼南, 上海普陀 or 310107 (repeatable).") var region: [String] = []
    @Option(help: "Only entities whose name or alias contains this (repeatable).") var entity: [String] = []
    @Option(help: "Only this peer group of yusuan.yaml (repeatable).") var group: [String] = []
    @Option(help: ArgumentHelp("Entity aliases, regions and peer groups (default: ./yusuan.yaml if present).",
                               valueName: "PATH")) var config: String?
    @Option(help: "budget (预算, default) or final (决算): which figures to use; a 决算's 预算数 are budget figures.")
    var stage: StageOption = .budget

    var filter: ReportFilter { ReportFilter(regions: region, entities: entity, groups: group, stage: stage.stage) }

    /// Loads the facts of `tables` (all when empty) of the chosen stage with every document's own year, aligned.
    func load(_ store: StoreOptions, tables: [TableKind] = []) throws -> AnalysisInput {
        let input = try loadAligned(store, tables: tables, stages: [stage.stage], config: config).input
        for g in group where !input.registry.groupNames.contains(g) {
            printError("warning: no peer group “\(g)” with data in the store (groups: \(input.registry.groupNames.joined(separator: ", ")))")
        }
        return input
    }

    func emit(_ t: ReportTable) {
        let text: String
        switch format {
        case .json: text = t.json(unit: unit.unit)
        case .csv: text = t.csv(unit: unit.unit)
        case .table:
            var tt = TextTable(headers: t.headers,
                               alignments: t.headers.indices.map { t.numericColumns.contains($0) ? .right : .left })
            for row in t.displayRows(unit: unit.unit) { tt.addRow(row) }
            text = tt.render() + (t.numericColumns.isEmpty ? "" : "（金额单位：\(unit.rawValue)）\n")
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Sources that disagree, on standard error (the output stays clean for scripts).
    func warn(_ disagreements: [SeriesDisagreement], limit: Int = 5) {
        guard !disagreements.isEmpty else { return }
        printError("note: \(disagreements.count) amount(s) differ between sources; the document of the year wins:")
        for d in disagreements.prefix(limit) { printError("  \(d)") }
        if disagreements.count > limit { printError("  …") }
    }
}

/// `--year` values together with a `--years` range (`2023-2025`) or list (`2023,2025`).
func yearList(_ single: [Int], _ spec: String?) throws -> [Int] {
    guard let spec, !spec.isEmpty else { return single }
    let parts = spec.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
    if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b { return single + Array(a...b) }
    let list = spec.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !list.isEmpty, list.count == spec.split(separator: ",").count else {
        throw ValidationError("--years is a range or a list of years, e.g. 2023-2025 or 2023,2025, not “\(spec)”")
    }
    return single + list
}

private func parseTable(_ s: String?) throws -> TableKind? {
    guard let s else { return nil }
    guard let t = TableKind(rawValue: s) else {
        throw ValidationError("unknown table “\(s)”; expected one of \(TableKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return t
}

private func parseLevel(_ s: String) throws -> SubjectCode.Level? {
    if s == "all" { return nil }
    guard let l = SubjectCode.Level(rawValue: s) else { throw ValidationError("--level is 类, 款, 项 or all, not “\(s)”") }
    return l
}

private func parseMeasure(_ s: String) throws -> Measure {
    guard let m = Measure(rawValue: s) else {
        throw ValidationError("unknown measure “\(s)”; expected one of \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return m
}

struct SangongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sangong",
        abstract: "三公 expenditure per entity and year, with the change of the total against the previous year shown.",
        discussion: "Figures derived from a later year's narrative are marked derived. Change is null for an entity's first year; change_pct is null when the base is zero.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions
    @Option(help: "Only this fiscal year (repeatable; changes are then against the previous year shown).") var year: [Int] = []
    @Option(help: ArgumentHelp("Only these years: a range or a list, e.g. 2023-2025 or 2023,2025.", valueName: "A-B"))
    var years: String?
    @OptionGroup var compare: SangongCompareOptions

    func run() throws {
        let input = try options.load(store, tables: compare.tables)
        let out = Sangong.rows(input.series, stage: options.stage.stage, years: try yearList(year, years), include: {
            input.registry.matches($0, regions: options.region, entities: options.entity, groups: options.group)
        })
        for n in out.notes { printError("note: \(n)") }
        options.warn(input.series.disagreements)
        let entities = compare.entities(out.rows, set: input.series)
        if let per = compare.per {
            options.emit(ReportTables.sangongPer(entities, base: per))
        } else {
            // Sorted by entity when --sort is given; otherwise the rows' own order (region, entity, year).
            options.emit(ReportTables.sangong(compare.sort == nil ? out.rows : entities.flatMap(\.rows)))
        }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two years row by row: amounts, change, change %, and each row's share of the entity's total.",
        discussion: "A row absent in the first year is new (change null). Percentages are null where the base is zero or absent.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions
    @Option(help: ArgumentHelp("The two years, e.g. 2024,2025.", valueName: "A,B")) var years: String
    @Option(help: "The table (default expenditure_by_function).") var table: String = TableKind.expenditureByFunction.rawValue
    @Option(help: "Rows at this level: 类, 款, 项 or all.") var level: String = "类"
    @Option(help: "The column: total, basic, project, …") var measure: String = "total"

    func parsedYears() throws -> (Int, Int) {
        let parts = years.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1] else {
            throw ValidationError("--years takes two years separated by a comma, e.g. 2024,2025")
        }
        return (a, b)
    }

    func validate() throws {
        _ = try parsedYears(); _ = try parseTable(table); _ = try parseLevel(level); _ = try parseMeasure(measure)
    }

    func run() throws {
        let (a, b) = try parsedYears()
        let t = try parseTable(table)!
        let input = try options.load(store, tables: [t])
        let rows = Reports.compare(input.series, registry: input.registry, yearA: a, yearB: b, table: t,
                                   level: try parseLevel(level), measure: try parseMeasure(measure), filter: options.filter)
        options.warn(input.series.disagreements)
        options.emit(ReportTables.compare(rows))
    }
}

struct SharesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: "Each row's share of its entity's total and of its parent 科目 in one year, ranked across entities.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions
    @Option(help: "The fiscal year.") var year: Int
    @Option(help: "The table (default expenditure_by_function).") var table: String = TableKind.expenditureByFunction.rawValue
    @Option(help: "Rows at this level: 类, 款, 项 or all.") var level: String = "类"
    @Option(help: "The column: total, basic, project, …") var measure: String = "total"

    func validate() throws { _ = try parseTable(table); _ = try parseLevel(level); _ = try parseMeasure(measure) }

    func run() throws {
        let t = try parseTable(table)!
        let input = try options.load(store, tables: [t])
        let rows = Reports.shares(input.series, registry: input.registry, year: year, table: t,
                                  level: try parseLevel(level), measure: try parseMeasure(measure), filter: options.filter)
        options.warn(input.series.disagreements)
        options.emit(ReportTables.shares(rows))
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "One 科目 (or row label, e.g. 合计) across years per entity, with year-on-year change and CAGR.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions
    @Option(help: "The 科目 code (3/5/7 digits) or a row label such as 合计.") var code: String
    @Option(help: "Only this table (repeatable; default all).") var table: [String] = []
    @Option(help: "The column: total, basic, project, …") var measure: String = "total"
    @Option(help: "Only this fiscal year (repeatable).") var year: [Int] = []
    @Option(help: ArgumentHelp("Only these years: a range or a list, e.g. 2023-2025 or 2023,2025.", valueName: "A-B"))
    var years: String?

    func validate() throws { for t in table { _ = try parseTable(t) }; _ = try parseMeasure(measure) }

    func run() throws {
        let tables = try table.compactMap(parseTable)
        let input = try options.load(store, tables: tables)
        let rows = Reports.trend(input.series, registry: input.registry, code: code, tables: tables,
                                 measure: try parseMeasure(measure), years: try yearList(year, years), filter: options.filter)
        options.warn(input.series.disagreements.filter { d in rows.contains { $0.key == d.key } })
        options.emit(ReportTables.trend(rows))
    }
}

struct SubjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subjects",
        abstract: "科目 codes in the store (or one code): canonical name, parents, printed names that differ, years and documents.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions
    @Argument(help: "A 3/5/7-digit code.") var code: String?

    func validate() throws {
        if let code, SubjectCode(code) == nil { throw ValidationError("“\(code)” is not a 3, 5 or 7-digit 科目 code") }
    }

    func run() throws {
        let input = try options.load(store)
        let facts = input.facts.filter {
            input.registry.matches(input.registry.ref(region: $0.regionLabel, entity: $0.entity),
                                   regions: options.region, entities: options.entity, groups: options.group)
        }
        let cat = SubjectCatalogue.standard
        if let code, let sc = SubjectCode(code), options.format == .table {
            // One code: its place in the classification first.
            for e in cat.entries(for: sc) {
                let span = e.since == nil && e.until == nil ? "" : "（\(e.since.map(String.init) ?? "")–\(e.until.map(String.init) ?? "")）"
                let line = "\(code) \(sc.level.rawValue) \(e.name)\(span)\(e.note.isEmpty ? "" : " — \(e.note)")\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            if cat.entries(for: sc).isEmpty {
                FileHandle.standardOutput.write(Data("\(code) \(sc.level.rawValue) (not in the catalogue)\n".utf8))
            }
        }
        options.emit(ReportTables.subjects(Reports.subjects(facts, catalogue: cat, code: code), catalogue: cat))
    }
}

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Entities after alignment: region, the names they were printed under, peer groups, years and documents.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AnalysisOptions

    func run() throws {
        let input = try options.load(store)
        let records = input.registry.records.filter {
            input.registry.matches($0, regions: options.region, entities: options.entity, groups: options.group)
        }
        options.emit(ReportTables.entities(records))
    }
}
