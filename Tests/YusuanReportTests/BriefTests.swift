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
    static var dir: URL!
    static var result: Brief.Result!
    static var markdown = ""

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
        XCTAssertEqual(row.map(String.init), "| 重庆经济技术开发区 | 重庆经济技术开发区管理委员会 | 2025 | 183.53 | 12.00 | 0.00 | 109.84 | 61.69 | -23.56 万元 | -11.38% |")
        XCTAssertTrue(Self.markdown.contains("| 重庆经济技术开发区 | 重庆经济技术开发区管理委员会 | 2024* | 207.09 | 12.00 | 0.00 | 123.70 | 71.39 | — | — |"))
        XCTAssertTrue(Self.markdown.contains("| 潼南区 | 重庆市潼南区经济和信息化委员会 | 2024 | 36.50 | 0.00 | 0.00 | 6.50 | 30.00 | -14.00 万元 | -27.72% |"))
        XCTAssertTrue(Self.markdown.contains("| 渝北区 | 重庆市渝北区临空都市开发建设管理办公室 | 2024 | 6.00 |"))
    }

    func testEntityFiguresAndFindings() {
        XCTAssertTrue(Self.markdown.contains("2024年部门支出（全部资金）合计 **884.01 万元**：基本支出 345.01 万元（占 39.03%），项目支出 539.00 万元（占 60.97%）"))
        XCTAssertTrue(Self.markdown.contains("合计 **118,708.76 万元**"))
        XCTAssertTrue(Self.markdown.contains("比2024年（83,801.76 万元*，据情况说明推算）+34,907.00 万元，+41.65%"))
        XCTAssertTrue(Self.markdown.contains("| 2010302 | 一般行政管理事务 | 90.00 | 529.00 | +439.00 万元 | +487.78% |"))
        XCTAssertTrue(Self.markdown.contains("重点专项资金 52 项，合计 **72,841.90 万元**，由 28 个主管部门管理"))
        // Errors come first, rounding differences are left out.
        let firstFinding = Self.markdown.split(separator: "\n").first { $0.hasPrefix("- **") }
        XCTAssertTrue(firstFinding?.hasPrefix("- **错误** wansheng-2025-special-funds.txt 第 50 行") == true, String(firstFinding ?? ""))
        XCTAssertFalse(Self.markdown.contains("rounding"))
    }

    func testEachSectionHasAnImage() {
        let sections = Self.markdown.components(separatedBy: "\n## ").dropFirst()
        XCTAssertEqual(sections.count, 4)
        for s in sections { XCTAssertTrue(s.contains("!["), String(s.prefix(20))) }
    }

    func testEveryReferencedImageExistsAndEachSectionHasOne() throws {
        let referenced = Self.markdown.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("!["), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        XCTAssertEqual(referenced, Self.result.images)
        XCTAssertEqual(referenced, ["reading.png", "sangong.png", "entity-01-structure.png", "entity-01-change.png", "entity-02-structure.png",
                                    "entity-03-structure.png", "special-funds.png"])
        for file in referenced {
            let data = try Data(contentsOf: Self.dir.appendingPathComponent(file))
            XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], file)
            // Width and height from the IHDR chunk.
            let w = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual([w, h], [1600, 900], file)
        }
        let html = try String(contentsOf: Self.dir.appendingPathComponent("brief.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<img src=\"sangong.png\""))
        XCTAssertTrue(html.contains("<strong>884.01 万元</strong>"))
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
