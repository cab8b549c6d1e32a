import XCTest
import YusuanCore
@testable import YusuanIngest

/// The national 决算 forms, on the 普陀区财政局 2024 决算 transcribed from its PDF: the figures the
/// PDF prints, each in its stage, and what an altered copy must say.
final class FinalFormsTests: XCTestCase {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/unseen/putuo-2024-final-caizhengju.txt")
    static let putuo = try! UnseenFormsTests.read(url)

    func fact(_ table: TableKind, _ item: String? = nil, code: String? = nil, _ measure: Measure = .total,
              stage: Stage = .final, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let found = Self.putuo.doc.facts.filter {
            $0.table == table && $0.measure == measure && $0.stage == stage
                && (item == nil || $0.item == item) && (code == nil || $0.code == code)
        }
        XCTAssertEqual(found.count, 1, "\(table.rawValue) \(item ?? code ?? "") \(measure.rawValue) \(stage.rawValue)", file: file, line: line)
        return found.first?.amount.decimalString(in: .wanyuan, places: 2, grouping: true)
    }

    func testSummaryAndGeneralBudgetFiguresAsPrinted() {
        let summary = Self.putuo.doc.facts.filter { $0.table == .summary && $0.line - Self.putuo.shift < 80 }
        func line(_ item: String) -> [String] { summary.filter { $0.item == item }.map { $0.amount.decimalString(in: .wanyuan, places: 2, grouping: true) } }
        XCTAssertEqual(line("一、一般公共预算财政拨款收入"), ["2,940.05"])
        XCTAssertEqual(line("本年收入合计"), ["2,946.25"])
        XCTAssertEqual(line("年初结转和结余"), ["49.14"])
        XCTAssertEqual(line("总计"), ["2,995.39", "2,995.39"])
        XCTAssertEqual(line("二、政府性基金预算财政拨款收入"), [], "a blank cell is no fact")
        XCTAssertEqual(fact(.generalBudgetByFunction, code: "201"), "2,106.66")
        XCTAssertEqual(fact(.generalBudgetByFunction, code: "201", .basic), "1,503.52")
        XCTAssertEqual(fact(.generalBudgetByFunction, code: "201", .project), "603.14")
        XCTAssertEqual(fact(.generalBudgetByFunction, "合计"), "2,940.05")
        XCTAssertEqual(fact(.generalBudgetByFunction, "合计", .basic), "2,336.91")
        XCTAssertEqual(fact(.generalBudgetByFunction, "合计", .project), "603.14")
        XCTAssertEqual(fact(.incomeByFunction, "合计", .fiscalGrant), "2,940.05")
    }

    func testBasicHalvesSideBySide() {
        XCTAssertEqual(fact(.basicByEconomic, code: "301"), "2,082.85")
        XCTAssertEqual(fact(.basicByEconomic, code: "302"), "171.07")
        XCTAssertEqual(fact(.basicByEconomic, code: "30201"), "21.21")
        XCTAssertEqual(fact(.basicByEconomic, code: "31002"), "13.58")
        XCTAssertEqual(fact(.basicByEconomic, "合计", .personnel), "2,152.26")
        XCTAssertEqual(fact(.basicByEconomic, "合计", .operating), "184.65")
        XCTAssertTrue(Self.putuo.doc.facts.filter { $0.table == .basicByEconomic && $0.code == "30203" }.isEmpty, "咨询费 is blank")
    }

    func testStagePerFact() {
        // 三公: the table prints only 预算数 (合计 and 公务接待费); the narrative gives the 决算数 of 0.
        XCTAssertEqual(fact(.sangong, "合计", stage: .budget), "0.95")
        XCTAssertEqual(fact(.sangong, "合计", .reception, stage: .budget), "0.95")
        XCTAssertEqual(fact(.sangong, "合计", stage: .final), "0.00")
        XCTAssertEqual(fact(.sangong, "合计", .reception, stage: .final), "0.00")
        // The narrative's 年初预算 is a budget fact, its 支出决算 a final fact, per 项 with its code.
        XCTAssertEqual(fact(.narrative, "一般公共预算财政拨款支出", stage: .budget), "2,993.92")
        XCTAssertEqual(fact(.narrative, code: "2010601", stage: .budget), "1,560.05")
        XCTAssertEqual(fact(.narrative, code: "2010601", stage: .final), "1,511.89")
        XCTAssertEqual(fact(.narrative, code: "2080505", stage: .budget), "161.62")
        XCTAssertEqual(Self.putuo.doc.identity.stage, .final)
    }

    func testEmptyTablesAreRecordedWithTheirNote() {
        let empty = Self.putuo.doc.tables.filter { $0.facts == 0 }
        XCTAssertEqual(empty.map(\.kind), [.fundBudgetByFunction, .stateCapitalByFunction])
        XCTAssertEqual(empty.first?.note, "上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。")
        XCTAssertTrue(Self.putuo.doc.tables.filter { $0.facts > 0 }.allSatisfy { $0.note == nil })
        // The directory's entries are no tables: nine tables, each once.
        XCTAssertEqual(Self.putuo.doc.tables.count, 9)
    }

    func testAStatedRateOrDirectionThatDisagreesIsAWarning() throws {
        var text = try String(contentsOf: Self.url, encoding: .utf8)
        text = text.replacingOccurrences(of: "完成年初预算的98.20%", with: "完成年初预算的99.20%")
            .replacingOccurrences(of: "支出决算为135.25万元。决算数小于预算数", with: "支出决算为135.25万元。决算数大于预算数")
            // A budget of a subject no label names is not the 项 of the heading above it.
            .replacingOccurrences(of: "支出决算为1511.89万元。", with: "支出决算为1511.89万元。其中某系统项目预算为300.00万元。")
        let doc = try DocumentReader().read(data: Data(("渝北区\n" + text).utf8), name: "altered.txt")
        let rules = doc.warnings.map(\.rule)
        XCTAssertEqual(rules.filter { $0 == "execution-rate" }.count, 1)
        XCTAssertEqual(rules.filter { $0 == "execution-direction" }.count, 1)
        XCTAssertFalse(doc.facts.contains { $0.amount.yuanString == "3000000.00" })
        XCTAssertEqual(doc.facts.count, Self.putuo.doc.facts.count)
        XCTAssertTrue(Self.putuo.doc.warnings.isEmpty, Self.putuo.doc.warnings.map(\.description).joined(separator: "\n"))
    }

    func testATableWithoutAReaderIsWarnedAboutNotMerged() throws {
        let text = try String(contentsOf: Self.url, encoding: .utf8).replacingOccurrences(of: "0.95\t\t\t\t\t\t\t\t\t\t0.95\t\n",
            with: "0.95\t\t\t\t\t\t\t\t\t\t0.95\t\n机关运行经费支出决算表\n项目\t决算数\n机关运行经费支出\t184.65\n")
        let doc = try DocumentReader().read(data: Data(("渝北区\n" + text).utf8), name: "altered.txt")
        XCTAssertEqual(doc.warnings.map(\.rule), ["unread-table"])
        XCTAssertEqual(doc.facts.count, Self.putuo.doc.facts.count)
        XCTAssertEqual(doc.facts.filter { $0.table == .sangong }.count, Self.putuo.doc.facts.filter { $0.table == .sangong }.count)
    }
}
