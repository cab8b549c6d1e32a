import XCTest
import YusuanCore
import YusuanAnalysis
import YusuanCharts
@testable import YusuanReport

/// Chart titles name their stage; the execution chart draws 年初预算 beside 决算.
final class ExecutionChartTests: XCTestCase {
    let e = EntityRef(region: "普陀区", name: "上海市普陀区财政局")

    /// Amounts in hundredths of 万元 (`299392` is 2,993.92 万元).
    func row(_ code: String?, _ item: String, _ budget: Int64?, _ final: Int64?) -> ExecutionRow {
        let b = budget.map { Money(fen: $0 * 10_000) }, f = final.map { Money(fen: $0 * 10_000) }
        return ExecutionRow(entity: e, year: 2024, code: code, item: item, budget: b, final: f,
                            difference: b.flatMap { b in f.map { $0 - b } }, rate: b.flatMap { b in f.flatMap { Percent.ratio($0, b) } },
                            sources: ["putuo-2024-final-caizhengju.txt"])
    }

    func testTitlesNameTheStage() {
        XCTAssertEqual(BudgetCharts.sangongTitle(.budget), "“三公”经费预算")
        XCTAssertEqual(BudgetCharts.sangongTitle(.final), "“三公”经费决算")
    }

    func testExecutionChart() throws {
        let rows = [row(nil, "合计", 299392, 294005), row("201", "一般公共服务支出", nil, 210666),
                    row("2010601", "行政运行", 156005, 151189), row(nil, "“三公”经费合计", 95, 0),
                    row(nil, "公务接待费", 95, 0)]
        let spec = try XCTUnwrap(BudgetCharts.execution(rows, sources: ["putuo-2024-final-caizhengju.txt"]))
        XCTAssertEqual(spec.title, "上海市普陀区财政局 2024年预算执行：年初预算与决算")
        XCTAssertEqual(spec.subtitle, "一般公共预算财政拨款支出，按科目；合计年初预算 2,993.92 万元，决算 2,940.05 万元，执行率 98.20%")
        XCTAssertEqual(spec.categories, ["2010601 行政运行"], "a 类 without 年初预算 is not drawn")
        XCTAssertEqual(spec.series.map(\.name), ["年初预算", "决算"])
        XCTAssertEqual(spec.series.map(\.values), [[1560.05], [1511.89]])
        let parts = try XCTUnwrap(BudgetCharts.execution(rows, sangong: true, sources: []))
        XCTAssertEqual(parts.categories, ["“三公”经费合计", "公务接待费"])
        XCTAssertEqual(parts.subtitle, "“三公”经费，按项目，执行率 0.00%")
    }
}
