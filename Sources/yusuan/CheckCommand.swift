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
        // Everything --annotate needs is settled before anything is printed.
        let target = try annotate.map { _ in try annotationSource(fs) }
        var docs = try filters.documents(in: fs)
        let years = try filters.yearList()
        if !years.isEmpty {
            docs = docs.filter { years.contains($0.identity.year) }
            if docs.isEmpty { throw UserError(L("check.noyear", ["years": years.map(String.init).joined(separator: "、"), "filters": filters.description]), code: 2) }
        }
        let messages = AuditMessages.forLanguage(Messages.language.rawValue)
        let findings = try StoreFindings.run(store: fs, documents: docs.map(\.name), includeWarnings: warnings, messages: messages)
        let columns = ["document", "page", "line", "severity", "rule", "message"]
        let table = ReportTable(
            columns: columns, headers: columns.map { L("check.col.\($0)") },
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
        if let annotate, let target {
            // Each finding is drawn; a rounding difference in a lighter colour.
            let mine = findings.filter { $0.document == target.doc.name && $0.severity != .info }
            let marks = FindingMarks.marks(mine, source: target.text, pdf: target.pdf) { d in
                L("check.annotate.note", ["severity": L("severity." + d.severity.rawValue),
                                          "rule": messages.text("rule-name.\(d.rule)"), "message": Messages.reading(rule: d.rule, message: d.message)])
            }
            do { try PDFAnnotator.write(source: target.pdf, marks: marks, to: annotate) } catch PDFError.drawingMissing(let why) {
                throw UserError(L("charterr.graphics", ["detail": why]))
            }
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    /// The one stored document --annotate marks (a part of its name, as the filter reads it) and the
    /// PDF it was read from, checked to be that document.
    func annotationSource(_ fs: FactStore) throws -> (doc: StoredDocument, text: SourceText, pdf: PDFFile) {
        guard filters.document.count == 1 else { throw UserError(L("check.annotate.one"), code: 2) }
        let query = filters.document[0]
        let found = try fs.documents().filter { Filters.documentMatches(query, $0.name) }
        let exact = found.filter { $0.name == query }
        guard let doc = exact.count == 1 ? exact[0] : (found.count == 1 ? found[0] : nil) else {
            throw UserError(found.isEmpty ? L("check.annotate.none", ["value": query])
                            : L("check.annotate.several", ["value": query, "names": found.map(\.name).sorted().joined(separator: "、")]), code: 2)
        }
        guard let path = source ?? doc.sourcePath else { throw UserError(L("check.annotate.nopath", ["document": doc.name]), code: 2) }
        guard let data = FileManager.default.contents(atPath: path) else { throw UserError(L("check.annotate.unreadable", ["path": path]), code: 2) }
        let text = try SourceText.load(data: data, name: doc.name)
        guard text.pageCount != nil else { throw UserError(L("check.annotate.notpdf", ["path": path]), code: 2) }
        // The PDF must be the one ingested: the same text (the hash ingest stored) and page count.
        guard text.pageCount == doc.pageCount, FindingMarks.isSource(text, ofHash: doc.contentHash) else {
            throw UserError(L("check.annotate.other", ["path": path, "document": doc.name]), code: 2)
        }
        return (doc, text, try PDFFile(data: data))
    }
}
