import XCTest
import YusuanTestSupport
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanIngest
import YusuanStore
@testable import YusuanReport

/// “三公” compared across sixteen re-homed district documents: figures, labels, sources, and
/// rendered PDFs whose text holds every entity once with its change.
final class SangongComparisonTests: XCTestCase {
    // Set once in class setUp, before any test of the class runs; XCTest runs them one at a time.
    nonisolated(unsafe) static var dir: URL!
    nonisolated(unsafe) static var input: AnalysisInput!
    nonisolated(unsafe) static var rows: [SangongRow] = []

    override class func setUp() {
        super.setUp()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-sangong-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try! SangongFixture.store(in: dir, samples: reportSamples)
        input = AnalysisInput(facts: try! store.facts(FactQuery(tables: [.sangong, .generalBudgetByFunction])))
        rows = Sangong.rows(input.series).rows
    }
    override class func tearDown() { try? FileManager.default.removeItem(at: dir) }

    var entities: [SangongEntity] { SangongComparison.entities(Self.rows, set: Self.input.series) }

    func testSixteenEntitiesOfTwoYearsEachScaledByTheirFactors() throws {
        XCTAssertEqual(entities.count, 16)
        for e in entities { XCTAssertEqual(e.rows.map(\.year), [2023, 2024], e.entity.name) }
        // 江北区 (document 0): 2023 × 2/4 of 50.50, 2024 × 2/4 of 36.50 万元.
        let jiangbei = try XCTUnwrap(entities.first { $0.entity.name == "重庆市江北区经济和信息化委员会" })
        XCTAssertEqual(jiangbei.first.total, Money(fen: 50_500_000 * 2 / 4))
        XCTAssertEqual(jiangbei.latest.total, Money(fen: 36_500_000 * 2 / 4))
        XCTAssertEqual(jiangbei.entity.region, "重庆江北区")   // 江北区 is also in 宁波
        // Sorted by the latest total, largest first.
        let latest = entities.map { $0.latest.total!.fen }
        XCTAssertEqual(latest, latest.sorted(by: >))
        let byChange = SangongComparison.entities(Self.rows, set: Self.input.series, sort: .change)
        let changes = byChange.map { $0.change!.absolute!.fen }
        XCTAssertEqual(changes, changes.sorted(by: >))
        XCTAssertTrue(changes.contains { $0 > 0 } && changes.contains { $0 < 0 })
    }

    func testShortLabelsKeepTheRegionAndDropWhatAllShare() {
        let jxw = entities.filter { $0.entity.name.hasSuffix("经济和信息化委员会") }
        XCTAssertEqual(jxw.count, 8)
        let (labels, common) = SangongCharts.shortLabels(jxw.map(\.entity))
        XCTAssertEqual(Set(labels), Set(jxw.map(\.entity.region)))
        XCTAssertTrue(labels.contains("上海普陀区") && labels.contains("沙坪坝区"), labels.joined(separator: ","))
        XCTAssertEqual(common, "经济和信息化委员会")
        let all = SangongCharts.shortLabels(entities.map(\.entity)).labels
        XCTAssertEqual(Set(all).count, 16)
        XCTAssertTrue(all.contains { $0.hasSuffix("海淀区 临空都市开发建设管理办公室") }, all.joined(separator: ","))
        // Two entities that would read the same keep their whole names.
        let twins = [EntityRef(region: "江北区", name: "重庆市江北区财政局"), EntityRef(region: "江北区", name: "江北区财政局")]
        XCTAssertEqual(Set(SangongCharts.shortLabels(twins).labels).count, 2)
    }

    func testPerDividesByTheGeneralBudgetTotalOfTheSameYear() throws {
        let per = SangongComparison.entities(Self.rows, set: Self.input.series, base: .total)
        let jiangbei = try XCTUnwrap(per.first { $0.entity.region == "重庆江北区" })
        let base = try XCTUnwrap(jiangbei.bases[2024])
        XCTAssertEqual(jiangbei.share(jiangbei.latest), Percent.ratio(jiangbei.latest.total!, base))
        XCTAssertEqual(jiangbei.sources, ["jxw-00.txt"])
        let shares = per.map { $0.share($0.latest)!.hundredths }
        XCTAssertEqual(shares, shares.sorted(by: >))
        let table = ReportTables.sangongPer(per, base: .total)
        XCTAssertEqual(table.columns.prefix(7), ["region", "entity", "year", "total", "derived", "base", "share"])
        XCTAssertEqual(table.rows.count, 32)
        let spec = try XCTUnwrap(SangongCharts.spec(per, options: .init(style: .dumbbell, per: .total)))
        XCTAssertEqual(spec.unit, "%")
        // Where the base of 2023 is not printed, the change of the share is unknown.
        for (e, x) in zip(per, spec.entries) {
            XCTAssertEqual(x.changeLabel?.hasSuffix("个百分点"), e.shareChange != nil, "\(x.label) \(x.changeLabel ?? "")")
        }
        XCTAssertTrue(per.contains { $0.shareChange != nil })
    }

    /// Text of a PDF (pdftotext), or nil where poppler-utils is missing.
    func pdfText(_ url: URL) throws -> String? {
        try Program.tool("/usr/bin/pdftotext", [url.path, "-"])?.out
    }

    func count(_ s: String, in text: String) -> Int { text.components(separatedBy: s).count - 1 }

    func testDumbbellPDFHoldsEveryEntityOnceAndItsChange() throws {
        let es = entities
        let spec = try XCTUnwrap(SangongCharts.spec(es, options: .init(style: .dumbbell)))
        let url = Self.dir.appendingPathComponent("dumbbell.pdf")
        try ChartRenderer.render(spec, to: url)
        guard let text = try pdfText(url) else { throw XCTSkip("pdftotext is not installed") }
        for e in es { XCTAssertEqual(count(e.entity.region, in: text), 1, e.entity.region) }
        for e in es {
            let p = e.change!.percent!
            XCTAssertTrue(text.contains((p.hundredths > 0 ? "+" : "") + p.description), "\(e.entity.region): \(p)")
        }
        XCTAssertTrue(text.contains("jxw-00.txt") && text.contains("lk-07.txt"))
    }

    func testGroupedPDFWithPartsOnSeveralPagesHoldsEveryEntityOnce() throws {
        let es = entities
        let spec = try XCTUnwrap(SangongCharts.spec(es, options: .init(style: .grouped, parts: true)))
        XCTAssertEqual(spec.partNames.count, 4)
        let url = Self.dir.appendingPathComponent("grouped.pdf")
        try ChartRenderer.render(spec, to: url, options: RenderOptions(width: 1600, height: 700))
        guard let text = try pdfText(url) else { throw XCTSkip("pdftotext is not installed") }
        XCTAssertGreaterThan(count("\u{0C}", in: text), 1, "more than one page")
        for e in es { XCTAssertEqual(count(e.entity.region, in: text), 1, e.entity.region) }
        for e in es { XCTAssertTrue(text.contains(e.latest.total!.formatted(in: .wanyuan)), e.entity.region) }
    }

    func testEveryStyleRendersDeterministically() throws {
        for style in ComparisonStyle.allCases {
            let spec = try XCTUnwrap(SangongCharts.spec(entities, options: .init(style: style, per: style == .lines ? .total : nil)))
            for format in [OutputFormat.pdf, .svg, .png] {
                let options = RenderOptions(width: 1200, height: 600)
                let a = try ChartRenderer.renderData(spec, format: format, options: options)
                XCTAssertEqual(a, try ChartRenderer.renderData(spec, format: format, options: options), "\(style) \(format)")
            }
        }
    }

    func testChangeChartInPercentAndTheSuitedStyle() throws {
        let spec = try XCTUnwrap(SangongCharts.spec(entities, options: .init(style: .change, sort: .change, percent: true)))
        XCTAssertEqual(spec.unit, "%")
        for (e, x) in zip(entities, spec.entries) { XCTAssertEqual(x.changeLabel?.hasPrefix((e.change!.percent!.hundredths > 0 ? "+" : "") + e.change!.percent!.description), true) }
        XCTAssertEqual(SangongCharts.suitedStyle(years: 2), .dumbbell)
        XCTAssertEqual(SangongCharts.suitedStyle(years: 4), .lines)
    }
}

/// The brief picks the 三公 chart that suits its data: small multiples once an entity has three years.
final class SangongBriefStyleTests: XCTestCase {
    func testThreeYearsGiveSmallMultiples() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-sangong-brief-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SangongFixture.store(in: dir, samples: reportSamples)
        // A 2025 budget of 重庆市江北区经济和信息化委员会 (its 2024 column becomes the prior year).
        let tongnan = try String(contentsOf: reportSamples.appendingPathComponent("tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        let text = SangongFixture.rehome(tongnan, stem: "潼南", to: "重庆市", "江北", unit: .wanyuan, factors: (3, 2), prior: true)
            .replacingOccurrences(of: "2024", with: "2025").replacingOccurrences(of: "2023", with: "2024")
        _ = try store.ingest(DocumentReader().read(data: Data(text.utf8), name: "jxw-2025.txt"))
        let out = dir.appendingPathComponent("brief")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try Brief(store: store, options: .init(outDir: out, formats: [.md])).write()
        let md = try String(contentsOf: out.appendingPathComponent("brief.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("各单位“三公”经费逐年变化"), md)
        XCTAssertTrue(md.contains("jxw-2025.txt"))
    }
}

/// Every chart of the brief cites its documents by title in its footnote, as the text does.
final class BriefChartSourcesTests: XCTestCase {
    func testEveryBriefChartCitesTitles() throws {
        let dir = try TempDir.make("brief-sources")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        for name in try FileManager.default.contentsOfDirectory(atPath: reportSamples.path).sorted() where name.hasSuffix(".txt") {
            try store.ingest(try DocumentReader().read(fileAt: reportSamples.appendingPathComponent(name)))
        }
        let model = try BriefModel.read(store: store)
        let charts = model.charts
        XCTAssertTrue(charts.contains { $0.file.hasSuffix("-change.png") } && charts.contains { $0.file.hasSuffix("-structure.png") })
        for c in charts {
            let sources: [String]
            switch c.spec {
            case .bars(let s): sources = s.sources
            case .treemap(let s): sources = s.sources
            case .comparison(let s): sources = s.sources
            }
            XCTAssertFalse(sources.isEmpty, c.file)
            for s in sources { XCTAssertTrue(s.hasPrefix("《") && s.hasSuffix("》"), "\(c.file): \(s)") }
        }
        let linkong = try XCTUnwrap(charts.first { $0.file.hasSuffix("-change.png") && { if case .bars(let s) = $0.spec { s.title.contains("临空") } else { false } }($0) })
        if case .bars(let s) = linkong.spec { XCTAssertEqual(s.sources, ["《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》"]) }
    }
}
