import Foundation
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanStore

/// The briefing: what was read, “三公” across entities and regions, each entity's spending and its
/// structure and largest changes, and the special funds — with its charts beside it. What it says
/// is `BriefModel`; its words are `BriefBlocks`; this writes the charts and the formats.
public struct Brief {
    public enum Format: String, Sendable, CaseIterable { case md, html, docx }

    public struct Options: Sendable {
        public var outDir: URL
        public var title: String?
        public var formats: [Format]
        public var unit: MoneyUnit
        public var chartOptions: RenderOptions
        public var config: AnalysisConfig
        /// The stored names of the documents the brief covers; nil for every document in the store.
        public var documents: [String]?
        public init(outDir: URL, title: String? = nil, formats: [Format] = [.md], unit: MoneyUnit = .wanyuan,
                    chartOptions: RenderOptions = RenderOptions(), config: AnalysisConfig = .empty, documents: [String]? = nil) {
            self.outDir = outDir; self.title = title; self.formats = formats; self.unit = unit
            self.chartOptions = chartOptions; self.config = config; self.documents = documents
        }
    }

    public struct Result: Sendable {
        public var files: [URL]
        public var images: [String]
        public var blocks: [DocBlock]
        public var model: BriefModel
    }

    let store: FactStore
    let options: Options

    public init(store: FactStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Model → blocks → files: the charts first (the HTML embeds them), then each format.
    public func write() throws -> Result {
        try FileManager.default.createDirectory(at: options.outDir, withIntermediateDirectories: true)
        try BriefFiles.clear(options.outDir)
        let model = try BriefModel.read(store: store, documents: options.documents, title: options.title, unit: options.unit, config: options.config)
        let charts = model.charts
        for chart in charts { try chart.render(in: options.outDir, options: options.chartOptions) }
        let blocks = BriefBlocks.blocks(model)
        let title = options.title ?? L("brief.title")
        var files: [URL] = []
        for format in options.formats {
            switch format {
            case .md:
                let url = options.outDir.appendingPathComponent("brief.md")
                try Data(DocRender.markdown(blocks).utf8).write(to: url)
                files.append(url)
            case .html:
                let url = options.outDir.appendingPathComponent("brief.html")
                let dir = options.outDir
                try Data(DocRender.html(blocks, title: title, image: { try? Data(contentsOf: dir.appendingPathComponent($0)) }).utf8).write(to: url)
                files.append(url)
            case .docx:
                files.append(try BriefFiles.docx(markdown: DocRender.markdown(blocks), in: options.outDir))
            }
        }
        return Result(files: files, images: charts.map(\.file), blocks: blocks, model: model)
    }
}
