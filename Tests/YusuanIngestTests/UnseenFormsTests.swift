import XCTest
import YusuanTestSupport
import YusuanCore
@testable import YusuanIngest

/// Eight disclosures in forms the samples do not show (决算 with 预算数 and 决算数 groups, a 事业单位
/// with 事业收入, pre-2014 titles, 表1-1 number cells with the unit on the title line, 类|款(|项)
/// code columns, project ids alone in their cell, whole-number 合计, counties and old county names,
/// other ways of stating a change). Exactly the expected facts must come out, on their lines, in their
/// stages: none missing, none extra.
final class UnseenFormsTests: XCTestCase {
    struct Expected: Decodable {
        struct Meta: Decodable {
            let region: String; let region_code: String?; let province: String; let entity: String; let year: Int; let stage: String
            /// Strict fixtures list every table and warning too (every fixture lists every fact).
            let strict: Bool?
        }
        struct Table: Decodable, Equatable { let line: Int; let kind: String; let title: String; let facts: Int; let note: String? }
        struct Item: Decodable {
            let line: Int; let table: String; let code: String?; let item: String; let measure: String
            let year: Int; let amount_yuan: String; let source_unit: String; let derived: Bool; let stage: String
            /// Narrative labels are the reader's own words: matched by amount, not by label.
            let loose: Bool
            // `line` 9999: any line (a figure derived from several sentences).
        }
        let meta: Meta
        let tables: [Table]?
        struct Warning: Decodable, Equatable { let line: Int; let rule: String }
        let warnings: [Warning]?
        let exp: [Item]
    }

    static func read(_ url: URL) throws -> (doc: ParsedDocument, shift: Int) {
        (try DocumentReader().read(fileAt: url), 0)
    }

    let dir = Repo.unseen

    func testEveryFigureComesOut() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertEqual(names.count, 16)
        for name in names {
            let (doc, shift) = try Self.read(dir.appendingPathComponent(name))
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent(
                String(name.dropLast(4)) + ".expected.json")))
            XCTAssertEqual(doc.identity.region, expected.meta.region, name)
            XCTAssertEqual(doc.identity.regionCode, expected.meta.region_code, name)
            XCTAssertEqual(doc.identity.province, expected.meta.province, name)
            XCTAssertEqual(doc.identity.entity, expected.meta.entity, name)
            XCTAssertEqual(doc.identity.year, expected.meta.year, name)
            XCTAssertEqual(doc.identity.stage.rawValue, expected.meta.stage, name)
            var unused = doc.facts
            for e in expected.exp {
                let i = unused.firstIndex { f in
                    (f.line - shift == e.line || e.line == 9999) && f.table.rawValue == e.table && f.measure.rawValue == e.measure && f.year == e.year
                        && f.amount.yuanString == e.amount_yuan && f.derived == e.derived
                        && (e.loose || (f.code == e.code && f.item == e.item && f.sourceUnit.rawValue == e.source_unit
                                        && f.stage.rawValue == e.stage))
                }
                XCTAssertNotNil(i, "\(name):\(e.line): \(e.table) \(e.code ?? "") \(e.item) \(e.measure) \(e.year) \(e.amount_yuan) \(e.stage)\(e.derived ? " derived" : "")")
                if let i { unused.remove(at: i) }
            }
            XCTAssertEqual(unused.count, 0, "\(name): facts not expected: " + unused.prefix(5).map {
                "\($0.line - shift) \($0.table.rawValue) \($0.code ?? "") \($0.item) \($0.measure.rawValue) \($0.year) \($0.stage.rawValue) \($0.amount.yuanString)\($0.derived ? " derived" : "")" }.joined(separator: "; "))
            guard expected.meta.strict == true else { continue }
            let tables = doc.tables.map { Expected.Table(line: $0.line - shift, kind: $0.kind.rawValue, title: $0.title, facts: $0.facts, note: $0.note) }
            XCTAssertEqual(tables, expected.tables ?? [], name)
            let warnings = doc.warnings.map { Expected.Warning(line: $0.line - shift, rule: $0.rule) }
                .sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
            XCTAssertEqual(warnings, expected.warnings ?? [], name)
        }
    }
}
