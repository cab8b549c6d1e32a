import XCTest
@testable import YusuanCore

/// `FactList.originNumbers`, which the store keeps each fact's origin by (store v9), against the
/// plain definition: the distinct (region, code, province, entity, entity code, year, stage, table)
/// of the facts in order of first occurrence, each fact numbered by its own.
final class FactListTests: XCTestCase {
    func fact(_ doc: String, entity: String, year: Int, stage: Stage, table: TableKind, line: Int) -> Fact {
        Fact(document: doc, line: line, column: 1, region: "渝北区", entity: entity, entityCode: nil, year: year, stage: stage,
             table: table, code: nil, item: "合计", measure: .total, amount: Money(fen: Int64(line)), sourceUnit: .yuan,
             derived: false, page: nil, regionCode: "500112", province: "重庆市")
    }

    func reference(_ facts: [Fact]) -> (origins: [FactList.Origin], ofFact: [UInt32]) {
        var origins: [FactList.Origin] = []
        let numbers = facts.map { f -> UInt32 in
            let o = FactList.Origin(region: f.region, regionCode: f.regionCode, province: f.province, entity: f.entity,
                                    entityCode: f.entityCode, year: f.year, stage: f.stage, table: f.table)
            if let k = origins.firstIndex(of: o) { return UInt32(k) }
            origins.append(o)
            return UInt32(origins.count - 1)
        }
        return (origins, numbers)
    }

    func testOriginsAreNumberedAsTheirValuesFirstOccur() {
        var generator = SystemRandomNumberGenerator()
        // Stages alternating fact by fact (a 决算's 预算数 and 决算数), several documents with the same
        // origins, and more than a few dozen entities (past the pairwise comparison).
        for entities in [1, 3, 47, 48, 49, 120] {
            var facts: [Fact] = []
            for line in 0..<600 {
                let doc = ["a.txt", "b.txt"][Int.random(in: 0...1, using: &generator)]
                facts.append(fact(doc, entity: "单位\(Int.random(in: 0..<entities, using: &generator))", year: 2024 + line % 2,
                                  stage: line % 3 == 0 ? .budget : .final, table: [.summary, .sangong][line / 300], line: line))
            }
            let list = FactList(facts)
            let (origins, ofFact) = list.originNumbers()
            let expected = reference(facts)
            XCTAssertEqual(origins, expected.origins, "\(entities) entities")
            XCTAssertEqual(ofFact, expected.ofFact, "\(entities) entities")
            XCTAssertGreaterThan(origins.count, min(entities, 2) * 2)
        }
        XCTAssertEqual(FactList([]).originNumbers().origins, [])
    }
}
