import XCTest
import YusuanCore
@testable import YusuanAnalysis

final class ReportTests: XCTestCase {
    func build(_ facts: [Fact], config: AnalysisConfig = .empty) -> (SeriesSet, EntityRegistry) {
        let reg = EntityRegistry(facts: facts, config: config)
        return (SeriesBuilder.build(facts: facts, registry: reg), reg)
    }

    func testCompareYubeiClasses() {
        let (set, reg) = build(yubeiGeneralBudget())
        let rows = Reports.compare(set, registry: reg, yearA: 2023, yearB: 2024, table: .generalBudgetByFunction)
        XCTAssertEqual(rows.map(\.code), ["201", "208", "210", "221"])
        let r201 = rows[0]
        XCTAssertEqual(r201.item, "一般公共服务支出")
        XCTAssertEqual(r201.level, .lei)
        XCTAssertEqual(r201.change.absolute, money("3614205.39", .yuan))
        XCTAssertEqual(r201.change.percent?.decimalString, "81.63")
        XCTAssertEqual(r201.shareA?.decimalString, "84.32")
        XCTAssertEqual(r201.shareB?.decimalString, "90.97")
        XCTAssertEqual(rows[1].change.absolute, money("-12137.76", .yuan))
        XCTAssertEqual(rows[1].change.percent?.decimalString, "-2.82")
        XCTAssertEqual(rows[1].shareA?.decimalString, "8.21")
        XCTAssertEqual(rows[1].shareB?.decimalString, "4.74")
    }

    func testCompareNewItemChangesByItsAmountNotDivisionByZero() throws {
        let (set, reg) = build(yubeiGeneralBudget())
        let rows = Reports.compare(set, registry: reg, yearA: 2023, yearB: 2024, table: .generalBudgetByFunction, level: .xiang)
        XCTAssertEqual(rows.map(\.code), ["2010301", "2010302", "2010350", "2010399", "2101101"])
        // The document itself prints #DIV/0! here.
        let new = rows[3]
        XCTAssertEqual(new.change.status, .new)
        XCTAssertNil(new.amountA)
        XCTAssertEqual(new.amountB, money("100000", .yuan))
        // A new item's change is its later amount (what the change chart draws); no percent.
        XCTAssertEqual(new.change.absolute, money("100000", .yuan))
        XCTAssertNil(new.change.percent)
        XCTAssertEqual(rows[4].change.percent?.decimalString, "1.06")
        XCTAssertEqual(ReportTables.compare([new]).displayRows(unit: .wanyuan)[0].dropLast(3).suffix(5), ["10.00", "-", "-", "1.13%", "新增"])
        XCTAssertTrue(ReportTables.compare([new]).csv(unit: .yuan).hasSuffix(",100000.00,,,1.13,new,budget,yubei-2024-linkong.txt,yubei-2024-linkong.txt:228\r\n"))
        let json = ReportTables.compare([new]).json(unit: .yuan)
        XCTAssertEqual(json, """
        [
          {"region": "渝北区", "entity": "重庆市渝北区临空都市开发建设管理办公室", "code": "2010399", "item": "其他政府办公厅（室）及相关机构事务支出", "level": "项", "year_a": 2023, "amount_a": null, "year_b": 2024, "amount_b": 100000.00, "change": 100000.00, "change_pct": null, "share_a": null, "share_b": 1.13, "status": "new", "stage": "budget", "sources": ["yubei-2024-linkong.txt"], "places": ["yubei-2024-linkong.txt:228"]}
        ]

        """)
    }

    func testCompareDroppedZeroBaseAndMissingYear() {
        let facts = tongnanGeneralBudget() + yubeiGeneralBudget()
        let (set, reg) = build(facts)
        let rows = Reports.compare(set, registry: reg, yearA: 2023, yearB: 2024, table: .generalBudgetByFunction,
                                   filter: ReportFilter(regions: ["潼南"]))
        XCTAssertEqual(rows.map(\.code), ["201", "208", "210", "212", "215", "221"])
        XCTAssertEqual(rows.map(\.change.status), [.both, .both, .both, .dropped, .new, .both])
        XCTAssertEqual(rows[0].change.percent?.decimalString, "-9.94")
        XCTAssertEqual(rows[0].shareA?.decimalString, "51.77")
        XCTAssertEqual(rows[0].shareB?.decimalString, "59.16")
        XCTAssertEqual(rows[1].shareB?.decimalString, "8.24")
        XCTAssertEqual(rows[5].change.absolute, money("61.54"))
        XCTAssertNil(rows[5].change.percent, "zero base")
        XCTAssertEqual(rows[5].shareA?.decimalString, "0.00")
        // A year with no document at all: rows are `missing`, not new.
        let later = Reports.compare(set, registry: reg, yearA: 2024, yearB: 2025, table: .generalBudgetByFunction,
                                    filter: ReportFilter(regions: ["潼南区"]))
        XCTAssertEqual(Set(later.map(\.change.status)), [.missing])
    }

    func testSharesAndRanking() {
        let (set, reg) = build(tongnanGeneralBudget() + yubeiGeneralBudget())
        let lei = Reports.shares(set, registry: reg, year: 2024, table: .generalBudgetByFunction)
        let r201 = lei.filter { $0.code == "201" }
        XCTAssertEqual(r201.map(\.entity.region), ["渝北区", "潼南区"])
        XCTAssertEqual(r201.map(\.rank), [2, 1], "8,041,872.51 元 < 2,251.40 万元")
        XCTAssertEqual(r201.map { $0.share?.decimalString }, ["90.97", "59.16"])
        XCTAssertEqual(lei.first { $0.code == "215" }?.rank, 1)
        XCTAssertNil(lei.first { $0.code == "215" }?.shareOfParent, "a 类 has no parent")
        let kuan = Reports.shares(set, registry: reg, year: 2024, table: .generalBudgetByFunction, level: .kuan,
                                  filter: ReportFilter(entities: ["经济和信息化"]))
        XCTAssertEqual(kuan.map(\.code), ["20113", "21502", "21508"])
        XCTAssertEqual(kuan[1].share?.decimalString, "10.51")
        XCTAssertEqual(kuan[1].shareOfParent?.decimalString, "36.36")
        XCTAssertEqual(kuan[0].shareOfParent?.decimalString, "100.00")
    }

    func testTrendWithCAGRAndGroups() throws {
        let cfg = try AnalysisConfig.parse("""
        groups:
          综合: [重庆市渝北区临空都市开发建设管理办公室, 重庆经济技术开发区管理委员会]
        """)
        let (set, reg) = build(Sample.sangongFacts + yubeiGeneralBudget(), config: cfg)
        let t = Reports.trend(set, registry: reg, code: "201", filter: ReportFilter(groups: ["综合"]))
        XCTAssertEqual(t.count, 1)
        XCTAssertEqual(t[0].points.map(\.year), [2023, 2024])
        XCTAssertEqual(t[0].cagr?.decimalString, "81.63")
        // An item instead of a code: the 三公 合计 row (经开区's 2024 from its 情况说明, derived).
        let s = Reports.trend(set, registry: reg, code: "合计", tables: [.sangong])
        XCTAssertEqual(s.map(\.key.entity.region), ["渝北区", "潼南区", "重庆经济技术开发区"])
        XCTAssertEqual(s[0].points.last?.change?.percent?.decimalString, "-52.00")
        XCTAssertEqual(s[1].points.last?.change?.percent?.decimalString, "-27.72")
        XCTAssertEqual(s[2].points.last?.change?.percent?.decimalString, "-11.38")
        let table = ReportTables.trend(t)
        XCTAssertEqual(table.columns.count, 13)
        XCTAssertEqual(table.displayRows(unit: .wanyuan)[1], ["渝北区", "重庆市渝北区临空都市开发建设管理办公室",
            "一般公共预算财政拨款支出表", "201", "一般公共服务支出", "2024", "804.19", "本年文件", "361.42", "81.63%", "81.63%", "yubei-2024-linkong.txt", "yubei-2024-linkong.txt:223"])
    }

    func testSubjectsUsageReportsPrintedDifferences() {
        var facts = yubeiGeneralBudget()
        facts.append(fact(Sample.cqjkq, line: 129, region: "重庆经济技术开发区", entity: Sample.cqjkqEntity, year: 2025,
                          table: .generalBudgetByFunction, code: "20604", item: "技术与研究开发", "3639.00"))
        facts.append(fact(Sample.cqjkq, line: 129, region: "重庆经济技术开发区", entity: Sample.cqjkqEntity, year: 2025,
                          table: .generalBudgetByFunction, code: "20604", item: "技术与研究开发", measure: .project, "3639.00"))
        let all = Reports.subjects(facts, catalogue: .standard)
        XCTAssertEqual(all.first?.code, "201")
        XCTAssertEqual(all.count, 13)
        let u = Reports.subjects(facts, catalogue: .standard, code: "20604")
        XCTAssertEqual(u.count, 1)
        XCTAssertEqual(u[0].canonicalName, "技术研究与开发")
        XCTAssertEqual(u[0].years, [2025])
        XCTAssertEqual(u[0].documents, [Sample.cqjkq])
        XCTAssertEqual(u[0].differences, [.differs(printed: "技术与研究开发", canonical: "技术研究与开发")])
        let row = ReportTables.subjects(u, catalogue: .standard).displayRows(unit: .wanyuan)[0]
        XCTAssertEqual(row[3], "206 科学技术支出")
        XCTAssertEqual(row[5], "技术与研究开发 ≠ 技术研究与开发")
        // A code the store has never seen still resolves from the catalogue.
        XCTAssertEqual(Reports.subjects(facts, catalogue: .standard, code: "2150805").first?.canonicalName, "中小企业发展专项")
    }

    func testCSVHasBOMAndQuotes() {
        let t = ReportTable(columns: ["a", "b"], rows: [[.text("x,y"), .money(money("1.5"))], [.text("q\""), .money(nil)]])
        XCTAssertEqual(t.csv(unit: .wanyuan), "\u{FEFF}a,b\r\n\"x,y\",1.50\r\n\"q\"\"\",\r\n")
        XCTAssertEqual(t.numericColumns, [1])
    }
}
