import XCTest
import YusuanCore
@testable import YusuanAnalysis

final class SangongTests: XCTestCase {
    func rows(_ facts: [Fact], years: [Int] = []) -> [SangongRow] {
        let reg = EntityRegistry(facts: facts)
        return Sangong.rows(SeriesBuilder.build(facts: facts, registry: reg), years: years).rows
    }

    func testSamplesSangongTable() throws {
        let r = rows(Sample.sangongFacts)
        XCTAssertEqual(r.map { "\($0.entity.region) \($0.year)" },
                       ["渝北区 2023", "渝北区 2024", "潼南区 2023", "潼南区 2024",
                        "重庆经济技术开发区 2024", "重庆经济技术开发区 2025"])
        // 渝北 in 元: 125,000 → 60,000; outbound and purchase were blank cells: no figure.
        XCTAssertEqual(r[0].total, money("125000", .yuan))
        XCTAssertEqual(r[1].total, money("60000", .yuan))
        XCTAssertEqual(r[1].change, money("-65000", .yuan))
        XCTAssertEqual(r[1].changePct?.decimalString, "-52.00")
        XCTAssertNil(r[1].outbound)
        // 潼南: the 合计 row, not the sum with the unit row.
        XCTAssertEqual(r[2].total, money("50.5"))
        XCTAssertEqual(r[3].total, money("36.5"))
        XCTAssertEqual(r[3].reception, money("30"))
        XCTAssertEqual(r[3].change, money("-14"))
        XCTAssertEqual(r[3].changePct?.decimalString, "-27.72")
        XCTAssertNil(r[2].change)
        XCTAssertNil(r[2].changePct)
        // 经开区: 2024 derived from the 2025 narrative.
        let kq24 = r[4], kq25 = r[5]
        XCTAssertTrue(kq24.derived)
        XCTAssertEqual(kq24.total, money("207.09"))
        XCTAssertEqual(kq24.reception, money("71.39"))
        XCTAssertEqual(kq24.vehicleOperation, money("123.70"))
        XCTAssertEqual(kq24.outbound, money("12"))
        XCTAssertEqual(kq24.vehiclePurchase, .zero)
        XCTAssertFalse(kq25.derived)
        XCTAssertEqual(kq25.total, money("183.53"))
        XCTAssertEqual(kq25.vehiclePurchase, .zero)
        XCTAssertEqual(kq25.change, money("-23.56"))
        XCTAssertEqual(kq25.changePct?.decimalString, "-11.38")
    }

    func testJSONShape() {
        let r = rows(Sample.sangongFacts).filter { $0.entity.region != "渝北区" }
        XCTAssertEqual(ReportTables.sangong(r).json(unit: .wanyuan), """
        [
          {"region": "潼南区", "entity": "重庆市潼南区经济和信息化委员会", "year": 2023, "total": 50.50, "outbound": 0.00, "vehicle_purchase": 0.00, "vehicle_operation": 7.50, "reception": 43.00, "derived": false, "change": null, "change_pct": null, "stage": "budget", "sources": ["tongnan-2024-jingxinwei.txt"], "places": ["tongnan-2024-jingxinwei.txt:210"]},
          {"region": "潼南区", "entity": "重庆市潼南区经济和信息化委员会", "year": 2024, "total": 36.50, "outbound": 0.00, "vehicle_purchase": 0.00, "vehicle_operation": 6.50, "reception": 30.00, "derived": false, "change": -14.00, "change_pct": -27.72, "stage": "budget", "sources": ["tongnan-2024-jingxinwei.txt"], "places": ["tongnan-2024-jingxinwei.txt:210"]},
          {"region": "重庆经济技术开发区", "entity": "重庆经济技术开发区管理委员会", "year": 2024, "total": 207.09, "outbound": 12.00, "vehicle_purchase": 0.00, "vehicle_operation": 123.70, "reception": 71.39, "derived": true, "change": null, "change_pct": null, "stage": "budget", "sources": ["cqjkq-2025-guanweihui.txt"], "places": ["cqjkq-2025-guanweihui.txt:41"]},
          {"region": "重庆经济技术开发区", "entity": "重庆经济技术开发区管理委员会", "year": 2025, "total": 183.53, "outbound": 12.00, "vehicle_purchase": 0.00, "vehicle_operation": 109.84, "reception": 61.69, "derived": false, "change": -23.56, "change_pct": -11.38, "stage": "budget", "sources": ["cqjkq-2025-guanweihui.txt"], "places": ["cqjkq-2025-guanweihui.txt:41","cqjkq-2025-guanweihui.txt:239"]}
        ]

        """)
        // In 元, and valid JSON.
        let yuan = ReportTables.sangong(rows(Sample.sangongFacts)).json(unit: .yuan)
        let parsed = try! JSONSerialization.jsonObject(with: Data(yuan.utf8)) as! [[String: Any]]
        XCTAssertEqual(parsed.count, 6)
        XCTAssertEqual(parsed[1]["total"] as? Double, 60000)
        XCTAssertTrue(parsed[1]["outbound"] is NSNull)
        XCTAssertEqual(parsed[5]["change"] as? Double, -235600)
    }

    func testChangeIsAgainstThePreviousYearShown() {
        let r = rows(Sample.sangongFacts, years: [2024])
        XCTAssertEqual(r.count, 3)
        XCTAssertTrue(r.allSatisfy { $0.change == nil && $0.changePct == nil })
    }

    func testZeroBaseGivesNullPercent() {
        let e = "重庆市潼南区应用发展管理局"
        let facts = [
            fact("a-2023.txt", region: "潼南区", entity: e, year: 2023, table: .sangong, item: "合计", "0"),
            fact("a-2024.txt", region: "潼南区", entity: e, year: 2024, table: .sangong, item: "合计", "3.2"),
        ]
        let r = rows(facts)
        XCTAssertEqual(r[1].change, money("3.2"))
        XCTAssertNil(r[1].changePct)
        XCTAssertTrue(ReportTables.sangong(r).json(unit: .wanyuan).contains("\"change\": 3.20, \"change_pct\": null"))
    }

    func testSeveralDisagreeingRowsWithoutTotalAreLeftEmptyWithANote() {
        let e = "重庆市潼南区经济和信息化委员会"
        let facts = [
            fact("b-2024.txt", line: 1, region: "潼南区", entity: e, year: 2024, table: .sangong, item: "本级", "20"),
            fact("b-2024.txt", line: 2, region: "潼南区", entity: e, year: 2024, table: .sangong, item: "执法支队", "16.5"),
            fact("b-2024.txt", line: 2, region: "潼南区", entity: e, year: 2024, table: .sangong, item: "执法支队", measure: .reception, "3"),
        ]
        let reg = EntityRegistry(facts: facts)
        let out = Sangong.rows(SeriesBuilder.build(facts: facts, registry: reg))
        XCTAssertEqual(out.rows.count, 1)
        XCTAssertNil(out.rows[0].total)
        XCTAssertEqual(out.rows[0].reception, money("3"))
        XCTAssertEqual(out.notes.count, 1)
        XCTAssertTrue(out.notes[0].contains("2024 total"))
    }
}
