import XCTest
import YusuanCore
@testable import YusuanAnalysis

/// 1,000 documents (20 regions × 10 entity kinds × 5 years) whose names alternate between the full
/// spelling and `重庆市渝北…（本级）`: every entity must still come out as one, per region.
final class ScaleTests: XCTestCase {
    func testThousandDocumentsAlign() {
        let kinds = ["经济和信息化委员会", "财政局", "教育委员会", "卫生健康委员会", "城市管理局", "农业农村委员会",
                     "应用发展管理局", "交通局", "民政局", "商务委员会"]
        var facts: [Fact] = []
        for region in Region.districts(in: "重庆市").prefix(20) {
            let short = region.count == 3 ? String(region.dropLast()) : region
            for kind in kinds {
                for year in 2021...2025 {
                    let entity = year % 2 == 0 ? "重庆市\(region)\(kind)" : "重庆市\(short)\(kind)（本级）"
                    for (i, code) in ["201", "20103", "2010301", "208", "20805", "215", "21502"].enumerated() {
                        facts.append(fact("\(region)-\(kind)-\(year).txt", line: i, region: region, entity: entity,
                                          year: year, table: .generalBudgetByFunction, code: code, item: "x", "\(100 + i + year % 7)"))
                    }
                }
            }
        }
        let input = AnalysisInput(facts: facts)
        XCTAssertEqual(input.registry.records.count, 200)
        XCTAssertEqual(input.series.series.count, 200 * 7)
        XCTAssertTrue(input.series.series.allSatisfy { $0.years == [2021, 2022, 2023, 2024, 2025] })
        let yb = input.registry.record(name: "重庆市渝北经济和信息化委员会（本级）", region: "渝北区")
        XCTAssertEqual(yb?.name, "重庆市渝北区经济和信息化委员会")
    }
}
