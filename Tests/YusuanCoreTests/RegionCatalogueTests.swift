import XCTest
import YusuanCore

final class RegionCatalogueTests: XCTestCase {
    let cat = RegionCatalogue.shared

    func testCatalogueSizeAndUniqueCodes() {
        let current = cat.current
        let provinces = current.filter { $0.level == .province }
        let prefectures = current.filter { $0.level == .prefecture }
        let counties = current.filter { $0.level == .county }
        XCTAssertEqual(provinces.count, 34)   // 31 mainland, 台湾, 香港, 澳门
        XCTAssertEqual(prefectures.count, 333)
        XCTAssertEqual(counties.count, 2843)
        let codes = current.compactMap(\.code)
        XCTAssertEqual(Set(codes).count, codes.count)
        XCTAssertTrue(codes.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isNumber) })
        XCTAssertEqual(current.filter { $0.level == .zone }.count, current.filter { $0.code == nil }.count)
        XCTAssertEqual(cat.entry(code: "330903")?.fullName, "浙江省舟山市普陀区")
        XCTAssertEqual(cat.entry(code: "500240")?.aliases, ["石柱县"])
    }

    func testLookupAndFind() {
        XCTAssertEqual(cat.lookup("普陀区").compactMap(\.code), ["310107", "330903"])
        XCTAssertEqual(cat.lookup("上海普陀").compactMap(\.code), ["310107"])
        XCTAssertEqual(cat.lookup("舟山普陀区").compactMap(\.code), ["330903"])
        XCTAssertEqual(cat.lookup("浙江省舟山市普陀区").compactMap(\.code), ["330903"])
        XCTAssertEqual(cat.lookup("开县").compactMap(\.code), ["500154"])
        XCTAssertEqual(cat.lookup("万盛区").map(\.name), ["万盛经济技术开发区"])
        XCTAssertEqual(cat.label(region: "普陀区", code: "330903"), "舟山普陀区")
        XCTAssertEqual(cat.label(region: "渝北区", code: "500112"), "渝北区")
        XCTAssertEqual(Region.find(in: "重庆市石柱县财政局"), "石柱土家族自治县")
        XCTAssertEqual(Region.find(in: "重庆市潼南县财政局"), "潼南区")
        XCTAssertEqual(Region.find(in: "湖南省发展和改革委员会"), "湖南省")
        XCTAssertNil(Region.find(in: "朝阳区教育委员会"))   // 北京 or 长春
        XCTAssertNil(Region.find(in: "召开县委常委会"))      // 开县 inside a word is no region
    }
}
