import XCTest
import YusuanCore
@testable import YusuanAnalysis
@testable import YusuanIngest

/// Budget execution: 年初预算 against 决算, from one 决算 printing both or from a 预算 and its 决算.
final class ExecutionTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("YusuanIngestTests/Fixtures/unseen")

    /// The 普陀 决算; until the nationwide region catalogue lands, read with a 重庆 district before it.
    static func putuoText() throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("putuo-2024-final-caizhengju.txt"), encoding: .utf8)
    }

    func rows(_ facts: [Fact]) -> [ExecutionRow] {
        Execution.rows(facts, registry: AnalysisInput(facts: facts).registry)
    }

    func testOneFinalPrintingBoth() throws {
        let doc = try DocumentReader().read(data: Data(try Self.putuoText().utf8), name: "putuo-2024-final-caizhengju.txt")
        let rows = rows(doc.facts)
        XCTAssertEqual(rows.count, 24)
        let total = try XCTUnwrap(rows.first)
        XCTAssertEqual(total.item, "合计")
        XCTAssertNil(total.code)
        XCTAssertEqual(total.budget?.yuanString, "29939200.00")
        XCTAssertEqual(total.final?.yuanString, "29400500.00")
        XCTAssertEqual(total.difference?.yuanString, "-538700.00")
        XCTAssertEqual(total.rate?.decimalString, "98.20")
        XCTAssertEqual(total.sources, ["putuo-2024-final-caizhengju.txt"])
        let admin = try XCTUnwrap(rows.first { $0.code == "2010601" })
        XCTAssertEqual([admin.budget?.yuanString, admin.final?.yuanString, admin.rate?.decimalString], ["15600500.00", "15118900.00", "96.91"])
        // A 类 line the narrative gives no 年初预算 for: its 决算 alone, no rate.
        let cls = try XCTUnwrap(rows.first { $0.code == "201" })
        XCTAssertNil(cls.budget); XCTAssertEqual(cls.final?.yuanString, "21066600.00"); XCTAssertNil(cls.rate)
        // “三公”: 预算数 0.95 in the table, 决算 0.00 in the narrative; a zero budget has no rate.
        let sangong = rows.filter { $0.code == nil && $0.item != "合计" }
        XCTAssertEqual(sangong.map(\.item), ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"])
        XCTAssertEqual(sangong[0].rate?.decimalString, "0.00")
        XCTAssertNil(sangong[1].budget); XCTAssertEqual(sangong[1].final?.yuanString, "0.00"); XCTAssertNil(sangong[1].rate)
        let json = ReportTables.execution(Array(rows.prefix(1))).json(unit: .wanyuan)
        XCTAssertTrue(json.contains(#""year": 2024, "code": null, "item": "合计", "budget": 2993.92, "final": 2940.05, "difference": -53.87, "rate": 98.20, "sources": ["putuo-2024-final-caizhengju.txt"], "places": ["putuo-2024-final-caizhengju.txt:264","putuo-2024-final-caizhengju.txt:185"]}"#), json)
    }

    func testBudgetFromThe预算AndFinalFromThe决算() {
        func f(_ doc: String, _ stage: Stage, _ code: String?, _ item: String, _ fen: Int64, table: TableKind = .generalBudgetByFunction) -> Fact {
            Fact(document: doc, line: 10, column: 2, region: "渝北区", entity: "重庆市渝北区某局", entityCode: nil, year: 2024,
                 stage: stage, table: table, code: code, item: item, measure: .total, amount: Money(fen: fen),
                 sourceUnit: .wanyuan, derived: false)
        }
        let facts = [f("a-2024-budget.txt", .budget, "2010101", "行政运行", 100_000_00), f("a-2024-budget.txt", .budget, nil, "合计", 150_000_00),
                     f("a-2024-budget.txt", .budget, "2010102", "一般行政管理事务", 0),
                     f("b-2024-final.txt", .final, "2010101", "行政运行", 95_500_00), f("b-2024-final.txt", .final, "2010102", "一般行政管理事务", 12_00),
                     // A 预算 of another entity with no 决算: nothing executed to report.
                     Fact(document: "c.txt", line: 3, column: 2, region: "潼南区", entity: "重庆市潼南区某委", entityCode: nil, year: 2024,
                          stage: .budget, table: .generalBudgetByFunction, code: "201", item: "一般公共服务支出", measure: .total,
                          amount: Money(fen: 1_00), sourceUnit: .wanyuan, derived: false)]
        let rows = rows(facts)
        XCTAssertEqual(rows.map { $0.code ?? $0.item }, ["合计", "2010101", "2010102"])
        XCTAssertEqual(rows[1].sources, ["a-2024-budget.txt", "b-2024-final.txt"])
        XCTAssertEqual(rows[1].rate?.decimalString, "95.50")
        XCTAssertEqual(rows[1].difference?.yuanString, "-4500.00")
        XCTAssertNil(rows[2].rate, "a zero budget has no rate")
        XCTAssertNil(rows[0].final)
    }

    /// A 决算 is checked in its own stage: income and expenditure need not balance, 支出决算表 totals hold
    /// more than basic + project, 收入总计 is the summary's 总计. What is left is the PDF's own discrepancy.
    func testChecksOnAFinal() throws {
        let doc = try DocumentReader().read(data: Data(try Self.putuoText().utf8), name: "putuo-2024-final-caizhengju.txt")
        let errors = ConsistencyChecks.run(doc.facts).filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.rule), ["same-figure"], errors.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(errors[0].message.contains("326.71"), errors[0].message)
    }
}
