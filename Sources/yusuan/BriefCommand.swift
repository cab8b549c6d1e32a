import ArgumentParser
import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanIngest
import YusuanReport
import YusuanStore

struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "From a folder of disclosures to a briefing with its charts (brief.md, brief.html).",
        discussion: """
            Ingests the files and folders given (into DIR/yusuan.sqlite unless --db names a store), then
            writes DIR/brief.md — what was read and the findings worth attention, “三公” across all entities
            and regions, each entity's spending with its structure and largest changes, the special funds —
            with the charts it refers to beside it in DIR.
            """)

    enum Format: String, ExpressibleByArgument { case md, html }
    @Argument(help: "Files or folders of disclosures.") var paths: [String]
    @Option(help: "Where brief.md and its charts go.") var out: String = "brief"
    @Option(help: ArgumentHelp("The store (default: DIR/yusuan.sqlite).", valueName: "PATH")) var db: String?
    @Option(help: "The briefing's title.") var title: String?
    @Option(help: "md, or html to write brief.html beside brief.md.") var format: Format = .md
    @Option(help: "Unit of amounts: 万元 or 元.") var unit: AnalysisUnit = .wanyuan
    @Option(help: ArgumentHelp("Entity aliases, regions and peer groups (default: ./yusuan.yaml if present).", valueName: "PATH"))
    var config: String?
    @OptionGroup var render: ChartRenderArguments

    func run() throws {
        let outDir = URL(fileURLWithPath: out)
        do { try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true) } catch {
            throw UserError("\(out): cannot create the output folder: \(FileReading.reason(error))")
        }
        let store = try FactStore(path: db ?? outDir.appendingPathComponent("yusuan.sqlite").path)
        defer { try? store.close() }
        let files = collectFiles(paths)
        let summary = try IngestBatch(store: store, jobs: ProcessInfo.processInfo.activeProcessorCount,
                                      hints: regionHints(region: nil, config: config))
            .run(files: files, progress: stderrIsTerminal) { _ in }
        printError(summary.line)
        let result = try Brief(store: store, options: .init(
            outDir: outDir, title: title, formats: format == .html ? [.md, .html] : [.md], unit: unit.unit,
            chartOptions: render.options, config: try AnalysisConfig.loadDefault(explicit: config))).write()
        for f in result.files { print("wrote \(f.path)") }
        print("wrote \(result.images.count) chart(s) in \(outDir.path)")
        if summary.failures > 0 { throw ExitCode(1) }
    }
}
