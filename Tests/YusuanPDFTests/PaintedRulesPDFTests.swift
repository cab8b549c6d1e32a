import XCTest
import CCairo
import YusuanCore
import YusuanIngest

/// A third producer (Cairo, the library yusuan draws its charts with), drawing one table's rules
/// in the ways producers do: hairline strokes (thinner than a pixel), a stroked box per cell, thin filled bars over white
/// cell backgrounds with a shaded header. Each reads to the facts of the same table as text; one
/// name is wrapped over two lines in a tall cell with its amounts between them, which only the
/// rules tell apart from two rows.
final class PaintedRulesPDFTests: XCTestCase {
    static let head = ["重庆市渝北区测试局2024年部门预算", "", "2024年渝北区部门一般公共预算财政拨款支出预算表",
                       "部门全称：重庆市渝北区测试局", "单位：元"]
    static let table: [[String]] = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["合计", "", "1,205.00", "1,000.00", "205.00"],
        ["201", "一般公共服务支出", "1,205.00", "1,000.00", "205.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "1,205.00", "1,000.00", "205.00"],
        ["2010301", "行政运行", "1,000.00", "1,000.00", ""],
        ["2010302", "一般行政管理事务", "205.00", "", "205.00"],
    ]
    static let xs: [Double] = [40, 100, 300, 390, 480, 560]
    static let top = 140.0, rowHeight = 22.0
    /// The row of the wrapped name is taller.
    static let heights: [Double] = table.indices.map { $0 == 3 ? 36 : rowHeight }
    static var ys: [Double] { (0...table.count).map { r in top + heights.prefix(r).reduce(0, +) } }

    enum Rules: CaseIterable { case hairlines, cellBoxes, filledBars }

    static func pdf(_ rules: Rules) -> Data {
        BadPDFTests.makePDF(pages: 1) { cr, _ in
            if rules == .filledBars {
                // White cell backgrounds first, then a shaded header row, then the rules as bars.
                cairo_set_source_rgb(cr, 1, 1, 1)
                cairo_rectangle(cr, xs[0], ys[0], xs.last! - xs[0], ys.last! - ys[0]); cairo_fill(cr)
                cairo_set_source_rgb(cr, 0.85, 0.85, 0.85)
                cairo_rectangle(cr, xs[0], ys[0], xs.last! - xs[0], rowHeight); cairo_fill(cr)
                cairo_set_source_rgb(cr, 0, 0, 0)
                for y in ys { cairo_rectangle(cr, xs[0], y - 0.3, xs.last! - xs[0], 0.6) }
                for x in xs { cairo_rectangle(cr, x - 0.3, ys[0], 0.6, ys.last! - ys[0]) }
                cairo_fill(cr)
            }
            cairo_set_source_rgb(cr, 0, 0, 0)
            BadPDFTests.text(cr, head[0], x: 40, y: 50)
            BadPDFTests.text(cr, head[2], x: 40, y: 90)
            BadPDFTests.text(cr, head[3], x: 40, y: 115)
            BadPDFTests.text(cr, head[4], x: 500, y: 115)
            for (r, row) in table.enumerated() {
                for (c, cell) in row.enumerated() where !cell.isEmpty {
                    if r == 3 && c == 1 {
                        BadPDFTests.text(cr, "政府办公厅（室）及", x: xs[c] + 4, y: ys[r] + 13)
                        BadPDFTests.text(cr, "相关机构事务", x: xs[c] + 4, y: ys[r] + 29)
                        continue
                    }
                    var x = xs[c] + 4
                    if c >= 2 && r > 0 {
                        var e = cairo_text_extents_t()
                        cairo_text_extents(cr, cell, &e)
                        x = xs[c + 1] - 4 - e.x_advance
                    }
                    BadPDFTests.text(cr, cell, x: x, y: ys[r] + heights[r] / 2 + 4)
                }
            }
            switch rules {
            case .hairlines:
                // Cairo 1.16 drops strokes of width 0; producers' “hairlines” are 0.05–0.1 pt.
                cairo_set_line_width(cr, 0.1)
                for y in ys { cairo_move_to(cr, xs[0], y); cairo_line_to(cr, xs.last!, y) }
                for x in xs { cairo_move_to(cr, x, ys[0]); cairo_line_to(cr, x, ys.last!) }
                cairo_stroke(cr)
            case .cellBoxes:
                cairo_set_line_width(cr, 0.5)
                for r in 0..<table.count {
                    for c in 0..<(xs.count - 1) { cairo_rectangle(cr, xs[c], ys[r], xs[c + 1] - xs[c], heights[r]) }
                }
                cairo_stroke(cr)
            case .filledBars:
                break
            }
            // A dashed line under the title is no rule.
            cairo_set_line_width(cr, 0.5)
            var dash = [3.0, 2.0]
            cairo_set_dash(cr, &dash, 2, 0)
            cairo_move_to(cr, 40, 97); cairo_line_to(cr, 560, 97); cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        }
    }

    func testEveryWayOfDrawingRulesReadsTheTable() throws {
        let text = (Self.head + Self.table.map { $0.joined(separator: "\t") }).joined(separator: "\n")
        let fromText = try DocumentReader().read(data: Data(text.utf8), name: "table.txt")
        func key(_ f: Fact) -> String { "\(f.table.rawValue) \(f.code ?? "-") \(f.item) \(f.measure.rawValue) \(f.amount.yuanString)" }
        let expected = fromText.facts.map(key)
        XCTAssertEqual(expected.count, 13)
        for rules in Rules.allCases {
            let doc = try DocumentReader().read(data: Self.pdf(rules), name: "table.pdf")
            XCTAssertEqual(doc.facts.map(key), expected, "\(rules)")
            XCTAssertEqual(doc.facts.compactMap(\.page), Array(repeating: 1, count: 13), "\(rules)")
            XCTAssertFalse(doc.coverage.isLow, "\(rules)")
        }
    }
}
