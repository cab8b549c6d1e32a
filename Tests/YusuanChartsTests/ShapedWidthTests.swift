import Foundation
import XCTest
@testable import YusuanCharts
import YusuanTestSupport

/// Labels are measured from Pango's items and shaping alone (`shapedWidth`), not through a layout:
/// the widths must be the layout's to the Pango unit, or a label would fit, wrap or shorten
/// differently. Every cell of the four samples (item names, codes, amounts, titles), in the two
/// weights, and text that mixes scripts, widths, punctuation and spaces.
final class ShapedWidthTests: XCTestCase {
    func testEveryLabelIsAsWideAsItsLayout() throws {
        let m = try PangoTextMeasurer()
        var texts: Set<String> = ["", " ", "  两个空格  ", "GDP增长 3.5%", "AVATAR To Wa", "ﬁ office fi", "（一）一般公共服务",
                                  "“三公”经费", "‘引号’ 'quote'", "Ａｂｃ１２３", "合计 884.01 万元 • 91.0%", "较上年 -2.8%",
                                  "2010101\u{3000}行政运行", "…", "政府办公厅（室）及相关机构事务…", "٣ عربى", "עברית abc",
                                  "😀 无字形", "e\u{301} 组合", "a\u{200B}b", "上海普陀区 · 普陀区"]
        for file in Repo.sampleNames {
            let text = try String(contentsOf: Repo.sample(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                for cell in line.split(separator: "\t") { texts.insert(String(cell)) }
            }
        }
        XCTAssertGreaterThan(texts.count, 1000)
        var compared = 0
        for t in texts.sorted() {
            for style in [TextStyle(size: 100), TextStyle(size: 100, weight: .bold), TextStyle(size: 13)] {
                guard let shaped = m.shapedWidth(t, style) else { continue }
                XCTAssertEqual(shaped, m.layoutWidth(t, style), "“\(t)” \(style)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 3000)
        // What a layout treats otherwise is measured by the layout.
        for t in ["a\tb", "两行\n文字", "a\rb", "a\u{2028}b", "a\u{85}b"] {
            XCTAssertNil(m.shapedWidth(t, TextStyle(size: 100)), t)
        }
        XCTAssertEqual(m.width(of: "一\t二", style: TextStyle(size: 100)), m.layoutWidth("一\t二", TextStyle(size: 100)))
    }
}
