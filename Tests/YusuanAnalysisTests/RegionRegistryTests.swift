import Foundation
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanAnalysis

/// Two districts of one short name (上海普陀区, 舟山普陀区) stay two in the registry and in 三公 tables.
final class RegionRegistryTests: XCTestCase {
    /// The 渝北区 sample re-homed; `entity` replaces the entity's printed name everywhere.
    static func rehomed(_ full: String, entity: String) throws -> [Fact] {
        let original = try String(contentsOf: Sample.directory.appendingPathComponent(Sample.yubei), encoding: .utf8)
        let text = original.replacingOccurrences(of: Sample.yubeiEntity, with: entity)
            .replacingOccurrences(of: "重庆市渝北区", with: full).replacingOccurrences(of: "渝北区", with: "普陀区")
        return try DocumentReader().read(data: Data(text.utf8), name: "\(full).txt").facts
    }

    func testTwoPutuosStayApart() throws {
        // The same printed entity name in both: only the region code tells them apart.
        let facts = try Self.rehomed("上海市普陀区", entity: "上海市普陀区财政局")
            + Self.rehomed("浙江省舟山市普陀区", entity: "浙江省舟山市普陀区财政局")
            + Self.rehomed("浙江省舟山市普陀区", entity: "普陀区财政局").map { f in var f = f; f.document = "zs2.txt"; return f }
        let reg = EntityRegistry(facts: facts)
        XCTAssertEqual(reg.records.map { "\($0.region) \($0.name)" }, ["上海普陀区 上海市普陀区财政局", "舟山普陀区 普陀区财政局"])
        XCTAssertEqual(reg.records[1].aliases, ["浙江省舟山市普陀区财政局"])
        let rows = Sangong.rows(SeriesBuilder.build(facts: facts, registry: reg), years: []).rows
        XCTAssertEqual(rows.map { "\($0.entity.region) \($0.year) \($0.total?.yuanString ?? "-")" },
                       ["上海普陀区 2023 125000.00", "上海普陀区 2024 60000.00", "舟山普陀区 2023 125000.00", "舟山普陀区 2024 60000.00"])
        func kept(_ r: String) -> [String] { reg.records.filter { reg.matches($0, regions: [r]) }.map(\.region) }
        XCTAssertEqual(kept("舟山普陀"), ["舟山普陀区"])
        XCTAssertEqual(kept("310107"), ["上海普陀区"])
        XCTAssertEqual(kept("浙江省舟山市普陀区"), ["舟山普陀区"])
        XCTAssertEqual(kept("普陀区"), ["上海普陀区", "舟山普陀区"])
        XCTAssertEqual(kept("渝北区"), [])
    }
}
