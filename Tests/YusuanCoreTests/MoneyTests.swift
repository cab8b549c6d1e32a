import XCTest
@testable import YusuanCore

final class MoneyTests: XCTestCase {
    func testExactParsing() {
        XCTAssertEqual(try Money.parse(plain: "118708.76", unit: .wanyuan).get().fen, 118_708_760_000)
        XCTAssertEqual(try Money.parse(plain: "118708.76", unit: .wanyuan).get().yuanString, "1187087600.00")
        XCTAssertEqual(try Money.parse(plain: "0.1", unit: .yuan).get().fen, 10)
        XCTAssertEqual(try Money.parse(plain: "-23.56", unit: .wanyuan).get().yuanString, "-235600.00")
        XCTAssertEqual(Money.parse(plain: "1.005", unit: .yuan), .failure(.tooPrecise))
        XCTAssertEqual(Money.parse(plain: "99999999999999999999", unit: .yuan), .failure(.tooLarge))
        XCTAssertEqual(Money.parse(plain: "", unit: .yuan), .failure(.empty))
    }

    func testFormatting() {
        let m = Money(fen: 118_708_760_000)
        XCTAssertEqual(m.formatted(in: .wanyuan), "118,708.76 万元")
        XCTAssertEqual(Money(fen: 183_530_000).decimalString(in: .wanyuan), "183.53")
        XCTAssertEqual(Money(fen: 5).decimalString(in: .wanyuan), "0.00")
        XCTAssertEqual(Money(fen: -1_138).decimalString(in: .yuan), "-11.38")
        XCTAssertEqual(Money(fen: 500).decimalString(in: .wanyuan, places: 4), "0.0005")
    }

    func testCodes() {
        XCTAssertEqual(SubjectCode("2010301")?.parent?.digits, "20103")
        XCTAssertEqual(SubjectCode("2010301")?.ancestors.map(\.digits), ["201", "20103"])
        XCTAssertEqual(SubjectCode("50201")?.family, .governmentEconomic)
        XCTAssertEqual(SubjectCode("302")?.level, .lei)
        XCTAssertNil(SubjectCode("2010"))
    }

    func testRegions() {
        XCTAssertEqual(Region.find(in: "重庆市潼南经济和信息化委员会部门收支总表"), "潼南区")
        XCTAssertEqual(Region.find(in: "重庆经济技术开发区管理委员会"), "重庆经济技术开发区")
        XCTAssertEqual(Region.find(in: "211-中共重庆市万盛经济技术开发区工作委员会组织部"), "万盛经济技术开发区")
        XCTAssertEqual(Region.find(in: "重庆市綦江区财政局"), "綦江区")
        XCTAssertEqual(Region.find(in: "北京市朝阳区"), "朝阳区")
    }

    func testExportFormats() {
        let f = Fact(document: "a,b.txt", line: 3, column: 2, region: "渝北区", entity: "某\"局\"", entityCode: nil,
                     year: 2024, stage: .budget, table: .sangong, code: nil, item: "合计", measure: .total,
                     amount: Money(fen: 6_000_000), sourceUnit: .yuan, derived: false,
                     page: 7, regionCode: "500112", province: "重庆市")
        XCTAssertEqual(FactExport.jsonLine(f), #"{"document":"a,b.txt","page":7,"line":3,"region":"渝北区","region_code":"500112","province":"重庆市","entity":"某\"局\"","entity_code":null,"year":2024,"stage":"budget","table":"sangong","code":null,"item":"合计","measure":"total","amount_yuan":"60000.00","source_unit":"元","derived":false}"#)
        XCTAssertEqual(FactExport.csvLine(f), "\"a,b.txt\",7,3,渝北区,500112,重庆市,\"某\"\"局\"\"\",,2024,budget,sangong,,合计,total,60000.00,元,false\r\n")
        XCTAssertTrue(FactExport.csvHeader().hasPrefix("\u{FEFF}document,page,line,region,region_code,province,entity,"))
    }
}
