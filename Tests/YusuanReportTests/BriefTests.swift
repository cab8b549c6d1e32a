import XCTest
import YusuanAnalysis
import YusuanCharts
import YusuanCore
import YusuanIngest
import YusuanStore
@testable import YusuanReport

let reportSamples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples")

/// `yusuan brief` on the four samples: its figures, its files and its images.
final class BriefTests: XCTestCase {
    // Set once in class setUp, before any test of the class runs; XCTest runs them one at a time.
    nonisolated(unsafe) static var dir: URL!
    nonisolated(unsafe) static var result: Brief.Result!
    nonisolated(unsafe) static var markdown = ""

    override class func setUp() {
        super.setUp()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-brief-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try! FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        for name in try! FileManager.default.contentsOfDirectory(atPath: reportSamples.path).sorted() where name.hasSuffix(".txt") {
            try! store.ingest(try! DocumentReader().read(fileAt: reportSamples.appendingPathComponent(name)))
        }
        result = try! Brief(store: store, options: .init(outDir: dir, formats: [.md, .html])).write()
        markdown = try! String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
    }
    override class func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testNamesEveryRegionAndEntity() {
        for name in ["渝北区", "潼南区", "重庆经济技术开发区", "万盛经济技术开发区",
                     "重庆市渝北区临空都市开发建设管理办公室", "重庆市潼南区经济和信息化委员会", "重庆经济技术开发区管理委员会"] {
            XCTAssertTrue(Self.markdown.contains(name), name)
        }
    }

    func testSangongFiguresIncludingDerivedPriorYears() {
        let row = Self.markdown.split(separator: "\n").first { $0.contains("| 重庆经济技术开发区管理委员会 | 2025 |") }
        XCTAssertEqual(row.map(String.init), "| 重庆经济技术开发区 | 重庆经济技术开发区管理委员会 | 2025 | 183.53 | 12.00 | 0.00 | 109.84 | 61.69 | -23.56 | -11.38% |")
        XCTAssertTrue(Self.markdown.contains("| 重庆经济技术开发区 | 重庆经济技术开发区管理委员会 | 2024* | 207.09 | 12.00 | 0.00 | 123.70 | 71.39 | — | — |"))
        XCTAssertTrue(Self.markdown.contains("| 潼南区 | 重庆市潼南区经济和信息化委员会 | 2024 | 36.50 | 0.00 | 0.00 | 6.50 | 30.00 | -14.00 | -27.72% |"))
        XCTAssertTrue(Self.markdown.contains("重庆经济技术开发区管理委员会2025年“三公”经费183.53万元，比2024年减少23.56万元、下降11.38%（2024年数据据情况说明推算）。"))
    }

    func testWrittenAsAnOfficeWritesABrief() {
        // 摘要 first; numbers in words; documents cited by title, file names only in the notes.
        let sections = Self.markdown.components(separatedBy: "\n## ").dropFirst().map { String($0.prefix { $0 != "\n" }) }
        XCTAssertEqual(sections, ["摘要", "一、“三公”经费", "二、各单位支出", "三、重点专项资金", "附录　读取与核对", "注　资料来源"])
        XCTAssertTrue(Self.markdown.contains("重庆市渝北区临空都市开发建设管理办公室2024年部门支出（全部资金）884.01万元，比2023年增加358.93万元、增长68.36%（上年数据据情况说明推算）。其中基本支出345.01万元，占39.03%；项目支出539.00万元，占60.97%。"))
        XCTAssertTrue(Self.markdown.contains("金额单位为万元；《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》原表以元为单位，已换算为万元。"))
        XCTAssertTrue(Self.markdown.contains("资料来源：《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》。"))
        XCTAssertTrue(Self.markdown.contains("变动最大的科目是“一般行政管理事务”（2010302），增加439.00万元、增长487.78%。"))
        XCTAssertTrue(Self.markdown.contains("| 2010399 | 其他政府办公厅（室）及相关机构事务支出 | — | 10.00 | +10.00 | 新增 |"))
        XCTAssertTrue(Self.markdown.contains("万盛经济技术开发区安排重点专项资金52项，合计72,841.90万元，由28个主管部门管理"))
        XCTAssertFalse(Self.markdown.contains("+358.93"))
        let beforeNotes = Self.markdown.components(separatedBy: "## 注　资料来源")[0]
        XCTAssertFalse(beforeNotes.contains(".txt"))
        XCTAssertTrue(Self.markdown.contains("- 《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》：文件 yubei-2024-linkong.txt"))
        // Findings in the appendix, disagreements first, rounding left out.
        let firstFinding = Self.markdown.split(separator: "\n").first { $0.hasPrefix("- **") }
        XCTAssertTrue(firstFinding?.hasPrefix("- **不一致** 《万盛经济技术开发区重点专项资金2025年预算》第50行") == true, String(firstFinding ?? ""))
        XCTAssertFalse(Self.markdown.contains("rounding"))
    }

    func testEveryReferencedImageExistsAndNoDiagnosticChart() throws {
        let referenced = Self.markdown.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("!["), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        XCTAssertEqual(referenced, Self.result.images)
        XCTAssertEqual(referenced, ["sangong.png", "entity-01-structure.png", "entity-01-change.png", "entity-02-structure.png",
                                    "entity-03-structure.png", "special-funds.png"])
        for file in referenced {
            let data = try Data(contentsOf: Self.dir.appendingPathComponent(file))
            XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], file)
            let w = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual([w, h], [1600, 900], file)
        }
        let html = try String(contentsOf: Self.dir.appendingPathComponent("brief.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("src=\"sangong.png\""))
        XCTAssertEqual(html.components(separatedBy: "<img src=\"data:image/png;base64,").count - 1, 6)
        XCTAssertTrue(html.contains("@page { size: A4"))
    }

    func testTreemapSpecAreasComeFromTheStore() throws {
        let store = try FactStore(path: Self.dir.appendingPathComponent("s.sqlite").path)
        let input = AnalysisInput(facts: try store.facts())
        let e = input.series.entities.first { $0.name == "重庆经济技术开发区管理委员会" }!
        let spec = try XCTUnwrap(BudgetCharts.treemap(set: input.series, entity: e, year: 2025, table: .expenditureByFunction, sources: []))
        XCTAssertEqual(spec.nodes.count, 9)
        XCTAssertEqual(spec.nodes.first { $0.name == "城乡社区支出" }?.total ?? 0, 52935.23, accuracy: 0.001)
        XCTAssertEqual(spec.nodes.reduce(0) { $0 + $1.total }, 118708.76, accuracy: 0.01)
    }
}
