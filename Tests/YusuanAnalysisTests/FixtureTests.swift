import XCTest
import YusuanCore
import YusuanIngest

/// The analysis fixtures are the samples' own facts, line for line: a fixture that drifts from what
/// the reader gives would test a path the real documents never take.
final class FixtureTests: XCTestCase {
    struct Key: Hashable {
        var document: String, line: Int, region: String, entity: String, entityCode: String?, year: Int
        var stage: Stage, table: TableKind, code: String?, item: String, measure: Measure, amount: Money
        var unit: MoneyUnit, derived: Bool
        init(_ f: Fact) {
            document = f.document; line = f.line; region = f.region; entity = f.entity; entityCode = f.entityCode
            year = f.year; stage = f.stage; table = f.table; code = f.code; item = f.item; measure = f.measure
            amount = f.amount; unit = f.sourceUnit; derived = f.derived
        }
    }

    func testSangongFixtureIsWhatTheSamplesGive() throws {
        var read = Set<Key>()
        for name in [Sample.cqjkq, Sample.tongnan, Sample.yubei] {
            let doc = try DocumentReader().read(fileAt: Sample.directory.appendingPathComponent(name))
            read.formUnion(doc.facts.filter { $0.table == .sangong }.map(Key.init))
        }
        let fixture = Sample.sangongFacts
        XCTAssertEqual(fixture.count, 39)
        for f in fixture {
            XCTAssertTrue(read.contains(Key(f)), "not what the sample gives: \(f.document) line \(f.line) \(f.year) \(f.item) \(f.measure) \(f.amount)")
        }
    }
}
