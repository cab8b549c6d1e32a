import ArgumentParser
import Foundation
import YusuanCore
import YusuanStore

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "List the documents the store holds.")

    enum Format: String, ExpressibleByArgument { case table, json }
    @OptionGroup var store: StoreOptions
    @Option(help: "table or json.") var format: Format = .table

    func run() throws {
        let docs = try FactStore(readingAt: store.path).documents()
        switch format {
        case .json:
            let items = docs.map { d in
                "{\"document\":\(FactExport.jsonString(d.name)),\"region\":\(FactExport.jsonString(d.identity.region)),\"region_code\":\(d.identity.regionCode.map(FactExport.jsonString) ?? "null"),\"province\":\(FactExport.jsonString(d.identity.province)),\"entity\":\(FactExport.jsonString(d.identity.entity)),\"entity_code\":\(d.identity.entityCode.map(FactExport.jsonString) ?? "null"),\"year\":\(d.identity.year),\"stage\":\"\(d.identity.stage.rawValue)\",\"unit\":\"\(d.unit.rawValue)\",\"tables\":\(d.tables.count),\"facts\":\(d.factCount),\"warnings\":\(d.warningCount)}"
            }
            print("[" + items.joined(separator: ",\n ") + "]")
        case .table:
            var t = TextTable(headers: ["document", "region", "entity", "code", "year", "unit", "tables", "facts", "warnings"],
                              alignments: [.left, .left, .left, .left, .right, .left, .right, .right, .right])
            for d in docs {
                t.addRow([d.name, d.identity.regionLabel, d.identity.entity, d.identity.entityCode ?? "", String(d.identity.year),
                          d.unit.rawValue, String(d.tables.count), String(d.factCount), String(d.warningCount)])
            }
            print(t.render(), terminator: "")
            if docs.isEmpty { print("(the store \(store.path) holds no documents; run `yusuan ingest DIR` first)") }
        }
    }
}
