import XCTest
import YusuanCore
@testable import YusuanIngest

/// Real figures from each sample, several per table kind.
final class YubeiTests: XCTestCase {
    let d = Parsed.yubei

    func testIdentity() {
        XCTAssertEqual(d.identity.region, "渝北区")
        XCTAssertEqual(d.identity.entity, "重庆市渝北区临空都市开发建设管理办公室")
        XCTAssertNil(d.identity.entityCode)
        XCTAssertEqual(d.identity.year, 2024)
        XCTAssertEqual(d.identity.stage, .budget)
        XCTAssertEqual(d.unit, .yuan)
    }

    func testSummaryLines() {
        let f = d.one(.summary, item: "一般公共预算财政拨款资金")
        XCTAssertEqual(yuan(f), "8840127.35")
        XCTAssertEqual(f?.line, 154)
        XCTAssertEqual(yuan(d.facts(.summary, item: "卫生健康支出").first), "173455.40")
        XCTAssertEqual(yuan(d.one(.summary, item: "一般公共服务支出", measure: .generalBudget)), "8041872.51")
    }

    func testExpenditureTableAndBlankCells() {
        XCTAssertEqual(d.facts.filter { $0.table == .expenditureByFunction }.count, 41)
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, code: "2010301")), "2090081.41")
        XCTAssertEqual(d.one(.expenditureByFunction, code: "2010301")?.line, 176)
        // A blank cell is no fact; a printed amount is.
        XCTAssertTrue(d.facts(.expenditureByFunction, code: "2010302", measure: .basic).isEmpty)
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, code: "2010302", measure: .project)), "5290000.00")
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, item: "合计", measure: .basic)), "3450127.35")
    }

    func testGeneralBudgetWithPriorYearColumn() {
        XCTAssertEqual(yuan(d.one(.generalBudgetByFunction, item: "合计", year: 2024)), "8840127.35")
        let prior = d.one(.generalBudgetByFunction, item: "合计", year: 2023)
        XCTAssertEqual(yuan(prior), "5250786.00")
        XCTAssertEqual(prior?.derived, false)
        XCTAssertEqual(yuan(d.one(.generalBudgetByFunction, code: "2101102", year: 2023)), "34314.40")
        // 2010399 had no 2023 budget: blank, so no 2023 fact; the percentage column is not read.
        XCTAssertTrue(d.facts(.generalBudgetByFunction, code: "2010399", year: 2023).isEmpty)
    }

    func testEconomicTables() {
        XCTAssertEqual(yuan(d.one(.basicByEconomic, code: "30217", measure: .operating)), "20000.00")
        XCTAssertEqual(yuan(d.one(.basicByEconomic, item: "合计", measure: .personnel)), "2710228.50")
        XCTAssertEqual(yuan(d.one(.basicByGovEconomic, code: "502")), "591727.29")
        XCTAssertEqual(yuan(d.one(.basicByGovEconomic, item: "合计")), "3450127.35")
        XCTAssertEqual(yuan(d.one(.projectByEconomic, code: "30214")), "1490000.00")
        XCTAssertEqual(yuan(d.one(.projectByGovEconomic, code: "50205")), "410000.00")
        XCTAssertEqual(d.facts.filter { $0.table == .projectByGovEconomic }.count, 9)
    }

    func testSangongBothYears() {
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", year: 2024)), "60000.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .reception, year: 2023)), "70000.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .vehicleOperation, year: 2023)), "55000.00")
        // Blank in the table, stated as 0 in the narrative: a fact of zero (the prior year derived).
        let outbound2023 = d.one(.sangong, item: "合计", measure: .outbound, year: 2023)
        XCTAssertEqual(yuan(outbound2023), "0.00")
        XCTAssertEqual(outbound2023?.derived, true)
    }

    func testNarrativeAndDerivedPriorYear() {
        XCTAssertEqual(yuan(d.one(.narrative, item: "机关运行经费", year: 2024)), "591727.29")
        let prior = d.one(.narrative, item: "机关运行经费", year: 2023)
        XCTAssertEqual(yuan(prior), "646092.61")   // 591,727.29 + 54,365.32
        XCTAssertEqual(prior?.derived, true)
        XCTAssertEqual(prior?.line, 93)
        XCTAssertEqual(yuan(d.one(.narrative, item: "收入预算", year: 2023)), "5250786.00")
        XCTAssertEqual(yuan(d.one(.narrative, item: "项目支出", year: 2023)), "1550000.00")
        XCTAssertEqual(yuan(d.one(.narrative, item: "三公经费", year: 2023)), "125000.00")
        // "…行政运行(项)2024年预算数为2,090,081.41元,较2023年减少507,729.15元" with its code.
        let xiang = d.one(.narrative, item: "行政运行", year: 2023)
        XCTAssertEqual(yuan(xiang), "2597810.56")
        XCTAssertEqual(xiang?.code, "2010301")
        // "（7）…其他行政事业单位养老支出(项)2024 年预算数为 62,040 元，与上年持平。"
        XCTAssertEqual(yuan(d.one(.narrative, item: "其他行政事业单位养老支出", year: 2023)), "62040.00")
    }

    func testProjects() {
        let p = d.facts.filter { $0.table == .project }
        XCTAssertEqual(p.map(\.item), ["招商专班经费", "招商宣传经费", "重大活动", "数智招商平台系统运维费", "招商项目评估服务费"])
        XCTAssertEqual(yuan(p.first), "3000000.00")
        XCTAssertEqual(p.first?.line, 439)
        XCTAssertTrue(d.warnings.isEmpty, d.warnings.map(\.description).joined(separator: "\n"))
    }
}

final class TongnanTests: XCTestCase {
    let d = Parsed.tongnan

    func testIdentityAndUnit() {
        XCTAssertEqual(d.identity.region, "潼南区")
        XCTAssertEqual(d.identity.entity, "重庆市潼南区经济和信息化委员会")
        XCTAssertEqual(d.identity.entityCode, "715")
        XCTAssertEqual(d.identity.year, 2024)
        XCTAssertEqual(d.unit, .wanyuan)
        XCTAssertTrue(d.facts.allSatisfy { $0.sourceUnit == .wanyuan })
    }

    func testTablesInWanyuan() {
        XCTAssertEqual(yuan(d.one(.generalBudgetByFunction, item: "合计")), "38053500.00")
        XCTAssertEqual(yuan(d.one(.generalBudgetByFunction, code: "2150805", measure: .project)), "7000000.00")
        XCTAssertEqual(yuan(d.one(.basicByEconomic, item: "合计")), "13793500.00")
        XCTAssertEqual(yuan(d.one(.basicByEconomic, code: "30229", measure: .operating)), "140900.00")
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, code: "2150299", measure: .project)), "4000000.00")
        XCTAssertEqual(d.one(.expenditureByFunction, code: "2150299", measure: .project)?.line, 338)
    }

    func testRowsBrokenAcrossPages() {
        // The name and amounts on one page, the code alone at the top of the next.
        let a = d.one(.incomeByFunction, code: "2080599")
        XCTAssertEqual(yuan(a), "1995000.00")
        XCTAssertEqual(a?.line, 282)
        XCTAssertEqual(a?.item, "其他行政事业单位养老支出")
        let b = d.one(.incomeByFunction, code: "2210201")
        XCTAssertEqual(yuan(b), "615400.00")
        XCTAssertEqual(b?.item, "住房公积金")
        // A name wrapped inside its cell.
        XCTAssertEqual(d.one(.incomeByFunction, code: "2080505")?.item, "机关事业单位基本养老保险缴费支出")
    }

    func testSangongTwoYears() {
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", year: 2023)), "505000.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", year: 2024)), "365000.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .reception, year: 2024)), "300000.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .vehicleOperation, year: 2023)), "75000.00")
    }

    func testProjectDetailWithDebris() {
        let p = d.facts.filter { $0.table == .project && $0.line >= 357 && $0.line <= 374 }
        XCTAssertEqual(p.count, 17)
        XCTAssertEqual(p.first?.item, "合计")
        XCTAssertEqual(yuan(p.first), "24260000.00")
        // "550.00." has trailing debris; the long project id is dropped from the name.
        let power = p.first { $0.line == 368 }
        XCTAssertEqual(power?.item, "占地村社电费补差 (常年性项目)")
        XCTAssertEqual(power?.code, "2011399")
        XCTAssertEqual(yuan(power), "5500000.00")
        let sum = p.dropFirst().reduce(Money.zero) { $0 + $1.amount }
        XCTAssertEqual(sum, p.first?.amount)
    }

    func testProcurementAndNarrative() {
        XCTAssertEqual(yuan(d.one(.procurement, item: "货物类", measure: .goods)), "200000.00")
        let basic2023 = d.one(.narrative, item: "基本支出", year: 2023)
        XCTAssertEqual(yuan(basic2023), "14290600.00")   // 1,379.35 + 49.71 万元
        XCTAssertEqual(basic2023?.derived, true)
        XCTAssertEqual(yuan(d.one(.narrative, item: "收入预算", year: 2023)), "48290600.00")  // "较去年减少 1023.71 万元"
    }
}

final class JingkaiquTests: XCTestCase {
    let d = Parsed.cqjkq

    func testIdentity() {
        XCTAssertEqual(d.identity.region, "重庆经济技术开发区")
        XCTAssertEqual(d.identity.entity, "重庆经济技术开发区管理委员会")
        XCTAssertEqual(d.identity.entityCode, "109")
        XCTAssertEqual(d.identity.year, 2025)
    }

    func testDerivedPriorYearSangong() {
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", year: 2025)), "1835300.00")
        let total2024 = d.one(.sangong, item: "合计", year: 2024)
        XCTAssertEqual(yuan(total2024), "2070900.00")   // 183.53 + 23.56 万元
        XCTAssertEqual(total2024?.derived, true)
        XCTAssertEqual(total2024?.line, 41)
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .reception, year: 2024)), "713900.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .vehicleOperation, year: 2024)), "1237000.00")
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .outbound, year: 2024)), "120000.00")   // 与2024保持一致
        XCTAssertEqual(yuan(d.one(.sangong, item: "合计", measure: .vehiclePurchase, year: 2024)), "0.00")
    }

    func testTableWithoutTitle() {
        // Lines 276–343 continue a 部门收入总表 whose title and header were lost.
        let a = d.one(.incomeByFunction, code: "2011350")
        XCTAssertEqual(yuan(a), "3182000.00")
        XCTAssertEqual(a?.line, 276)
        XCTAssertEqual(yuan(d.one(.incomeByFunction, code: "211", measure: .fundBudget)), "82200000.00")
        XCTAssertTrue(d.warnings.contains { $0.line == 276 && $0.rule == "missing-header" })
    }

    func testFunctionalTablesAcrossPageBreaks() {
        XCTAssertEqual(yuan(d.one(.generalBudgetByFunction, code: "2060404")), "36390000.00")
        XCTAssertEqual(yuan(d.one(.generalBudgetByFunction, code: "20605")), "28080000.00")
        XCTAssertEqual(yuan(d.one(.fundBudgetByFunction, code: "2119801")), "82200000.00")
        XCTAssertEqual(yuan(d.one(.expenditureByFunction, item: "合计", measure: .project)), "1130200400.00")
        XCTAssertEqual(d.one(.expenditureByFunction, code: "2060199")?.line, 382)
        XCTAssertEqual(yuan(d.one(.basicByEconomic, code: "310", measure: .operating)), "539600.00")
    }

    func testProjectsAndNarrative() {
        let p = d.facts.filter { $0.table == .project }
        XCTAssertEqual(p.count, 41)
        XCTAssertEqual(yuan(p.first { $0.item == "产业扶持专项资金" }), "155548900.00")
        XCTAssertEqual(yuan(d.one(.narrative, item: "收入预算", year: 2024)), "838017600.00")
        XCTAssertEqual(yuan(d.one(.narrative, item: "政府采购服务预算")), "55166800.00")
    }
}

final class WanshengTests: XCTestCase {
    let d = Parsed.wansheng

    func testCatalogue() {
        XCTAssertEqual(d.identity.region, "万盛经济技术开发区")
        XCTAssertEqual(d.identity.year, 2025)
        let funds = d.facts.filter { $0.table == .specialFund }
        XCTAssertEqual(funds.count, 52)
        let first = funds.first
        XCTAssertEqual(first?.item, "老党员补贴")
        XCTAssertEqual(first?.entity, "中共重庆市万盛经济技术开发区工作委员会组织部")
        XCTAssertEqual(first?.entityCode, "211")
        XCTAssertEqual(yuan(first), "1211000.00")
        XCTAssertEqual(funds.reduce(Money.zero) { $0 + $1.amount }.decimalString(in: .wanyuan), "72841.90")
    }

    func testPerformanceTablesUseTheirDepartment() {
        let p = d.facts.filter { $0.table == .project }
        XCTAssertEqual(p.count, 52)
        let lao = p.first { $0.item == "老党员补贴" }
        XCTAssertEqual(yuan(lao), "1210700.00")
        XCTAssertEqual(lao?.entityCode, "211")
        let y = p.first { $0.item == "应急管理发展" }
        XCTAssertEqual(yuan(y), "2425000.00")
        XCTAssertEqual(y?.entity, "重庆市万盛经济技术开发区应急管理局")
    }
}
