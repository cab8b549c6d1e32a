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
    @Option(help: ArgumentHelp("Write the document's PDF with each finding boxed in red and numbered, its messages in the page's margin (needs one --document).", valueName: "OUT.pdf"))
    var annotate: String?
    @Option(help: ArgumentHelp("The source PDF for --annotate (default: the path recorded at ingest).", valueName: "FILE.pdf"))
    var source: String?

    func run() throws {
        let fs = try FactStore(readingAt: store.path)
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
        if let annotate { try writeAnnotated(fs, findings.filter { $0.severity != .rounding && $0.severity != .info }, to: annotate) }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    func writeAnnotated(_ fs: FactStore, _ findings: [Diagnostic], to out: String) throws {
        guard document.count == 1, let doc = try fs.documents().first(where: { $0.name == document[0] }) else {
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
