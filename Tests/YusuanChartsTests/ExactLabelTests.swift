import XCTest
import YusuanCore
@testable import YusuanCharts

/// Labels come from exact amounts by the tables' formatter, never from a float.
final class ExactLabelTests: XCTestCase {
    func testMoneyLabelsRoundLikeTheTables() throws {
        // 0.145 万元 is 1,450 元: half away from zero gives 0.15; the float 0.145 would print 0.14.
        let m = Money(fen: 145_000)
        XCTAssertEqual(NumberFormat.grouped(m.value(in: .wanyuan)), "0.14")
        var spec = BarChartSpec(title: "t", unit: "万元", categories: ["甲", "乙"],
                                series: [BarSeries(name: "2025年", amounts: [m, Money(fen: 1_250_000_00)], unit: .wanyuan)])
        spec.moneyUnit = .wanyuan
        let l = BarChartLayout(spec: spec, size: Size(width: 1200, height: 600), measurer: try PangoTextMeasurer())
        XCTAssertEqual(l.valueLabels.map { $0.lines.joined() }, ["0.15 万元", "125.00 万元"])
        XCTAssertEqual(m.decimalString(in: .wanyuan, places: 2), "0.15")
    }

    func testAStackedBarIsLabelledWithItsPrintedTotal() throws {
        // Parts printed for one year only; the other year shows its printed total, not 0.00.
        let u = MoneyUnit.wanyuan
        var spec = BarChartSpec(title: "三公", unit: "万元", categories: ["2024*", "2025"], series: [
            BarSeries(name: "公务接待", amounts: [.zero, Money(fen: 8_000_000)], unit: u),
            BarSeries(name: "未列明细", amounts: [Money(fen: 43_600_000), Money(fen: 35_600_000)], unit: u),
        ], style: .stacked)
        spec.moneyUnit = u
        spec.totals = [Money(fen: 43_600_000), Money(fen: 43_600_000)]
        let l = BarChartLayout(spec: spec, size: Size(width: 1200, height: 600), measurer: try PangoTextMeasurer())
        let ends = l.valueLabels.map { $0.lines.joined() }.filter { $0.hasSuffix("万元") }
        XCTAssertEqual(ends, ["43.60 万元", "43.60 万元"])
    }
}
