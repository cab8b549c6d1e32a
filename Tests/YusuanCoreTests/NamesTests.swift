import XCTest
@testable import YusuanCore

final class NamesTests: XCTestCase {
    func testEveryTableHasChineseNamesAndTheyResolve() {
        for t in TableKind.allCases { XCTAssertTrue(Names.tables.values.contains(t), t.rawValue) }
        XCTAssertEqual(Names.table("三公"), .sangong)
        XCTAssertEqual(Names.table("三公经费"), .sangong)
        XCTAssertEqual(Names.table("一般公共预算财政拨款支出表"), .generalBudgetByFunction)
        XCTAssertEqual(Names.table("sangong"), .sangong)
        XCTAssertEqual(Names.table("支出总表"), .expenditureByFunction)   // also the catalogue's title
        XCTAssertNil(Names.table("三工"))
    }

    func testMeasuresInChinese() {
        XCTAssertEqual(Names.measure("基本支出"), .basic)
        XCTAssertEqual(Names.measure("公务接待"), .reception)
        XCTAssertEqual(Names.measure("货物"), .goods)                     // from the catalogue
        XCTAssertEqual(Names.measure("total"), .total)
        XCTAssertNil(Names.measure("基本"))
    }
}
