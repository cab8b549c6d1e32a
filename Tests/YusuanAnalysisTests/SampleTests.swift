import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanAnalysis

/// End to end: the real samples through the real reader (YusuanIngest), then the analysis.
final class SampleTests: XCTestCase {
    static let names = ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt", "wansheng-2025-special-funds.txt",
                        "yubei-2024-linkong.txt"]
    static let facts: [Fact] = names.flatMap { name in
        (try? DocumentReader().read(fileAt: Sample.directory.appendingPathComponent(name)).facts) ?? []
    }
    static let registry = EntityRegistry(facts: facts)
    static let series = SeriesBuilder.build(facts: facts, registry: registry)

    func testEntitiesOfTheSamples() throws {
        let reg = Self.registry
        XCTAssertEqual(reg.records.count, 32, "3 documents' entities + 29 主管部门 of the special-fund catalogue")
        let tn = try XCTUnwrap(reg.record(name: "重庆市潼南经济和信息化委员会", region: "潼南区"), "dropped 区 of the 部门收支总表 title")
        XCTAssertEqual(tn.name, Sample.tongnanEntity)
        XCTAssertEqual(tn.entityCodes, ["715"])
        XCTAssertEqual(tn.years, [2024])
        XCTAssertNotEqual(reg.ref(region: "潼南区", entity: "重庆市潼南区应用发展管理局"), tn.ref)
        let kq = try XCTUnwrap(reg.record(name: Sample.cqjkqEntity, region: "重庆经济技术开发区"))
        XCTAssertEqual(kq.entityCodes, ["109"])
        XCTAssertEqual(reg.record(name: "重庆市万盛经济技术开发区财政局", region: "万盛经济技术开发区")?.entityCodes, ["231"])
        // The same 主管部门 code printed with two names in one catalogue stays two entities (same year).
        XCTAssertNotEqual(reg.ref(region: "万盛经济技术开发区", entity: "重庆市万盛经济技术开发区文化和旅游发展局"),
                          reg.ref(region: "万盛经济技术开发区", entity: "重庆市万盛经济技术开发区文化和旅游局"))
    }

    func testYamlAliasJoinsNamesPrintedInTheSameYear() throws {
        let cfg = try AnalysisConfig.parse("""
        entities:
          - name: 重庆市万盛经济技术开发区文化和旅游发展局
            aliases: [重庆市万盛经济技术开发区文化和旅游局]
        """)
        let reg = EntityRegistry(facts: Self.facts, config: cfg)
        XCTAssertEqual(reg.records.count, 31)
        let r = try XCTUnwrap(reg.record(name: "重庆市万盛经济技术开发区文化和旅游局", region: "万盛经济技术开发区"))
        XCTAssertEqual(r.name, "重庆市万盛经济技术开发区文化和旅游发展局")
        XCTAssertEqual(r.entityCodes, ["433"])
    }

    func testSangongEndToEnd() {
        let rows = Sangong.rows(Self.series).rows
        XCTAssertEqual(rows.map { "\($0.entity.name) \($0.year)" }, [
            "重庆市渝北区临空都市开发建设管理办公室 2023", "重庆市渝北区临空都市开发建设管理办公室 2024",
            "重庆市潼南区经济和信息化委员会 2023", "重庆市潼南区经济和信息化委员会 2024",
            "重庆经济技术开发区管理委员会 2024", "重庆经济技术开发区管理委员会 2025"])
        XCTAssertEqual(ReportTables.sangong(rows).json(unit: .wanyuan), """
        [
          {"region": "渝北区", "entity": "重庆市渝北区临空都市开发建设管理办公室", "year": 2023, "total": 12.50, "outbound": 0.00, "vehicle_purchase": 0.00, "vehicle_operation": 5.50, "reception": 7.00, "derived": true, "change": null, "change_pct": null, "stage": "budget", "sources": ["yubei-2024-linkong.txt"], "places": ["yubei-2024-linkong.txt:89","yubei-2024-linkong.txt:362"]},
          {"region": "渝北区", "entity": "重庆市渝北区临空都市开发建设管理办公室", "year": 2024, "total": 6.00, "outbound": 0.00, "vehicle_purchase": 0.00, "vehicle_operation": 4.00, "reception": 2.00, "derived": false, "change": -6.50, "change_pct": -52.00, "stage": "budget", "sources": ["yubei-2024-linkong.txt"], "places": ["yubei-2024-linkong.txt:89","yubei-2024-linkong.txt:362"]},
          {"region": "潼南区", "entity": "重庆市潼南区经济和信息化委员会", "year": 2023, "total": 50.50, "outbound": 0.00, "vehicle_purchase": 0.00, "vehicle_operation": 7.50, "reception": 43.00, "derived": false, "change": null, "change_pct": null, "stage": "budget", "sources": ["tongnan-2024-jingxinwei.txt"], "places": ["tongnan-2024-jingxinwei.txt:210"]},
          {"region": "潼南区", "entity": "重庆市潼南区经济和信息化委员会", "year": 2024, "total": 36.50, "outbound": 0.00, "vehicle_purchase": 0.00, "vehicle_operation": 6.50, "reception": 30.00, "derived": false, "change": -14.00, "change_pct": -27.72, "stage": "budget", "sources": ["tongnan-2024-jingxinwei.txt"], "places": ["tongnan-2024-jingxinwei.txt:210"]},
          {"region": "重庆经济技术开发区", "entity": "重庆经济技术开发区管理委员会", "year": 2024, "total": 207.09, "outbound": 12.00, "vehicle_purchase": 0.00, "vehicle_operation": 123.70, "reception": 71.39, "derived": true, "change": null, "change_pct": null, "stage": "budget", "sources": ["cqjkq-2025-guanweihui.txt"], "places": ["cqjkq-2025-guanweihui.txt:41"]},
          {"region": "重庆经济技术开发区", "entity": "重庆经济技术开发区管理委员会", "year": 2025, "total": 183.53, "outbound": 12.00, "vehicle_purchase": 0.00, "vehicle_operation": 109.84, "reception": 61.69, "derived": false, "change": -23.56, "change_pct": -11.38, "stage": "budget", "sources": ["cqjkq-2025-guanweihui.txt"], "places": ["cqjkq-2025-guanweihui.txt:41","cqjkq-2025-guanweihui.txt:239"]}
        ]

        """)
    }

    func testCompareYubeiEndToEnd() {
        let rows = Reports.compare(Self.series, registry: Self.registry, yearA: 2023, yearB: 2024,
                                   table: .generalBudgetByFunction, level: nil, filter: ReportFilter(regions: ["渝北区"]))
        let r201 = rows.first { $0.code == "201" }
        XCTAssertEqual(r201?.change.percent?.decimalString, "81.63")
        XCTAssertEqual(r201?.shareB?.decimalString, "90.97")
        let new = rows.first { $0.code == "2010399" }
        XCTAssertEqual(new?.change.status, .new)
        XCTAssertNil(new?.change.percent, "the document prints #DIV/0! here")
        XCTAssertEqual(rows.first { $0.code == "2101102" }?.change.percent?.decimalString, "-23.89")
    }

    func testSharesAcrossSamples() {
        let rows = Reports.shares(Self.series, registry: Self.registry, year: 2025, table: .expenditureByFunction)
        let kq = rows.filter { $0.entity.name == Sample.cqjkqEntity }
        XCTAssertEqual(kq.first?.code, "201")
        XCTAssertEqual(kq.first?.amount, money("11637.89"))
        XCTAssertEqual(kq.first?.share?.decimalString, "9.80")   // 11,637.89 / 118,708.76
    }

    func testProjectsSharingACodeStaySeparateSeries() {
        let projects = Self.series.series.filter {
            $0.key.entity.name == Sample.tongnanEntity && $0.key.table == .project && $0.key.code == "2011302"
        }
        XCTAssertGreaterThanOrEqual(projects.count, 2)
        XCTAssertEqual(Set(projects.map(\.key.itemKey)).count, projects.count)
        XCTAssertFalse(Self.series.disagreements.contains { $0.key.table == .project })
    }

    func testPrintedSubjectNamesThatDifferFromTheCatalogue() {
        let diffs = Reports.subjects(Self.facts, catalogue: .standard).filter { !$0.differences.isEmpty }
        XCTAssertEqual(diffs.map(\.code), ["20604"])
        XCTAssertEqual(diffs[0].printedNames.sorted(), ["技术与研究与开发", "技术与研究开发"])
        XCTAssertEqual(diffs[0].documents, [Sample.cqjkq])
    }
}
