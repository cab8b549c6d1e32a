import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanPDF

/// What `pdftotext -layout` makes of a PDF: space-aligned text, read by how its figures line up.
/// Weaker than the PDF itself (pdftotext shifts CJK text against figures, and prints amounts of a
/// top-aligned cell on a line of their own); what is not read must be said, loudly.
final class LayoutTextTests: XCTestCase {
    func layoutText(_ pdf: String) throws -> Data {
        guard let out = try runTool("/usr/bin/pdftotext", ["-layout", pdfFixtures.appendingPathComponent(pdf).path, "-"]) else {
            throw XCTSkip("pdftotext (poppler-utils) is not installed: `make test` installs it")
        }
        return out
    }

    func testPutuoLayoutText() throws {
        let doc = try DocumentReader().read(data: layoutText("putuo-caizhengju-2024-final.pdf"), name: "putuo.txt")
        XCTAssertEqual(doc.identity.regionCode, "310107")
        XCTAssertEqual(doc.identity.stage, .final)
        XCTAssertNil(doc.pageCount)
        let transcribed = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen/putuo-2024-final-caizhengju.txt"))
        // A table printed without offsets reads exactly.
        let general: (ParsedDocument) -> [Fact] = { $0.facts.filter { $0.table == .generalBudgetByFunction } }
        XCTAssertEqual(general(doc).count, 44)
        XCTAssertEqual(missing(general(transcribed), from: general(doc)).map(\.description), [])
        // The rest is not all read, and that is said: coverage below 95 %, a warning on each row.
        XCTAssertTrue(doc.coverage.isLow, "\(doc.coverage)")
        XCTAssertGreaterThan(doc.coverage.missed, 0)
        XCTAssertGreaterThanOrEqual(doc.warnings.filter { ["unread-amounts", "unread-row", "unmapped-column"].contains($0.rule) }.count, doc.coverage.missed / 4)
        // Rows whose figures could stand in other columns give no facts, each said.
        let unsure = doc.warnings.filter { $0.args?[Diagnostic.keyArgument] == "warn.aligned-unsure" }
        XCTAssertGreaterThan(unsure.count, 0)
        XCTAssertTrue(unsure.allSatisfy { w in !doc.facts.contains { $0.line == w.line && $0.table != .narrative } })
    }

    /// The 渝北 sample printed to PDF and back through pdftotext: the version before this one read 61
    /// of its 290 facts and warned of nothing.
    func testYubeiLayoutTextIsReadOrSaidSo() throws {
        let doc = try DocumentReader().read(data: layoutText("roundtrip/yubei-2024-linkong-chromium.pdf"), name: "yubei.txt")
        let sample = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/yubei-2024-linkong.txt"))
        XCTAssertGreaterThanOrEqual(doc.facts.count, 200)
        // Not all of it is right (pdftotext moves figures against their columns), and that is said.
        XCTAssertTrue(doc.coverage.isLow, "\(doc.coverage)")
        XCTAssertGreaterThanOrEqual(doc.warnings.count, 20)
        XCTAssertEqual(doc.identity.entity, sample.identity.entity)
        XCTAssertEqual(doc.facts.filter { $0.table == .narrative }.count, sample.facts.filter { $0.table == .narrative }.count)
    }

    /// The table facts (narrative left out) of the layout text of `pdf` that are those of
    /// `reference`, and those that are not (wrong or extra). Facts derived from the narrative (a
    /// 三公 table's figures restated in prose, taken when the table's row was not read) are no
    /// reading of the table's columns, and are left out on both sides.
    func tableFacts(_ pdf: String, against reference: ParsedDocument) throws -> (same: Int, wrong: [FactKey]) {
        let doc = try DocumentReader().read(data: layoutText(pdf), name: "layout.txt")
        let tables: (ParsedDocument) -> [Fact] = { $0.facts.filter { $0.table != .narrative && !$0.derived } }
        let wrong = missing(tables(doc), from: tables(reference))
        return (tables(doc).count - wrong.count, wrong)
    }

    /// Each producer's layout, read against the sample it was printed from: the table facts that
    /// are the sample's (at least) and those that are not (at most). Before wrapped numbers were
    /// joined and crowded columns parted, compare-facts.py counted 149, 127, 282, 1 and 93 right;
    /// before rows were placed by the full rows (and left unread where they cannot be), this test
    /// (derived facts then counted) gave 214 (5 wrong), 195 (10), 349 (228), 48 (17) and 95 (165).
    /// The wrong that are left:
    /// 渝北 by Chromium, a 合计 read in a table of 政府预算经济分类 whose 合计 stands in a column of
    /// its own; 潼南, four project names its PDF printed garbled (the sample's own text, “提前丁下达”),
    /// cut short by the wrap. 潼南 reads few: its headings came out garbled and its tables run
    /// together, so most of its rows cannot be placed, and are said.
    func testRoundTripLayoutCounts() throws {
        let cases: [(pdf: String, sample: String, same: Int, wrong: Int)] = [
            ("roundtrip/yubei-2024-linkong-libreoffice.pdf", "yubei-2024-linkong.txt", 210, 0),
            ("roundtrip/yubei-2024-linkong-chromium.pdf", "yubei-2024-linkong.txt", 189, 1),
            ("roundtrip/cqjkq-2025-guanweihui-chromium.pdf", "cqjkq-2025-guanweihui.txt", 299, 0),
            ("roundtrip/wansheng-2025-special-funds-chromium.pdf", "wansheng-2025-special-funds.txt", 65, 0),
            ("roundtrip/tongnan-2024-jingxinwei-chromium.pdf", "tongnan-2024-jingxinwei.txt", 22, 4),
        ]
        for c in cases {
            let sample = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/" + c.sample))
            let (same, wrong) = try tableFacts(c.pdf, against: sample)
            XCTAssertGreaterThanOrEqual(same, c.same, c.pdf)
            XCTAssertLessThanOrEqual(wrong.count, c.wrong, c.pdf)
        }
    }

    /// 万盛's 绩效目标表 laid out with their labels split over lines (“2025” / “年预算”) mostly do
    /// not read; their figures are no printed amounts of the coverage count, so the shortfall is a
    /// warning of its own: never 100 % in silence.
    func testPerformanceTablesNotReadAreSaid() throws {
        let doc = try DocumentReader().read(data: layoutText("roundtrip/wansheng-2025-special-funds-chromium.pdf"), name: "layout.txt")
        let said = doc.warnings.filter { $0.args?[Diagnostic.keyArgument] == "warn.performance-unread" }
        XCTAssertEqual(said.count, 1, "\(doc.warnings)")
        XCTAssertEqual(said.first?.args?["tables"], "52")
        let read = doc.facts.filter { $0.table == .project }.count
        XCTAssertEqual(said.first?.args?["read"], String(read))
        XCTAssertLessThan(read, 52)
        // The sample itself reads every one of its 52: no such warning.
        let sample = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/wansheng-2025-special-funds.txt"))
        XCTAssertFalse(sample.warnings.contains { $0.args?[Diagnostic.keyArgument] == "warn.performance-unread" })
        XCTAssertEqual(sample.facts.filter { $0.table == .project }.count, 52)
    }

    /// LibreOffice wraps a number too wide for its cell (“8,840,127.3” over “5”, the row's label
    /// between): the tail is joined back, and the row reads whole.
    func testWrappedNumberIsJoined() {
        let lines: [Substring] = [
            "科目编码      科目名称                          总计            基本支出           项目支出",
            "",
            "                                        8,840,127.3   3,450,127.3",
            "合计                                                                   5,390,000.00",
            "                                        5             5",
            "",
            "2010350   事业运行                          561,791.10       561,791.10",
        ]
        let out = AlignedText.tabulate(lines)
        XCTAssertEqual(out[3], "合计\t\t8,840,127.35\t3,450,127.35\t5,390,000.00")
        XCTAssertEqual(out[4], "")
        XCTAssertEqual(out[6], "2010350\t事业运行\t561,791.10\t561,791.10\t")
        // A short figure below an amount in full is its own (a count, a row of its own).
        XCTAssertFalse(AlignedText.isWholeAmount("8,840,127.3"))
        XCTAssertTrue(AlignedText.isWholeAmount("8,840,127.35"))
        XCTAssertFalse(AlignedText.isWholeAmount("8,84,127.35"))
    }

    /// Chromium's layout packs figures one space apart, so a column of amounts ends 3 characters
    /// left of the percentages beside it: two figures of one row never share a column.
    func testFiguresOfOneRowStayApart() {
        let lines: [Substring] = [
            " 功能分类科目                               2023年预算数 2024年预算数                                    2024年预算比2023年预算增幅%",
            " 科目编码 科目名称                                          小计           基本支出 项目支出",
            " 合计                                    5,250,786.00 8,840,127.35 3,450,127.35 5,390,000.00 68%",
            "    2010301 行政运行                       2,597,810.56 2,090,081.41 2,090,081.41              -20%",
            "    2010302 一般行政管理事务                     900,000.00 5,290,000.00              5,290,000.00 488%",
            "    2010350 事业运行                         929,856.56 561,791.10 561,791.10                  -40%",
            "    2080505 机关事业单位基本养老保险缴费支出             245,940.48 237,848.64 237,848.64                  -3%",
        ]
        let out = AlignedText.tabulate(lines).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(out[2].first, "合计")
        XCTAssertEqual(out[2].suffix(5), ["5,250,786.00", "8,840,127.35", "3,450,127.35", "5,390,000.00", "68%"])
        XCTAssertEqual(out[3].suffix(6), ["行政运行", "2,597,810.56", "2,090,081.41", "2,090,081.41", "", "-20%"])
        XCTAssertEqual(out[4].suffix(6), ["一般行政管理事务", "900,000.00", "5,290,000.00", "", "5,290,000.00", "488%"])
        XCTAssertEqual(out[5].suffix(6), ["事业运行", "929,856.56", "561,791.10", "561,791.10", "", "-40%"])
        XCTAssertEqual(out[6].suffix(6), ["机关事业单位基本养老保险缴费支出", "245,940.48", "237,848.64", "237,848.64", "", "-3%"])
    }

    /// pdftotext lays out each page on its own grid: a table running on over a page break (a form
    /// feed) is squeezed there, and the next page is scaled back onto the first's columns.
    func testPageGridsAreRegistered() {
        let lines: [Substring] = [
            "科目编码 科目名称                             合计                基本支出",
            "101  一般公共服务                     1,100.50               20.00",
            "101  一般公共服务                     2,100.50               20.00",
            "101  一般公共服务                     3,100.50               20.00",
            "\u{0C}102  国防支出                  4,200.50            30.00",
            "102  国防支出                  5,200.50            30.00",
            "102  国防支出                  6,200.50            30.00",
        ]
        let out = AlignedText.tabulate(lines)
        XCTAssertEqual(out[1], "101\t一般公共服务\t1,100.50\t20.00")
        XCTAssertEqual(out[4], "102\t国防支出\t4,200.50\t30.00")
        XCTAssertEqual(out[6], "102\t国防支出\t6,200.50\t30.00")
    }

    /// The 上海普陀 PDF's layout text against the PDF itself (read exactly: see PutuoPDFTests).
    func testPutuoLayoutCounts() throws {
        let (same, wrong) = try tableFacts("putuo-caizhengju-2024-final.pdf", against: readPDF("putuo-caizhengju-2024-final.pdf"))
        // Was 96 (73 wrong). The 4 left: 基本支出 rows whose names wrap onto lines of their own,
        // read with the name cut short.
        XCTAssertGreaterThanOrEqual(same, 144)
        XCTAssertLessThanOrEqual(wrong.count, 4)
    }

    /// Columns no row fills (上级补助收入, 事业收入, 经营收入 of a 收入决算表) still have headings:
    /// they are columns of their own, so the headings beside them stay over their figures.
    func testHeadingsOverEmptyColumns() {
        let lines: [Substring] = [
            "                项目                                                          附属单",
            "                               本年收入合        财政拨款收        上级补助   事业收   经营收         其他收",
            "  支出功能分类                                                                    位上",
            "                     科目名称        计            入           收入     入     入           入",
            "   科目编码                                                                     缴收入",
            "",
            "                                 2,946.25    2,940.05                              6.20",
            " 类   款  项",
            "                     合计",
            "",
            "201             一般公共服务支出         2,112.86     2,106.66                             6.20",
            "201   06        财政事务             2,112.86   2,106.66                               6.20",
            "201   06   01   行政运行           1,511.90     1,511.89                               0.01",
            "201   06   02   一般行政管理事务          16.19        10.00                               6.19"
        ]
        let out = AlignedText.tabulate(lines).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let heads = out[1], row = out[12]
        XCTAssertEqual(heads.count, row.count)
        XCTAssertEqual(row.prefix(4), ["201", "06", "01", "行政运行"])
        XCTAssertEqual(row.filter { !$0.isEmpty }.suffix(3), ["1,511.90", "1,511.89", "0.01"])
        XCTAssertEqual(heads[row.firstIndex(of: "1,511.89")!], "财政拨款收")
        XCTAssertEqual(heads[row.firstIndex(of: "0.01")!], "其他收")
        XCTAssertTrue(heads.contains("上级补助") && heads.contains("事业收") && heads.contains("经营收"), "\(heads)")
    }
}
