import XCTest
import YusuanCore
import YusuanIngest

/// The real 上海市普陀区财政局 2024 部门决算 (ONLYOFFICE, 25 pages, 万元), read from the PDF itself.
/// Figures checked by hand against the rendered pages.
final class PutuoPDFTests: XCTestCase {
    static let doc = Result { try readPDF("putuo-caizhengju-2024-final.pdf") }

    func fact(_ table: TableKind, code: String? = nil, item: String? = nil, _ measure: Measure = .total,
              file: StaticString = #filePath, line: UInt = #line) throws -> Fact {
        let doc = try Self.doc.get()
        let hits = doc.facts.filter { $0.table == table && $0.measure == measure && !$0.derived
            && (code == nil || $0.code == code) && (item == nil || $0.item == item) }
        return try XCTUnwrap(hits.first, "no \(table) \(code ?? "") \(item ?? "") \(measure)", file: file, line: line)
    }

    func testIdentityAndPages() throws {
        let doc = try Self.doc.get()
        XCTAssertEqual(doc.identity.region, "普陀区")
        XCTAssertEqual(doc.identity.regionCode, "310107")
        XCTAssertEqual(doc.identity.province, "上海市")
        XCTAssertEqual(doc.identity.entity, "上海市普陀区财政局")
        XCTAssertEqual(doc.identity.year, 2024)
        XCTAssertEqual(doc.identity.stage, .final)
        XCTAssertEqual(doc.pageCount, 25)
        XCTAssertEqual(doc.unit, .wanyuan)
        // Every fact knows its page, and it is the page its line was read from.
        let source = try SourceText.load(data: Data(contentsOf: pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf")), name: "p.pdf")
        for f in doc.facts {
            XCTAssertEqual(f.page, source.pages?.page(ofLine: f.line), "\(f.line)")
            XCTAssertEqual(source.geometry[f.line - 1]?.page, f.page)
        }
    }

    func testSummaryTableAcrossPagesSixAndSeven() throws {
        let income = try fact(.summary, item: "一、一般公共预算财政拨款收入")
        XCTAssertEqual(income.amount.yuanString, "29400500.00")
        XCTAssertEqual(income.page, 6)
        XCTAssertEqual(try fact(.summary, item: "本年收入合计").amount.yuanString, "29462500.00")
        XCTAssertEqual(try fact(.summary, item: "八、其他收入").amount.yuanString, "62000.00")
        // The rows after the page break, with no header of their own.
        let carried = try fact(.summary, item: "年初结转和结余")
        XCTAssertEqual(carried.amount.yuanString, "491400.00")
        XCTAssertEqual(carried.page, 7)
        let totals = try Self.doc.get().facts.filter { $0.table == .summary && $0.item == "总计" && $0.page == 7 }
        XCTAssertEqual(totals.map(\.amount.yuanString), ["29953900.00", "29953900.00"])
    }

    func testExpenditureTableWithOffsetAmountsAndSplitCodes() throws {
        // Amounts printed a few points above their label; codes in 类 | 款 | 项 columns.
        let run = try fact(.expenditureByFunction, code: "2010601")
        XCTAssertEqual(run.item, "行政运行")
        XCTAssertEqual(run.amount.yuanString, "15118900.00")
        XCTAssertEqual(run.page, 10)
        XCTAssertEqual(try fact(.expenditureByFunction, code: "2010601", .basic).amount.yuanString, "15035200.00")
        XCTAssertEqual(try fact(.expenditureByFunction, code: "2010601", .project).amount.yuanString, "83700.00")
        XCTAssertEqual(try fact(.expenditureByFunction, code: "201", .project).amount.yuanString, "6031400.00")
        // A name wrapped over two lines inside its cell, beside a code split over three columns.
        let pension = try fact(.expenditureByFunction, code: "2080505")
        XCTAssertEqual(pension.item, "机关事业单位基本养老保险缴费支出")
        XCTAssertEqual(pension.amount.yuanString, "1607500.00")
        // The table crosses p10 → p11 without a header.
        let other = try fact(.expenditureByFunction, code: "2080599")
        XCTAssertEqual(other.page, 11)
        XCTAssertEqual(other.amount.yuanString, "9400.00")
    }

    func testIncomeAndGeneralBudgetTables() throws {
        let admin = try fact(.incomeByFunction, code: "2010602")
        XCTAssertEqual(admin.amount.yuanString, "161900.00")
        XCTAssertEqual(admin.page, 8)
        XCTAssertEqual(try fact(.incomeByFunction, code: "2010602", .other).amount.yuanString, "61900.00")
        XCTAssertEqual(try fact(.incomeByFunction, code: "2080506").item, "机关事业单位职业年金缴费支出")
        let total = try Self.doc.get().facts.filter { $0.table == .generalBudgetByFunction && $0.code == nil && $0.page == 15 }
        XCTAssertEqual(Set(total.map { "\($0.measure.rawValue) \($0.amount.yuanString)" }),
                       ["total 29400500.00", "basic 23369100.00", "project 6031400.00"])
        XCTAssertEqual(try fact(.generalBudgetByFunction, code: "2210203").amount.yuanString, "2585000.00")
    }

    /// The text the readers see: two tables side by side, a 三公 row of 预算数/决算数 pairs, headers
    /// wrapped in tall cells read as one.
    func testReconstructedText() throws {
        let source = try SourceText.load(data: Data(contentsOf: pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf")), name: "p.pdf")
        let lines = source.lines
        XCTAssertTrue(lines.contains("301\t\t工资福利支出\t2,082.85\t302\t\t商品和服务支出\t171.07"))
        XCTAssertTrue(lines.contains("人员经费合计\t\t\t2,152.26\t公用经费合计\t\t\t184.65"))
        XCTAssertTrue(lines.contains("项目\t\t\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入"))
        XCTAssertTrue(lines.contains("0.95\t\t\t\t\t\t\t\t\t\t0.95\t"))
        XCTAssertTrue(lines.contains("208\t05\t05\t机关事业单位基本养老保险缴费支出\t160.75\t160.75\t\t\t\t\t"))
        XCTAssertEqual(source.pageCount, 25)
        XCTAssertEqual(source.pages?.page(ofLine: lines.firstIndex(of: "财政拨款“三公”经费支出决算表")! + 1), 18)
    }
}

extension PutuoPDFTests {
    /// The PDF read by geometry gives exactly the facts of a careful hand transcription of the
    /// same document (Tests/YusuanIngestTests/Fixtures/unseen/putuo-2024-final-caizhengju.txt):
    /// every table, item, measure, stage and amount, nothing more.
    func testSameFactsAsTheHandTranscription() throws {
        let pdf = try Self.doc.get()
        let text = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen/putuo-2024-final-caizhengju.txt"))
        XCTAssertEqual(pdf.facts.count, 245)
        XCTAssertEqual(missing(text.facts, from: pdf.facts).map(\.description), [])
        XCTAssertEqual(missing(pdf.facts, from: text.facts).map(\.description), [])
        XCTAssertEqual(pdf.coverage.printed, 195)
        XCTAssertEqual(pdf.coverage.read, 195)
        XCTAssertEqual(pdf.tables.map(\.kind), text.tables.map(\.kind))
    }
}

/// The blank national 决算 template (WPS): all nine tables, not one figure — read as a 决算 with its
/// nine tables present and empty (two with their 空表说明), no fact, and a warning that it is blank.
final class TemplatePDFTests: XCTestCase {
    func testBlankTemplateIsAFinalWithItsTablesPresentAndEmpty() throws {
        let data = try Data(contentsOf: pdfFixtures.appendingPathComponent("template-final-2024.pdf"))
        let doc = try DocumentReader().read(data: data, name: "template-final-2024.pdf")
        XCTAssertEqual(doc.identity.stage, .final)
        XCTAssertEqual(doc.identity.year, 2024)
        // Its department is a placeholder (the audit reports it), never a table's name.
        XCTAssertEqual(doc.identity.entity, "上海市XX局")
        XCTAssertEqual(doc.facts.count, 0)
        XCTAssertEqual(doc.tables.count, 9, "\(doc.tables.map(\.title))")
        XCTAssertTrue(doc.tables.allSatisfy { $0.facts == 0 })
        XCTAssertEqual(doc.tables.filter { $0.note != nil }.map(\.title),
                       ["政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"])
        XCTAssertEqual(doc.warnings.filter { $0.rule == IngestRule.blankForm.rawValue }.map(\.page), [5])
        // A text with no table and no figure is still not a disclosure.
        XCTAssertThrowsError(try DocumentReader().read(data: Data("上海市XX局\n2024年度部门决算\n说明文字。\n".utf8), name: "blank.txt")) { e in
            guard case .notADisclosure(let f, _) = e as? IngestError else { return XCTFail("\(e)") }
            XCTAssertEqual(f, "blank.txt")
        }
        let source = try SourceText.load(data: data, name: "template-final-2024.pdf")
        XCTAssertEqual(source.pageCount, 23)
        for title in ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
                      "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
                      "国有资本经营预算财政拨款收入支出决算表"] {
            XCTAssertTrue(source.lines.contains(title), title)
        }
        XCTAssertTrue(source.lines.contains("30101\t基本工资\t\t30201\t办公费\t"))
    }
}
