import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: L("help.docs"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions

    func run() throws {
        let fs = try Filters.openStore(store)
        if try fs.documents().isEmpty {
            throw UserError(L("store.empty", ["path": store.path]), code: 2)
        }
        var docs = try filters.documents(in: fs)
        let years = try filters.yearList()
        if !years.isEmpty { docs = docs.filter { years.contains($0.identity.year) } }
        let table = ReportTable(
            columns: ["document", "region", "entity", "entity_code", "year", "stage", "unit", "tables", "facts", "warnings"],
            headers: L("docs.headers").components(separatedBy: "|"),
            rows: docs.map { d in
                [.text(d.name), .text(d.identity.regionLabel), .text(d.identity.entity),
                 d.identity.entityCode.map(Cell.text) ?? .null, .int(d.identity.year),
                 .coded(display: L("stage." + d.identity.stage.rawValue), code: d.identity.stage.rawValue),
                 .text(d.unit.rawValue), .int(d.tables.count), .int(d.factCount), .int(d.warningCount)]
            })
        try output.emit(table, empty: L("docs.empty", ["filters": filters.description]))
    }
}
