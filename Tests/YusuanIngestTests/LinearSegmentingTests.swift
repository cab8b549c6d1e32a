import XCTest
import YusuanCore
@testable import YusuanIngest

/// Segmenting a long table is linear (issue #16: one table of 40,000 rows took 15 s, 80,000 rows
/// 82 s, because each appended row copied the rows before it). Counted, not timed: the row array
/// may move only when it grows, about log₂ n times; a copy per row moves it n times.
final class LinearSegmentingTests: XCTestCase {
    func testAppendingRowsDoesNotCopyTheTable() throws {
        var text = ["测试局2025年部门预算情况说明", "", "测试局2025年项目支出明细表", "单位：万元", "项目名称\t科目编码\t金额"]
        for i in 0..<20_000 { text.append("项目\(i)\t2010101\t\(i % 1000).50") }
        let lines = text.enumerated().map { SourceLine(number: $0.offset + 1, text: Substring($0.element)) }
        let segmented = Segmented(lines: lines)
        XCTAssertEqual(segmented.blocks.map(\.lines.count), [20_001], "the header and the rows")
        XCTAssertGreaterThan(segmented.rowArrayMoves, 0)
        XCTAssertLessThanOrEqual(segmented.rowArrayMoves, 40, "2 log₂ 20,000 ≈ 29; a copy per row would be 20,000")
    }
}
