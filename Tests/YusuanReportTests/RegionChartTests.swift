import XCTest
import YusuanAnalysis
import YusuanCore
import YusuanReport

/// A 三公 chart with the same entity name in 上海普陀区 and 舟山普陀区 labels each bar with its region.
final class RegionChartTests: XCTestCase {
    func testSameNameInTwoRegionsIsLabelled() throws {
        func f(_ code: String, _ province: String, _ fen: Int64) -> Fact {
            Fact(document: "\(code).txt", line: 1, column: 0, region: "普陀区", entity: "普陀区财政局", entityCode: nil,
                 year: 2024, stage: .budget, table: .sangong, code: nil, item: "合计", measure: .total,
                 amount: Money(fen: fen), sourceUnit: .yuan, derived: false, regionCode: code, province: province)
        }
        let facts = [f("310107", "上海市", 100_00), f("330903", "浙江省", 200_00)]
        let input = AnalysisInput(facts: facts)
        let rows = Sangong.rows(input.series, years: []).rows
        let spec = try XCTUnwrap(BudgetCharts.sangong(rows, sources: []))
        XCTAssertEqual(spec.categories, ["上海普陀区 普陀区财政局 2024", "舟山普陀区 普陀区财政局 2024"])
    }
}
