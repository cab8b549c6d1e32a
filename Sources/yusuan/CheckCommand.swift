import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCore
import YusuanIngest
import YusuanPDF
import YusuanReport
import YusuanStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: L("help.check"),
        discussion: L("disc.check") + "\n" + CheckRule.helpText)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: Filters
    @OptionGroup var output: OutputOptions
    @Flag(help: ArgumentHelp(L("opt.05"))) var warnings = false
    @Option(help: ArgumentHelp(L("opt.check-annotate"), valueName: "OUT.pdf"))
    var annotate: String?
    @Option(help: ArgumentHelp(L("opt.check-source"), valueName: "FILE.pdf"))
    var source: String?

    func run() throws {
        let fs = try Filters.openStore(store)
        var docs = try filters.documents(in: fs)
        let years = try filters.yearList()
        if !years.isEmpty {
            docs = docs.filter { years.contains($0.identity.year) }
            if docs.isEmpty { throw UserError(L("check.noyear", ["years": years.map(String.init).joined(separator: "、"), "filters": filters.description]), code: 2) }
        }
        let findings = try StoreFindings.run(store: fs, documents: docs.map(\.name), includeWarnings: warnings,
                                                messages: AuditMessages.forLanguage(Messages.language.rawValue))
        let table = ReportTable(
            columns: ["document", "page", "line", "severity", "rule", "message"],
            headers: ["文件", "页", "行", "类别", "规则", "说明"],
            rows: findings.map { d in
                [.text(d.document), d.page.map { Cell.int($0) } ?? .null, .int(d.line),
                 .coded(display: L("severity." + d.severity.rawValue), code: d.severity.rawValue), .text(d.rule), .text(d.text)]
            }, notInTable: findings.contains { $0.page != nil } ? [] : ["page"])
        var text = output.render(table)
        if output.format == .table {
            let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
            text += L("check.summary", ["documents": String(docs.count), "errors": String(counts[.error] ?? 0),
                                         "warnings": String(counts[.warning] ?? 0), "rounding": String(counts[.rounding] ?? 0)]) + "\n"
        }
        try output.write(text)
        if let annotate { try writeAnnotated(fs, findings.filter { $0.severity != .rounding && $0.severity != .info }, to: annotate) }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    func writeAnnotated(_ fs: FactStore, _ findings: [Diagnostic], to out: String) throws {
        guard filters.document.count == 1, let doc = try fs.documents().first(where: { $0.name == filters.document[0] }) else {
            throw ValidationError("--annotate needs exactly one --document NAME of the store")
        }
        guard let path = source ?? doc.sourcePath else {
            throw ValidationError("the store does not know where \(doc.name) was read from: name it with --source FILE.pdf")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = try SourceText.load(data: data, name: doc.name)
        guard text.pageCount != nil else { throw ValidationError("\(path) is not a PDF: --annotate marks PDF pages") }
        let pdf = try PDFFile(data: data)
        let marks = FindingMarks.marks(findings.filter { $0.document == doc.name }, source: text, pdf: pdf)
        try PDFAnnotator.write(source: pdf, marks: marks, to: out)
    }
}
