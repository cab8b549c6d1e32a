import ArgumentParser
import Foundation
import YusuanCore
import YusuanIngest
import YusuanStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the stored facts as JSON lines or CSV (the facts contract).",
        discussion: "Order: by document, then line, then column. The same store gives the same bytes.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @OptionGroup var store: StoreOptions
    @Option(help: "jsonl or csv (UTF-8 with BOM, RFC 4180).") var format: Format = .jsonl
    @Option(help: "Only this region: 普陀区, 上海市普陀区, 上海普陀 or 310107 (repeatable).") var region: [String] = []
    @Option(help: "Only this entity (repeatable).") var entity: [String] = []
    @Option(help: "Only this fiscal year (repeatable).") var year: [Int] = []
    @Option(help: "Only this table, e.g. sangong (repeatable).") var table: [String] = []
    @Option(help: "Only budget (预算) or final (决算) facts (repeatable; default both).") var stage: [StageOption] = []
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        for t in table where TableKind(rawValue: t) == nil {
            throw ValidationError("unknown table “\(t)”; expected one of \(TableKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let regions = RegionArguments(region)
        let facts = try FactStore(readingAt: store.path).facts(FactQuery(
            regions: regions.names, entities: entity, years: year, tables: table.compactMap(TableKind.init),
            regionCodes: regions.codes, stages: stage.map(\.stage)))
        var out = ""
        out.reserveCapacity(facts.count * 260)
        switch format {
        case .jsonl: for f in facts { out += FactExport.jsonLine(f); out += "\n" }
        case .csv:
            out += FactExport.csvHeader()
            for f in facts { out += FactExport.csvLine(f) }
        }
        if let output {
            do { try Data(out.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw UserError("\(output): cannot write the export: \(FileReading.reason(error, path: output))")
            }
        } else {
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}
