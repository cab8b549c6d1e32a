import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: L("help.export"),
        discussion: L("disc.export"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @Option(help: ArgumentHelp(L("opt.54"))) var format: FormatArg = .jsonl
    @Option(help: ArgumentHelp(L("opt.27"))) var table: [TableArg] = []
    @Option(name: .shortAndLong, help: ArgumentHelp(L("opt.53"), valueName: "FILE"))
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
