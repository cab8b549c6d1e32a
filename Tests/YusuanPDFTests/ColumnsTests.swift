import XCTest
@testable import YusuanPDF

final class ColumnsTests: XCTestCase {
    func testSpaceAlignedLinesBecomeCells() {
        let lines: [Substring] = [
            "                收入决算表",
            "科目编码  科目名称          合计      基本支出   项目支出",
            "201       一般公共服务支出  2,106.66  1,503.52   603.14",
            "20106     财政事务              10.00              10.00",
            "说明：本表金额单位为万元。",
        ]
        let out = AlignedText.tabulate(lines)
        XCTAssertEqual(out[0], "                收入决算表")
        XCTAssertEqual(out[2], "201\t一般公共服务支出\t2,106.66\t1,503.52\t603.14")
        XCTAssertEqual(out[3], "20106\t财政事务\t10.00\t\t10.00")
        XCTAssertEqual(out[1], "科目编码\t科目名称\t合计\t基本支出\t项目支出")
        XCTAssertEqual(out[4], "说明：本表金额单位为万元。")
    }
}
