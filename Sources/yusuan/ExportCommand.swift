import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: L("help.export"),
        discussion: "Filters are resolved like every other command's: --region 潼南 is --region 潼南区, --entity matches names and aliases after alignment. Order: by document, then line, then column. The same store gives the same bytes.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @Option(help: "jsonl, json or csv (UTF-8 with BOM, RFC 4180).") var format: FormatArg = .jsonl
    @Option(help: "Only this table, e.g. sangong or 三公 (repeatable).") var table: [TableArg] = []
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if format == .table { throw ValidationError(L("export.format")) }
    }

    func run() throws {
        let facts = try filters.facts(store, tables: table.map(\.kind))
        var out = ""
        out.reserveCapacity(facts.count * 260)
        switch format {
        case .jsonl, .table: for f in facts { out += FactExport.jsonLine(f); out += "\n" }
        case .json: out = "[\n" + facts.map { FactExport.jsonLine($0) }.joined(separator: ",\n") + "\n]\n"
        case .csv:
            out += FactExport.csvHeader()
            for f in facts { out += FactExport.csvLine(f) }
        }
        try OutputOptions.write(out, to: output)
    }
}
