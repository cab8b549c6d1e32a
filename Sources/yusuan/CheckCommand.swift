import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanReport
import YusuanStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit each stored document against itself.",
        discussion: """
            Rules (the `rule` of each finding):
            \(CheckRule.helpText)
            Differences within what rounding to the printed precision explains are reported as
            `rounding`. Exit code 1 when any error is found.
            """)

    enum Format: String, ExpressibleByArgument { case table, json }
    @OptionGroup var store: StoreOptions
    @Option(help: "table or json (an array of {document, page, line, severity, rule, message}).") var format: Format = .table
    @Option(help: "Language of the messages: zh (default) or en.") var lang: String = "zh"
    @Option(help: "Only this document (base name; repeatable).") var document: [String] = []
    @Flag(help: "Also list the reading warnings stored with each document.") var warnings = false

    func run() throws {
        let fs = try FactStore(path: store.path)
        let findings = try StoreFindings.run(store: fs, documents: document, includeWarnings: warnings,
                                                messages: Messages.forLanguage(lang))
        switch format {
        case .json:
            let items = findings.map { d in
                "{\"document\":\(FactExport.jsonString(d.document)),\"page\":\(d.page.map(String.init) ?? "null"),\"line\":\(d.line),\"severity\":\"\(d.severity.rawValue)\",\"rule\":\(FactExport.jsonString(d.rule)),\"message\":\(FactExport.jsonString(d.message))}"
            }
            print("[" + items.joined(separator: ",\n ") + "]")
        case .table:
            var t = TextTable(headers: ["document", "page", "line", "severity", "rule", "message"],
                              alignments: [.left, .right, .right, .left, .left, .left])
            for d in findings { t.addRow([d.document, d.page.map(String.init) ?? "", String(d.line), d.severity.rawValue, d.rule, d.message]) }
            print(t.render(), terminator: "")
            let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
            print("\(counts[.error] ?? 0) error(s), \(counts[.warning] ?? 0) warning(s), \(counts[.rounding] ?? 0) rounding difference(s)")
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
