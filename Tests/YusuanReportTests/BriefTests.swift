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

    /// `wan(18353)` is 183.53 万元 (a hundredth of 万元 is 10,000 fen).
    func wan(_ hundredths: Int64) -> Money { Money(fen: hundredths * 10_000) }
    var model: BriefModel { Self.result.model }

    func testModelNamesEveryRegionAndEntity() {
        XCTAssertEqual(model.regions, ["万盛经济技术开发区", "渝北区", "潼南区", "重庆经济技术开发区"])
        XCTAssertEqual(model.entities.map(\.entity.name), ["重庆市渝北区临空都市开发建设管理办公室", "重庆市潼南区经济和信息化委员会", "重庆经济技术开发区管理委员会"])
        XCTAssertEqual(model.entities.map(\.number), [1, 2, 3])
        XCTAssertEqual(model.documents.count, 4)
    }

    func testSangongFiguresIncludingDerivedPriorYears() throws {
        let s = try XCTUnwrap(model.sangong)
        let jk = try XCTUnwrap(s.latest.first { $0.entity.name == "重庆经济技术开发区管理委员会" })
        XCTAssertEqual(jk.year, 2025)
        XCTAssertEqual(jk.total, wan(18353))
        XCTAssertEqual(jk.prior?.year, 2024)
        XCTAssertEqual(jk.prior?.derived, true)
        XCTAssertEqual(jk.prior?.change.from, wan(20709))
        XCTAssertEqual(jk.prior?.change.absolute, wan(-2356))
        XCTAssertEqual(jk.prior?.change.percent, Percent(hundredths: -1138))
        let row = try XCTUnwrap(s.rows.first { $0.entity.name == "重庆经济技术开发区管理委员会" && $0.year == 2025 })
        XCTAssertEqual([row.outbound, row.vehiclePurchase, row.vehicleOperation, row.reception], [wan(1200), wan(0), wan(10984), wan(6169)])
        let tn = try XCTUnwrap(s.rows.first { $0.entity.name == "重庆市潼南区经济和信息化委员会" && $0.year == 2024 })
        XCTAssertEqual([tn.total, tn.change], [wan(3650), wan(-1400)])
        XCTAssertEqual(tn.changePct, Percent(hundredths: -2772))
        XCTAssertEqual(s.latest.count, 3)
        XCTAssertEqual([s.down, s.up, s.flat], [3, 0, 0])
        XCTAssertEqual(s.style, .dumbbell)
    }

    func testEntityFiguresWithTheirFallbacks() throws {
        let lk = try XCTUnwrap(model.entities.first { $0.entity.name == "重庆市渝北区临空都市开发建设管理办公室" })
        XCTAssertEqual(lk.year, 2024)
        XCTAssertEqual(lk.table, .expenditureByFunction)
        // This document prints 元: its figures are exact to the fen (the brief shows 884.01 万元).
        XCTAssertEqual(lk.total, Money(fen: 884_012_735))
        // No 2023 table: the prior year comes from the 情况说明's 支出预算.
        XCTAssertEqual(lk.prior?.amount, Money(fen: 525_078_600))
        XCTAssertEqual(lk.prior?.derived, true)
        XCTAssertEqual(lk.change?.absolute, Money(fen: 358_934_135))
        XCTAssertEqual(lk.change?.percent, Percent(hundredths: 6836))
        XCTAssertEqual(lk.split?.basic, Money(fen: 345_012_735))
        XCTAssertEqual(lk.split?.basicShare, Percent(hundredths: 3903))
        XCTAssertEqual(lk.split?.project, wan(53900))
        XCTAssertEqual(lk.split?.projectShare, Percent(hundredths: 6097))
        let moved = try XCTUnwrap(lk.changes?.moved)
        XCTAssertEqual(moved.first?.row.code, "2010302")
        XCTAssertEqual(moved.first?.amount, wan(43900))
        XCTAssertEqual(moved.first?.row.change.percent, Percent(hundredths: 48778))
        let added = try XCTUnwrap(moved.first { $0.row.code == "2010399" })
        XCTAssertEqual(added.row.change.status, .new)
        XCTAssertEqual(added.amount, wan(1000))
        XCTAssertNil(added.row.amountA)
        // Sorted by the size of the move.
        XCTAssertEqual(moved.map(\.amount.fen.magnitude), moved.map(\.amount.fen.magnitude).sorted(by: >))

        let jk = try XCTUnwrap(model.entities.first { $0.entity.name == "重庆经济技术开发区管理委员会" })
        XCTAssertEqual(jk.total, wan(11870876))
        XCTAssertNil(jk.changes)
        XCTAssertEqual(jk.treemap?.nodes.count, 9)
    }

    func testSpecialFundsAndFindings() throws {
        let f = try XCTUnwrap(model.funds)
        XCTAssertEqual(f.regions, ["万盛经济技术开发区"])
        XCTAssertEqual(f.count, 52)
        XCTAssertEqual(f.total, wan(7284190))
        XCTAssertEqual(f.departments.count, 28)
        XCTAssertEqual(f.departments.reduce(Money.zero) { $0 + $1.amount }, f.total)
        XCTAssertEqual(f.departments.reduce(0) { $0 + $1.count }, 52)
        XCTAssertEqual(f.departments.map(\.amount), f.departments.map(\.amount).sorted(by: >))
        // Findings: disagreements first, rounding counted but not listed.
        let first = try XCTUnwrap(model.findings.shown.first)
        XCTAssertEqual(first.severity, .error)
        XCTAssertEqual(first.line, 50)
        XCTAssertTrue(first.document.hasPrefix("wansheng"), first.document)
        XCTAssertFalse(model.findings.shown.contains { $0.severity == .rounding })
        XCTAssertEqual(model.findings.errors + model.findings.warnings + model.findings.reading, model.findings.shown.count)
    }

    /// The four samples: every “三公” total is lower than the year before, so the count sentence says “均”.
    func testACountSentenceWhereEveryUnitIsInOneGroup() {
        let summary = Self.markdown.components(separatedBy: "## 摘要\n\n")[1]
        XCTAssertTrue(summary.contains("3个单位公开了“三公”经费，均比上年减少。"), summary)
        XCTAssertFalse(summary.contains("其中3个"), summary)
    }

    /// Reads one 决算 fixture into a store of its own.
    func finalStore(_ name: String) throws -> (FactStore, StoredDocument) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-brief-final-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        let url = reportSamples.deletingLastPathComponent().appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen/\(name)")
        try store.ingest(try DocumentReader().read(fileAt: url))
        return (store, try XCTUnwrap(try store.documents().first))
    }

    /// A 决算 alone is described by its 决算 figures, labelled so, with its 年初预算 and the execution rate.
    func testAFinalAloneIsDescribedByItsFinalFigures() throws {
        let (store, _) = try finalStore("putuo-2024-final-caizhengju.txt")
        let model = try BriefModel.read(store: store)
        let e = try XCTUnwrap(model.entities.first)
        XCTAssertEqual(e.stage, .final)
        XCTAssertEqual(e.table, .generalBudgetByFunction)
        XCTAssertEqual(e.total, wan(294005))
        XCTAssertEqual(e.execution?.budget, wan(299392))
        XCTAssertEqual(e.execution?.rate, Percent(hundredths: 9820))
        let md = DocRender.markdown(BriefBlocks.blocks(model))
        XCTAssertTrue(md.contains("上海市普陀区财政局2024年部门决算支出（一般公共预算财政拨款）2,940.05万元；年初预算2,993.92万元，决算2,940.05万元，完成年初预算的98.20%。"), md)
        XCTAssertFalse(md.contains("合计。") || md.contains("年一般公共预算财政拨款支出"), md)
    }

    /// The same entity-year as 预算 and 决算: the budget's figures under the budget's label, and the
    /// execution in a sentence of its own, labelled 决算.
    func testABudgetWithItsFinalSaysTheExecutionApart() throws {
        let (store, doc) = try finalStore("putuo-2024-final-caizhengju.txt")
        let facts = try store.facts()
        // A 预算 document of the same entity-year, printing the 决算's general-budget table, each
        // figure 100万元 more, as its budget: its table's 合计 is the 年初预算.
        var budgetDoc = doc
        budgetDoc.name = "putuo-2024-budget.txt"
        budgetDoc.identity.stage = .budget
        let budgetFacts = facts.filter { $0.stage == .final && $0.table == .generalBudgetByFunction }.map { f -> Fact in
            var f = f; f.stage = .budget; f.document = budgetDoc.name; f.amount = f.amount + wan(10000); return f
        }
        XCTAssertFalse(budgetFacts.isEmpty)
        let model = BriefModel(documents: [doc, budgetDoc], facts: facts + budgetFacts, findings: [])
        let e = try XCTUnwrap(model.entities.first)
        XCTAssertEqual(e.stage, .budget)
        XCTAssertEqual(e.total, wan(304005))
        let md = DocRender.markdown(BriefBlocks.blocks(model))
        XCTAssertTrue(md.contains("上海市普陀区财政局2024年一般公共预算财政拨款支出3,040.05万元。2024年部门决算（一般公共预算财政拨款）：年初预算3,040.05万元，决算2,940.05万元，完成年初预算的96.71%。"), md)
    }

    func testWrittenAsAnOfficeWritesABrief() {
        // The writer: 摘要 first; numbers in words; documents cited by title, file names only in the notes.
        let sections = Self.markdown.components(separatedBy: "\n## ").dropFirst().map { String($0.prefix { $0 != "\n" }) }
        XCTAssertEqual(sections, ["摘要", "一、“三公”经费", "二、各单位支出", "三、重点专项资金", "附录　读取与核对", "注　资料来源"])
        XCTAssertTrue(Self.markdown.contains("重庆市渝北区临空都市开发建设管理办公室2024年部门支出（全部资金）884.01万元，比2023年增加358.93万元、增长68.36%（上年数据据情况说明推算）。其中基本支出345.01万元，占39.03%；项目支出539.00万元，占60.97%。"))
        XCTAssertTrue(Self.markdown.contains("金额单位为万元；《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》原表以元为单位，已换算为万元。"))
        XCTAssertFalse(Self.markdown.contains("+358.93"))
        let beforeNotes = Self.markdown.components(separatedBy: "## 注　资料来源")[0]
        XCTAssertFalse(beforeNotes.contains(".txt"))
        XCTAssertTrue(Self.markdown.contains("- 《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》：文件 yubei-2024-linkong.txt"))
        XCTAssertEqual(Self.result.blocks, BriefBlocks.blocks(Self.result.model))
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
