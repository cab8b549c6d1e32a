import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanReport
import YusuanStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: L("help.check"),
        discussion: L("disc.check"))

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Flag(help: ArgumentHelp(L("opt.05"))) var warnings = false

    func run() throws {
        let fs = try Filters.openStore(store)
        var docs = try filters.documents(in: fs)
        let years = try filters.yearList()
        if !years.isEmpty {
            docs = docs.filter { years.contains($0.identity.year) }
            if docs.isEmpty { throw UserError(L("check.noyear", ["years": years.map(String.init).joined(separator: "、"), "filters": filters.description]), code: 2) }
        }
        let findings = try StoreFindings.run(store: fs, documents: docs.map(\.name), includeWarnings: warnings)
        let table = ReportTable(
            columns: ["document", "page", "line", "severity", "rule", "message"],
            headers: ["文件", "页", "行", "类别", "规则", "说明"],
            rows: findings.map { d in
                [.text(d.document), d.page.map { Cell.int($0) } ?? .null, .int(d.line),
                 .coded(display: L("severity." + d.severity.rawValue), code: d.severity.rawValue), .text(d.rule), .text(Messages.reading(rule: d.rule, message: d.message))]
            }, notInTable: findings.contains { $0.page != nil } ? [] : ["page"])
        var text = output.render(table)
        if output.format == .table {
            let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
            text += L("check.summary", ["documents": String(docs.count), "errors": String(counts[.error] ?? 0),
                                         "warnings": String(counts[.warning] ?? 0), "rounding": String(counts[.rounding] ?? 0)]) + "\n"
        }
        try output.write(text)
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
