import XCTest
import YusuanCore
@testable import YusuanAnalysis

/// Yubei 2024 一般公共预算财政拨款支出预算表 (元): real 2023 and 2024 columns.
func yubeiGeneralBudget() -> [Fact] {
    let rows: [(String?, String, String?, String)] = [
        (nil, "合计", "5250786.00", "8840127.35"),
        ("201", "一般公共服务支出", "4427667.12", "8041872.51"),
        ("20103", "政府办公厅（室）及相关机构事务", "4427667.12", "8041872.51"),
        ("2010301", "行政运行", "2597810.56", "2090081.41"),
        ("2010302", "一般行政管理事务", "900000.00", "5290000.00"),
        ("2010350", "事业运行", "929856.56", "561791.10"),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出", nil, "100000.00"),
        ("208", "社会保障和就业支出", "430950.72", "418812.96"),
        ("20805", "行政事业单位养老支出", "430950.72", "418812.96"),
        ("210", "卫生健康支出", "180112.80", "173455.40"),
        ("21011", "行政事业单位医疗", "180112.80", "173455.40"),
        ("2101101", "行政单位医疗", "145798.40", "147337.40"),
        ("221", "住房保障支出", "212055.36", "205986.48"),
    ]
    var out: [Fact] = []
    for (i, (code, item, a, b)) in rows.enumerated() {
        if let a {
            out.append(fact(Sample.yubei, line: 222 + i, region: "渝北区", entity: Sample.yubeiEntity, year: 2023,
                            table: .generalBudgetByFunction, code: code, item: item, a, unit: .yuan))
        }
        out.append(fact(Sample.yubei, line: 222 + i, region: "渝北区", entity: Sample.yubeiEntity, year: 2024,
                        table: .generalBudgetByFunction, code: code, item: item, b, unit: .yuan))
    }
    return out
}

/// Tongnan 2024 一般公共预算财政拨款支出预算表 (万元), real, and a synthetic 2023 document for the
/// same entity (printed with a dropped 区) to exercise dropped rows and a zero base.
func tongnanGeneralBudget() -> [Fact] {
    let t = Sample.tongnanEntity
    var out: [Fact] = []
    let y2024: [(String?, String, String)] = [
        (nil, "合计", "3805.35"), ("201", "一般公共服务支出", "2251.40"), ("20113", "商贸事务", "2251.40"),
        ("208", "社会保障和就业支出", "313.75"), ("210", "卫生健康支出", "78.66"),
        ("215", "资源勘探工业信息等支出", "1100.00"), ("21502", "制造业", "400.00"),
        ("21508", "支持中小企业发展和管理支出", "700.00"), ("221", "住房保障支出", "61.54"),
    ]
    for (i, (c, item, v)) in y2024.enumerated() {
        out.append(fact(Sample.tongnan, line: 140 + i, region: "潼南区", entity: t, year: 2024,
                        table: .generalBudgetByFunction, code: c, item: item, v))
    }
    let y2023: [(String?, String, String)] = [
        (nil, "合计", "4829.06"), ("201", "一般公共服务支出", "2500.00"), ("208", "社会保障和就业支出", "329.06"),
        ("210", "卫生健康支出", "80.00"), ("212", "城乡社区支出", "1920.00"), ("221", "住房保障支出", "0.00"),
    ]
    for (i, (c, item, v)) in y2023.enumerated() {
        out.append(fact("tongnan-2023-synthetic.txt", line: 10 + i, region: "潼南区", entity: "重庆市潼南经济和信息化委员会",
                        year: 2023, table: .generalBudgetByFunction, code: c, item: item, v))
    }
    return out
}

final class SeriesTests: XCTestCase {
    func testDocumentOfTheYearWinsAndDisagreementsAreReported() throws {
        var facts = tongnanGeneralBudget()
        // A 2025 document's prior-year column: agrees on 201, disagrees on 208, adds 2023's 212? no: only 2024.
        let t = Sample.tongnanEntity
        facts.append(fact("tongnan-2025.txt", line: 5, region: "潼南区", entity: t, year: 2024,
                          table: .generalBudgetByFunction, code: "201", item: "一般公共服务支出", "2251.40"))
        facts.append(fact("tongnan-2025.txt", line: 6, region: "潼南区", entity: t, year: 2024,
                          table: .generalBudgetByFunction, code: "208", item: "社会保障和就业支出", "313.00"))
        facts.append(fact("tongnan-2025.txt", line: 7, region: "潼南区", entity: t, year: 2025,
                          table: .generalBudgetByFunction, code: "208", item: "社会保障和就业支出", "320.00"))
        let reg = EntityRegistry(facts: facts)
        XCTAssertEqual(reg.records.count, 1, "the 2023 spelling without 区 aligns")
        let set = SeriesBuilder.build(facts: facts, registry: reg)
        let e = EntityRef(region: "潼南区", name: t)
        let s208 = try XCTUnwrap(set[SeriesKey(entity: e, table: .generalBudgetByFunction, code: "208", measure: .total)])
        XCTAssertEqual(s208.years, [2023, 2024, 2025])
        XCTAssertEqual(s208.amount(in: 2023), money("329.06"))
        XCTAssertEqual(s208.amount(in: 2024), money("313.75"))
        XCTAssertEqual(s208.point(in: 2024)?.source, .ownYear)
        XCTAssertEqual(s208.point(in: 2024)?.document, Sample.tongnan)
        XCTAssertEqual(set.disagreements.count, 1)
        let d = set.disagreements[0]
        XCTAssertEqual(d.key.code, "208")
        XCTAssertEqual(d.year, 2024)
        XCTAssertEqual(d.chosen.amount, money("313.75"))
        XCTAssertEqual(d.other.amount, money("313.00"))
        XCTAssertEqual(d.other.source, .priorYear)
        XCTAssertEqual(d.other.document, "tongnan-2025.txt")
    }

    func testPriorYearColumnBeatsDerivedAndFillsMissingYears() throws {
        let c = Sample.cqjkqEntity, r = "重庆经济技术开发区"
        let facts = [
            fact(Sample.cqjkq, line: 30, region: r, entity: c, year: 2025, table: .narrative, item: "收入预算", "118708.76"),
            fact(Sample.cqjkq, line: 40, region: r, entity: c, year: 2024, table: .narrative, item: "一般公共预算支出", "83801.76", derived: true),
            fact("cqjkq-2026.txt", line: 3, region: r, entity: c, year: 2025, table: .narrative, item: "收入预算", "118000.00", derived: true),
            fact("cqjkq-2026.txt", line: 3, region: r, entity: c, year: 2024, table: .narrative, item: "一般公共预算支出", "83801.00"),
            fact("cqjkq-2026.txt", line: 3, region: r, entity: c, year: 2026, table: .narrative, item: "收入预算", "120000.00"),
        ]
        let set = SeriesBuilder.build(facts: facts, registry: EntityRegistry(facts: facts))
        let e = EntityRef(region: r, name: c)
        let income = try XCTUnwrap(set[SeriesKey(entity: e, table: .narrative, code: nil, itemKey: "收入预算", measure: .total)])
        XCTAssertEqual(income.points.map(\.amount), [money("118708.76"), money("120000.00")])
        XCTAssertEqual(income.points.map(\.source), [.ownYear, .ownYear])
        let gb = try XCTUnwrap(set[SeriesKey(entity: e, table: .narrative, code: nil, itemKey: "一般公共预算支出", measure: .total)])
        // 2024: the 2026 document's printed prior-year figure beats the 2025 narrative's derived one.
        XCTAssertEqual(gb.point(in: 2024)?.amount, money("83801.00"))
        XCTAssertEqual(gb.point(in: 2024)?.source, .priorYear)
        XCTAssertEqual(set.disagreements.map(\.year), [2024, 2025])
        XCTAssertEqual(set.disagreements.map(\.other.source), [.derived, .derived])
    }

    func testTotalIsTheTotalRowElseTheSumOfClasses() {
        let facts = tongnanGeneralBudget().filter { $0.code != nil }   // no 合计 row
        let set = SeriesBuilder.build(facts: facts, registry: EntityRegistry(facts: facts))
        let t = SeriesSet.TableRef(entity: EntityRef(region: "潼南区", name: Sample.tongnanEntity),
                                   table: .generalBudgetByFunction, measure: .total)
        XCTAssertEqual(set.total(of: t, year: 2024), money("3805.35"))
        XCTAssertEqual(set.total(of: t, year: 2023), money("4829.06"))
        XCTAssertNil(set.total(of: t, year: 2022))
    }
}
