import ArgumentParser
import Foundation
import YusuanCore
import YusuanAnalysis
import YusuanCharts
import YusuanIngest
import YusuanReport
import YusuanStore

struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: L("help.brief"),
        discussion: L("disc.brief"))

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html, docx }
    @Argument(help: ArgumentHelp(L("opt.15"))) var paths: [String]
    @Option(help: ArgumentHelp(L("opt.51"))) var out: String = "brief"
    @Option(help: ArgumentHelp(L("opt.41"), valueName: "PATH")) var db: String?
    @Option(help: ArgumentHelp(L("opt.38"))) var title: String?
    @Option(help: ArgumentHelp(L("opt.55"))) var format: Format = .md
    @Option(help: ArgumentHelp(L("opt.47"))) var unit: AnalysisUnit = .wanyuan
    @Option(help: ArgumentHelp(L("opt.12"), valueName: "PATH"))
    var config: String?
    @OptionGroup var render: ChartRenderArguments

    func run() throws {
        let outDir = URL(fileURLWithPath: out)
        do { try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true) } catch {
            throw UserError(L("brief.mkdir", ["path": out, "reason": FileReading.reason(error)]))
        }
        // The brief's own store is made afresh, and the brief covers exactly the documents read from
        // the files given (`summary.stored`), even when `--db` names a store holding others.
        let own = outDir.appendingPathComponent("yusuan.sqlite").path
        if db == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: own + suffix) } }
        let store = try FactStore(path: db ?? own)
        defer { try? store.close() }
        let files = collectFiles(paths)
        let summary = try IngestBatch(store: store, jobs: ProcessInfo.processInfo.activeProcessorCount,
                                      hints: regionHints(region: nil, config: config))
            .run(files: files, progress: stderrIsTerminal) { _ in }
        printError(summary.line)
        let result = try Brief(store: store, options: .init(
            outDir: outDir, title: title, formats: format == .md ? [.md] : [.md, format == .html ? .html : .docx], unit: unit.unit,
            chartOptions: render.options, config: try AnalysisConfig.loadDefault(explicit: config),
            documents: summary.stored)).write()
        for f in result.files { print(L("chart.wrote", ["path": f.path])) }
        print(L("brief.charts", ["count": String(result.images.count), "path": outDir.path]))
        if summary.failures > 0 { throw ExitCode(1) }
    }
}
