import XCTest
@testable import YusuanPDF

final class ColumnsTests: XCTestCase {
    /// What `pdftotext -layout` writes: one character a column, whatever its width.
    func testSpaceAlignedByCharacterCount() {
        let lines: [Substring] = [
            "                收入决算表",
            "科目编码  科目名称          合计      基本支出   项目支出",
            "201       一般公共服务支出  2,106.66  1,503.52     603.14",
            "20106     财政事务             10.00                10.00",
            "说明：本表金额单位为万元。"
        ]
        let out = AlignedText.tabulate(lines)
        XCTAssertEqual(out[0], "                收入决算表")
        XCTAssertEqual(out[2], "201\t一般公共服务支出\t2,106.66\t1,503.52\t603.14")
        XCTAssertEqual(out[3], "20106\t财政事务\t10.00\t\t10.00")
        XCTAssertEqual(out[1], "科目编码\t科目名称\t合计\t基本支出\t项目支出")
        XCTAssertEqual(out[4], "说明：本表金额单位为万元。")
        XCTAssertTrue(AlignedText.isSpaceAligned(lines + lines))
    }

    /// A table typed in a CJK editor: a Chinese character takes two columns.
    func testSpaceAlignedByDisplayWidth() {
        let lines: [Substring] = [
            "科目编码  科目名称            合计        基本支出    项目支出",
            "201       一般公共服务支出        2,106.66    1,503.52      603.14",
            "20106     财政事务                   10.00                   10.00"
        ]
        let out = AlignedText.tabulate(lines)
        XCTAssertEqual(out[1], "201\t一般公共服务支出\t2,106.66\t1,503.52\t603.14")
        XCTAssertEqual(out[2], "20106\t财政事务\t10.00\t\t10.00")
    }

    /// pdftotext leaves one space between two columns of figures, and between a word and a figure.
    func testSingleSpacesBetweenFigures() {
        let t = AlignedText.tokens("  合计               5,250,786.00 8,840,127.35 行政运行 2,090,081.41", wide: false)
        XCTAssertEqual(t.map(\.text), ["合计", "5,250,786.00", "8,840,127.35", "行政运行", "2,090,081.41"])
        XCTAssertEqual(AlignedText.tokens("因 公 出 国  12.00", wide: false).map(\.text), ["因 公 出 国", "12.00"])
    }

    /// Prose is never cut into cells, even with figures and a double space in it.
    func testProseStaysWhole() {
        let l: Substring = "本年收入合计2946.25万元，其中：  财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；合计说明如下"
        XCTAssertFalse(AlignedText.isTableLine(l))
    }
}
