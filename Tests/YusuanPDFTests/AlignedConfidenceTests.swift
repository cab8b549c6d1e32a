import XCTest
@testable import YusuanPDF

/// The rules that keep space-aligned text (`pdftotext -layout`) from giving wrong figures: rows are
/// placed by the rows that fill every column, and a row that cannot be placed with confidence is
/// marked unsure (its facts are then not read, and that is said). Inputs are cut from the layout
/// text of the round-trip PDFs, as pdftotext printed them.
final class AlignedConfidenceTests: XCTestCase {
    func cells(_ lines: [Substring]) -> (rows: [[String]], unsure: Set<Int>) {
        let m = AlignedText.marked(lines)
        return (m.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }, m.unsure)
    }

    /// Chromium's page 2 is on a grid of its own (squeezed, moved): its two-figure rows stand 5
    /// characters left of page 1's columns. Mapped as the full rows around them are, they land in
    /// 总计 | 基本支出 and 总计 | 项目支出 as printed.
    func testRowsPlacedByTheFullRowsAroundThem() {
        let lines: [Substring] = [
            " 科目编码 科目名称                            总计            基本支出 项目支出",
            " 合计                                      90,285.04 5,688.72 84,596.32",
            "       201 一般公共服务支出                      11,637.89 2,610.16 9,027.73",
            "\u{0C}    20103 政府办公厅（室）及相关机构事务           4,796.87 922.64 3,874.23",
            "  2010301 行政运行                        402.63 402.63",
            "  2010302 一般行政管理事务                  3,782.23          3,782.23",
            "  2010350 事业运行                        520.02 520.02",
            "  2010399 其他政府办公厅（室）及相关机构事务支出          92.00             92.00",
            "    20104 发展与改革事务                   1,104.64 135.64 969.00",
            "  2010401 行政运行                        135.64 135.64",
            "  2010402 一般行政管理事务                    969.00            969.00",
            "    20106 财政事务                      2,433.01 69.01 2,364.00",
            "  2010601 行政运行                         69.01 69.01",
            "  2010602 一般行政管理事务                  2,364.00          2,364.00",
            "    20113 商贸事务                      1,653.02 471.52 1,181.50",
            "  2011301 行政运行                        153.33 153.33",
            "  2011302 一般行政管理事务                    471.50            471.50",
        ]
        let (rows, unsure) = cells(lines)
        XCTAssertEqual(rows[4].suffix(3), ["402.63", "402.63", ""])
        XCTAssertEqual(rows[5].suffix(3), ["3,782.23", "", "3,782.23"])
        XCTAssertEqual(rows[12].suffix(3), ["69.01", "69.01", ""])
        XCTAssertEqual(rows[16].suffix(3), ["471.50", "", "471.50"])
        XCTAssertEqual(unsure, [])
    }

    /// Chromium packs figures one space apart, pushing each against the one before: a run of such
    /// figures fills neighbouring columns, whatever their lengths (a shorter figure ends early).
    func testFiguresOneSpaceApartFillNeighbouringColumns() {
        let lines: [Substring] = [
            " 功能分类科目                               2023年预算数 2024年预算数                                    2024年预算比2023年预算增幅%",
            " 科目编码 科目名称                                          小计           基本支出 项目支出",
            " 合计                                    5,250,786.00 8,840,127.35 3,450,127.35 5,390,000.00 68%",
            "        201 一般公共服务支出                   4,427,667.12 8,041,872.51 2,651,872.51 5,390,000.00 82%",
            "      20103 政府办公厅（室）及相关机构事务            4,427,667.12 8,041,872.51 2,651,872.51 5,390,000.00 82%",
            "    2010301 行政运行                       2,597,810.56 2,090,081.41 2,090,081.41              -20%",
            "    2010302 一般行政管理事务                     900,000.00 5,290,000.00              5,290,000.00 488%",
            "    2010350 事业运行                         929,856.56 561,791.10 561,791.10                  -40%",
            "    2010399 其他政府办公厅（室）及相关机构事务支出                       100,000.00                100,000.00 #DIV/0!",
            "        208 社会保障和就业支出                    430,950.72 418,812.96 418,812.96                  -3%",
            "      20805 行政事业单位养老支出                   430,950.72 418,812.96 418,812.96                  -3%",
            "    2080505 机关事业单位基本养老保险缴费支出             245,940.48 237,848.64 237,848.64                  -3%",
            "    2080506 机关事业单位职业年金缴费支出               122,970.24 118,924.32 118,924.32                  -3%",
            "    2080599 其他行政事业单位养老支出                  62,040.00 62,040.00 62,040.00                    0%",
            "        210 卫生健康支出                       180,112.80 173,455.40 173,455.40                  -4%",
            "      21011 行政事业单位医疗                     180,112.80 173,455.40 173,455.40                  -4%",
            "    2101101 行政单位医疗                       145,798.40 147,337.40 147,337.40                  1%",
            "    2101102 事业单位医疗                        34,314.40 26,118.00 26,118.00                    -24%",
        ]
        let (rows, unsure) = cells(lines)
        XCTAssertEqual(rows[7].suffix(5), ["929,856.56", "561,791.10", "561,791.10", "", "-40%"])
        XCTAssertEqual(rows[17].suffix(5), ["34,314.40", "26,118.00", "26,118.00", "", "-24%"])
        XCTAssertEqual(rows[6].suffix(5), ["900,000.00", "5,290,000.00", "", "5,290,000.00", "488%"])
        XCTAssertFalse(unsure.contains(7) || unsure.contains(17) || unsure.contains(6))
    }

    /// A row whose amount stands between two columns, no nearer one than the other, is unsure.
    func testRowBetweenTwoColumnsIsUnsure() {
        let lines: [Substring] = [
            "科目编码 科目名称          合计        甲        乙        丙",
            "201      一般公共服务支出  2,106.66  1,503.52    603.14     10.00",
            "20101    人大事务      1,000.00    990.00      5.00      5.00",
            "2010101  行政运行                       120.00",
            "20102    政协事务      1,106.66    513.52    583.14     10.00",
        ]
        let (rows, unsure) = cells(lines)
        // 120.00 ends midway between 甲 and 乙.
        XCTAssertEqual(unsure, [3], "\(rows)")
        XCTAssertEqual(rows[2].suffix(4), ["1,000.00", "990.00", "5.00", "5.00"])
    }

    /// A 三公 table whose figures row prints no zeros: eight figures under headings that name more
    /// places; which of them are blank cannot be told.
    func testFiguresAloneUnderMoreHeadingsAreUnsure() {
        let lines: [Substring] = [
            " 合计         因公出国（境） 公务用车购置及运行                         公务接待 合计              因公出国（境） 公务用车购置及运行                          公务接待",
            "            费         费                               费                    费       费                                  费",
            "                  小计              公务用车购置 公务用车运行                                    小计             公务用车购置 公务用车运行",
            "                                  费      费                                                        费      费",
            "    60,000.00          40,000.00            40,000.00 20,000.00 125,000.00              55,000.00           55,000.00 70,000.00",
        ]
        XCTAssertEqual(cells(lines).unsure, [4])
    }

    /// Headings pdftotext printed left of their figures: 总计 over no column, left of every amount.
    /// Which heading names which figures cannot be told: the block's amounts are unsure.
    func testHeadingLeftOfEveryAmountMakesTheBlockUnsure() {
        let lines: [Substring] = [
            " 科目编码 科目名称                     本年政府性基金预算财政拨款支出",
            "                               总计                         基本支出 项目支出",
            " 合计                                             28,423.72      28,423.72",
            "     211 节能环保支出                                  8,220.00       8,220.00",
            "   21198 超长期特别国债安排的支出                            8,220.00       8,220.00",
        ]
        XCTAssertEqual(cells(lines).unsure, [2, 3, 4])
    }

    /// A label wrapped in its cell (“主管部” / “门”, an office over two lines) is joined back.
    func testWrappedLabelsAreJoined() {
        let lines: [Substring] = [
            " 项目名称 人才服务专项经费                                                                               主管部 109-重庆经济技术开发",
            "                                                                                             门      区管理委员会",
            " 当年预算                                                                      58.50",
        ]
        let row = cells(lines).rows[0].filter { !$0.isEmpty }
        XCTAssertEqual(row.suffix(2), ["主管部门", "109-重庆经济技术开发区管理委员会"])
        XCTAssertTrue(cells(lines).rows[1].allSatisfy(\.isEmpty))
    }

    /// A long name pushes the 主管部门 against it, one space apart: where the other rows' 主管部门
    /// start, it is a cell of its own, not part of the name.
    func testWordPushedAgainstANameIsItsOwnCell() {
        let lines: [Substring] = [
            " 39 公共卫生惠民服务专项      733-重庆市万盛经济技术开发区卫生健康局               2,542.0",
            " 40 医疗卫生体制改革专项      733-重庆市万盛经济技术开发区卫生健康局                 170.0",
            " 41 医疗服务与能力提升专项     733-重庆市万盛经济技术开发区卫生健康局                 611.3",
            " 42 医疗卫生系统重点建设及采购专项 733-重庆市万盛经济技术开发区卫生健康局               3,815.6",
        ]
        let (rows, unsure) = cells(lines)
        XCTAssertEqual(rows[3], ["42", "医疗卫生系统重点建设及采购专项", "733-重庆市万盛经济技术开发区卫生健康局", "3,815.6"])
        XCTAssertEqual(unsure, [])
        // Spaced-out words stay one piece (“因 公 出 国”), and marks of one character stay with theirs.
        var t = [AlignedText.tokens("  因 公 出 国 费      12.00", wide: false), AlignedText.tokens("  公务接待 费        10.00", wide: false)]
        AlignedText.splitPushedWords(&t, wide: false, rows: [true, true])
        XCTAssertEqual(t.map { $0.map(\.text) }, [["因 公 出 国 费", "12.00"], ["公务接待 费", "10.00"]])
    }

    /// A line of figures alone, offset above its row, does not say where the block's rows start: a
    /// name wrapped onto lines of its own below a row stays in the block, and the rows after it keep
    /// the block's columns.
    func testWrappedNameLinesKeepTheBlock() {
        let lines: [Substring] = [
            "                                 2,946.25    2,940.05",
            "                     合计",
            "201   05        行政事业单位养老支出       326.72       326.72",
            "208   05   05                   160.75       160.75",
            "                机关事业单位基本养老保险",
            "                缴费支出",
            "",
            "208   05   06                    80.38        80.38",
            "208   05   99   其他行政事业单位养老支出      0.94         0.94",
        ]
        let rows = cells(lines).rows
        XCTAssertEqual(rows[7].count, rows[2].count)
        XCTAssertEqual(rows[7].suffix(2), ["80.38", "80.38"])
        XCTAssertEqual(rows[8].suffix(2), ["0.94", "0.94"])
    }

    /// pdftotext's page grids differ by a scale and a shift: a later page is mapped by both (here
    /// moved 10 characters left, which no scale alone mends).
    func testPageGridsAreScaledAndMoved() {
        let lines: [Substring] = [
            "          科目编码 科目名称                            合计                  基本支出",
            "          101  一般公共服务                      1,100.50                 20.00",
            "          101  一般公共服务                      2,100.50                 20.00",
            "          101  一般公共服务                      3,100.50                 20.00",
            "\u{0C}102  国防支出                        4,200.50                 30.00",
            "102  国防支出                        5,200.50                 30.00",
            "102  国防支出                        6,200.50                 30.00",
        ]
        let out = AlignedText.tabulate(lines)
        XCTAssertEqual(out[1], "101\t一般公共服务\t1,100.50\t20.00")
        XCTAssertEqual(out[4], "102\t国防支出\t4,200.50\t30.00")
        XCTAssertEqual(out[6], "102\t国防支出\t6,200.50\t30.00")
    }
}
