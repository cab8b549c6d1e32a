import XCTest
import YusuanTestSupport
import YusuanCore
@testable import YusuanIngest

/// Damaged text as real extraction produces it, and input that must be refused.
final class DamagedInputTests: XCTestCase {
    func cell(_ s: String, _ u: MoneyUnit = .yuan) -> CellValue { Numbers.cell(Substring(s), unit: u) }

    func testNumberCells() {
        XCTAssertEqual(cell("2, 465. 43"), .number(Money(fen: 246543)))
        XCTAssertEqual(cell("550.00.", .wanyuan), .number(Money(fen: 5_500_000_00)))
        XCTAssertEqual(cell("1,100.00", .wanyuan), .number(Money(fen: 1_100_000_000)))
        XCTAssertEqual(cell("１，２３４．５"), .number(Money(fen: 123450)))
        XCTAssertEqual(cell("<p>173,455.4</p>"), .number(Money(fen: 17345540)))
        XCTAssertEqual(cell("0"), .number(.zero))
        XCTAssertEqual(cell("   "), .blank)
        XCTAssertEqual(cell("68%"), .text("68%"))
        XCTAssertEqual(cell("#DIV/0!"), .text("#DIV/0!"))
        XCTAssertEqual(cell("12,34.5"), .text("12,34.5"))
        if case .badNumber(_, let e) = cell(String(repeating: "9", count: 40)) { XCTAssertEqual(e, .tooLarge) } else { XCTFail() }
        if case .badNumber(_, let e) = cell("1.234") { XCTAssertEqual(e, .tooPrecise) } else { XCTFail() }
        XCTAssertEqual(cell("1.234567", .wanyuan), .number(Money(fen: 1_234_567)))
    }

    func testLabelsAndTags() {
        XCTAssertEqual(Clean.label("机关事业单位基本养老保险缴费支 出"), "机关事业单位基本养老保险缴费支出")
        XCTAssertEqual(Clean.label("  GDP 增速 "), "GDP 增速")
        XCTAssertEqual(Clean.label("作台 <i>组</i> 相约"), "作台组相约")
    }

    func testEncodingsAndLineEndingsGiveTheSameFacts() throws {
        let data = try Data(contentsOf: sample("yubei-2024-linkong.txt"))
        let text = String(decoding: data, as: UTF8.self)
        let base = try DocumentReader().read(data: data, name: "a.txt")
        let crlf = try DocumentReader().read(data: Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), name: "a.txt")
        let bom = try DocumentReader().read(data: Data([0xEF, 0xBB, 0xBF]) + data, name: "a.txt")
        XCTAssertEqual(base.facts, crlf.facts)
        XCTAssertEqual(base.facts, bom.facts)
        XCTAssertEqual(base.contentHash, crlf.contentHash)
        // GB18030, converted by the system's iconv.
        guard let gb = try Program.tool("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030", sample("tongnan-2024-jingxinwei.txt").path])?.outData
        else { throw XCTSkip("iconv not installed") }
        XCTAssertNil(String(validating: gb, as: UTF8.self))
        let fromGB = try DocumentReader().read(data: gb, name: "tongnan-2024-jingxinwei.txt")
        XCTAssertEqual(fromGB.facts, Parsed.tongnan.facts)
    }

    func testRepaginatedTableReadsTheSame() throws {
        // A page break inside the 部门支出预算总表: the title, unit and header printed again.
        var lines = try String(contentsOf: sample("yubei-2024-linkong.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(contentsOf: ["", "- 7 -", "2024年渝北区部门支出预算总表", "", "单位：元", "", "科目编码\t科目名称\t总计\t基本支出\t项目支出"], at: 183)
        let doc = try DocumentReader().read(data: Data(lines.joined(separator: "\n").utf8), name: "x.txt")
        func shape(_ fs: [Fact]) -> [String] {
            fs.filter { $0.table == .expenditureByFunction }.map { "\($0.code ?? $0.item)|\($0.measure.rawValue)|\($0.amount.fen)" }
        }
        XCTAssertEqual(shape(doc.facts), shape(Parsed.yubei.facts))
        XCTAssertEqual(doc.tables.filter { $0.kind == .expenditureByFunction }.count, 1)
    }

    func testBadInputIsRefusedWithItsName() throws {
        let reader = DocumentReader()
        XCTAssertThrowsError(try reader.read(data: Data(), name: "empty.txt")) { e in
            XCTAssertEqual(e as? IngestError, .empty(file: "empty.txt"))
        }
        XCTAssertThrowsError(try reader.read(data: Data("%PDF-1.7\n%âãÏÓ\n".utf8), name: "a.pdf")) { e in
            guard case .damagedPDF(let f, let why) = e as? IngestError else { return XCTFail("\(e)") }
            XCTAssertEqual(f, "a.pdf")
            XCTAssertTrue(why.contains("cut short"), why)
        }
        XCTAssertThrowsError(try reader.read(data: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 1, 2]), name: "img.png")) { e in
            guard case .binary(let f, _) = e as? IngestError else { return XCTFail("\(e)") }
            XCTAssertEqual(f, "img.png")
        }
        XCTAssertThrowsError(try reader.read(data: Data("会议纪要\n今天讨论了绿化工作。\n".utf8), name: "notes.txt")) { e in
            guard case .notADisclosure(let f, _) = e as? IngestError else { return XCTFail("\(e)") }
            XCTAssertEqual(f, "notes.txt")
        }
    }

    func testTruncatedFilesAreRefused() throws {
        let data = try Data(contentsOf: sample("cqjkq-2025-guanweihui.txt"))
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for cut in [80, 200] {
            let part = lines.prefix(cut).joined(separator: "\n")
            XCTAssertThrowsError(try DocumentReader().read(data: Data(part.utf8), name: "cut.txt"), "cut at \(cut)") { e in
                guard case .truncated(let f, _, _) = e as? IngestError else { return XCTFail("\(e)") }
                XCTAssertEqual(f, "cut.txt")
            }
        }
        // Cut inside a multi-byte character.
        XCTAssertThrowsError(try DocumentReader().read(data: data.prefix(30001), name: "cut.txt")) { e in
            XCTAssertTrue("\(e)".contains("cut.txt"))
        }
    }

    func testEveryUnreadLineIsAWarningWithItsLine() throws {
        // A row with a number where a header should be, and a cell that is not a number.
        var lines = try String(contentsOf: sample("yubei-2024-linkong.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[185] = "21011\t行政事业单位医疗\t173,455.40\t17x,455.40\t"   // line 186
        let doc = try DocumentReader().read(data: Data(lines.joined(separator: "\n").utf8), name: "w.txt")
        let w = doc.warnings.first { $0.line == 186 }
        XCTAssertEqual(w?.rule, "unreadable-number")
        XCTAssertEqual(w?.document, "w.txt")
        XCTAssertTrue(doc.facts(.expenditureByFunction, code: "21011", measure: .basic).isEmpty)
        XCTAssertEqual(yuan(doc.one(.expenditureByFunction, code: "21011")), "173455.40")
    }
}

/// Documents of a form the samples do not show: a 决算, a heading with the year first.
final class OtherFormsTests: XCTestCase {
    func testFinalAccountsWithYearFirstHeading() throws {
        let text = """
            2023年重庆市綦江区财政局部门决算情况说明

            一、收入支出决算总体情况：2023年度收入总计1,234.56万元，比上年减少10.00万元。

            收入支出决算总表

            单位：万元

            收入\t\t支出\t
            项目\t决算数\t项目\t决算数
            一般公共预算财政拨款收入\t1,234.56\t一般公共服务支出\t1,234.56
            本年收入合计\t1,234.56\t本年支出合计\t1,234.56

            支出决算表

            单位：万元

            科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
            \t合计\t1,234.56\t234.56\t1,000.00
            201\t一般公共服务支出\t1,234.56\t234.56\t1,000.00
            20106\t财政事务\t1,234.56\t234.56\t1,000.00
            2010601\t行政运行\t234.56\t234.56\t
            2010602\t一般行政管理事务\t1,000.00\t\t1,000.00
            """
        let d = try DocumentReader().read(data: Data(text.utf8), name: "qijiang-2023-final.txt")
        XCTAssertEqual(d.identity.region, "綦江区")
        XCTAssertEqual(d.identity.entity, "重庆市綦江区财政局")
        XCTAssertEqual(d.identity.year, 2023)
        XCTAssertEqual(d.identity.stage, .final)
        XCTAssertTrue(d.facts.allSatisfy { $0.stage == .final })
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, code: "2010602", measure: .project)), "10000000.00")
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, item: "合计")), "12345600.00")
        XCTAssertEqual(yuan(d.one(.summary, item: "一般公共预算财政拨款收入")), "12345600.00")
        XCTAssertEqual(yuan(d.one(.narrative, item: "收入预算", year: 2022)), "12445600.00")
    }
}

extension OtherFormsTests {
    func testUnitBesideTitleAndChangeAcrossAComma() throws {
        let text = """
            重庆市大足区统计局2025年部门预算情况说明

            （一）机关运行经费。2025年机关运行经费预算45.6万元，与上年相比，减少12.5万元。

            2025年部门支出总表\t\t\t单位：万元
            科目编码\t科目名称\t合计\t基本支出\t项目支出
            \t合计\t300.00\t100.00\t200.00
            201\t一般公共服务支出\t300.00\t100.00\t200.00
            """
        let d = try DocumentReader().read(data: Data(text.utf8), name: "dazu.txt")
        XCTAssertEqual(d.identity.region, "大足区")
        XCTAssertEqual(d.identity.entity, "重庆市大足区统计局")
        XCTAssertEqual(d.tables.first?.unit, .wanyuan)
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, code: "201", measure: .project)), "2000000.00")
        let prior = d.one(.narrative, item: "机关运行经费", year: 2024)
        XCTAssertEqual(yuan(prior), "581000.00")   // 45.6 + 12.5 万元
        XCTAssertEqual(prior?.derived, true)
    }
}
