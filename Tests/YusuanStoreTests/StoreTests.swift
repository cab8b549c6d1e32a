import GRDB
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanStore

let storeSamples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples")

final class StoreTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func read(_ name: String) throws -> ParsedDocument {
        try DocumentReader().read(fileAt: storeSamples.appendingPathComponent(name))
    }

    func testIngestTwiceReplacesNeverDuplicates() throws {
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        let doc = try read("yubei-2024-linkong.txt")
        let first = try store.ingest(doc)
        XCTAssertEqual(first.replaced, 0)
        let second = try store.ingest(doc)
        XCTAssertEqual(second.replaced, 1)
        XCTAssertEqual(try store.documents().count, 1)
        XCTAssertEqual(try store.factCount(), doc.facts.count)
        XCTAssertEqual(try store.documents().first?.factCount, 290)
    }

    func testRoundTripAndFilters() throws {
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        for n in ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt"] { try store.ingest(try read(n)) }
        let tongnan = try read("tongnan-2024-jingxinwei.txt")
        XCTAssertEqual(try store.facts(FactQuery(regions: ["潼南区"])), tongnan.facts)
        let sangong = try store.facts(FactQuery(years: [2024], tables: [.sangong]))
        XCTAssertEqual(Set(sangong.map(\.entity)), ["重庆经济技术开发区管理委员会", "重庆市潼南区经济和信息化委员会"])
        let derived = sangong.first { $0.entity == "重庆经济技术开发区管理委员会" && $0.measure == .total }
        XCTAssertEqual(derived?.amount.yuanString, "2070900.00")
        XCTAssertEqual(derived?.derived, true)
        let docs = try store.documents()
        XCTAssertEqual(docs.map(\.name), ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt"])
        XCTAssertEqual(docs.first?.identity.entityCode, "109")
        XCTAssertEqual(docs.first?.tables.first?.kind, .summary)
    }

    func testExportIsDeterministicAndOrdered() throws {
        var outputs: [String] = []
        for run in 0..<2 {
            let store = try FactStore(path: dir.appendingPathComponent("s\(run).sqlite").path)
            // Different ingest order, same export.
            let names = ["yubei-2024-linkong.txt", "wansheng-2025-special-funds.txt", "tongnan-2024-jingxinwei.txt"]
            for n in run == 0 ? names : names.reversed() { try store.ingest(try read(n)) }
            let facts = try store.facts()
            outputs.append(facts.map(FactExport.jsonLine).joined(separator: "\n"))
            let keys = facts.map { "\($0.document)|\(String(format: "%06d", $0.line))|\(String(format: "%03d", $0.column))" }
            XCTAssertEqual(keys, keys.sorted())
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertTrue(outputs[0].hasPrefix(#"{"document":"tongnan-2024-jingxinwei.txt""#))
    }

    func testWarningsAreStoredWithFileAndLine() throws {
        let store = try FactStore(path: dir.appendingPathComponent("s.sqlite").path)
        try store.ingest(try read("cqjkq-2025-guanweihui.txt"))
        let w = try store.diagnostics(document: "cqjkq-2025-guanweihui.txt")
        XCTAssertTrue(w.contains { $0.line == 276 && $0.rule == "missing-header" && $0.document == "cqjkq-2025-guanweihui.txt" })
    }

    /// The writing connection does not check foreign keys (each of a fact's inserts looked its
    /// document up): a document replaced (same content, or a new version under its name) or
    /// removed leaves no row behind in any table that refers to documents, and the store holds
    /// what a new one holding only the survivors holds.
    func testReplacedAndRemovedDocumentsLeaveNoRowBehind() throws {
        let names = ["yubei-2024-linkong.txt", "wansheng-2025-special-funds.txt", "tongnan-2024-jingxinwei.txt"]
        let path = dir.appendingPathComponent("s.sqlite").path
        let store = try FactStore(path: path)
        for n in names { try store.ingest(try read(n)) }
        // A new version of 临空: its file with a line added, the same name and identity.
        var changed = try Data(contentsOf: storeSamples.appendingPathComponent(names[0]))
        changed.append(contentsOf: Array("\n（本版本更正了排版。）\n".utf8))
        let newVersion = try DocumentReader().read(data: changed, name: names[0])
        XCTAssertEqual(try store.ingest(newVersion).replaced, 1)
        XCTAssertEqual(try store.ingest(try read(names[2])).replaced, 1)   // the same content again
        XCTAssertEqual(try store.remove(documents: [names[1], names[1]]), 1)
        try store.close()

        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        let other = try FactStore(path: fresh)
        try other.ingest(newVersion)
        try other.ingest(try read(names[2]))
        try other.close()
        func rowsByTable(_ path: String) throws -> [String: Int] {
            try DatabaseQueue(path: path).read { db in
                XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, 0, "rows of gone documents in \(path)")
                let children = try String.fetchAll(db, sql: """
                    SELECT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
                    WHERE m.type = 'table' AND f."table" = 'document'
                    """)
                XCTAssertEqual(Set(children), ["fact_pack", "fact_origin", "diagnostic", "document_text"])
                var rows: [String: Int] = [:]
                for t in children + ["document"] { rows[t] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") }
                return rows
            }
        }
        let kept = try rowsByTable(path)
        XCTAssertEqual(kept, try rowsByTable(fresh))
        XCTAssertEqual(kept["document"], 2)
        XCTAssertEqual(kept["fact_pack"], try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fact_origin") })
        XCTAssertGreaterThan(kept["document_text"] ?? 0, 1)
    }

    /// `fact_origin` (store v9) holds each document's distinct origins, numbered 0, 1, … in order,
    /// each used by facts, every fact's among them, through ingest, replacement and removal; the
    /// facts read back through their origins are the documents' own; `factOrigins` filters it as
    /// it did the facts.
    func testFactOriginsAreTheFactsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-origins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let store = try FactStore(path: path)
        let samples = try FileManager.default.contentsOfDirectory(at: storeSamples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        XCTAssertEqual(samples.count, 4)
        var parsed: [ParsedDocument] = []
        for url in samples { parsed.append(try DocumentReader().read(fileAt: url)); try store.ingest(parsed[parsed.count - 1]) }
        try store.ingest(try DocumentReader().read(fileAt: samples[0]))   // replaces itself
        for doc in parsed {
            XCTAssertEqual(try store.facts(FactQuery(documents: [doc.name])), doc.facts, doc.name)
        }
        XCTAssertEqual(try store.factCount(), parsed.reduce(0) { $0 + $1.facts.count })
        let queue = try DatabaseQueue(path: path)
        func mismatches() throws -> Int {
            try queue.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM (SELECT document_id, origin FROM fact_pack EXCEPT SELECT document_id, origin FROM fact_origin))
                         + (SELECT COUNT(*) FROM (SELECT document_id, origin FROM fact_origin EXCEPT SELECT document_id, origin FROM fact_pack))
                         + (SELECT COUNT(*) - (SELECT COUNT(*) FROM (SELECT DISTINCT document_id, tbl, stage, region, region_code,
                                                                     province, entity, entity_code, year FROM fact_origin)) FROM fact_origin)
                         + (SELECT COUNT(*) FROM (SELECT document_id FROM fact_origin GROUP BY document_id
                                                  HAVING MIN(origin) != 0 OR MAX(origin) != COUNT(*) - 1))
                    """) ?? -1
            }
        }
        XCTAssertEqual(try mismatches(), 0)
        let rows = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fact_origin") ?? 0 }
        XCTAssertGreaterThan(rows, 40)
        // The wansheng special-funds document prints facts of several entities.
        let wansheng = try store.factOrigins(FactQuery(documents: ["wansheng-2025-special-funds.txt"]))
        XCTAssertGreaterThan(Set(wansheng.map(\.entity)).count, 5)
        XCTAssertEqual(try store.factOrigins(FactQuery(entities: ["重庆经济技术开发区管理委员会"], tables: [.expenditureByFunction])).map(\.year),
                       [2025])
        try store.remove(documents: ["wansheng-2025-special-funds.txt"])
        XCTAssertEqual(try mismatches(), 0)
        XCTAssertEqual(try store.factOrigins(FactQuery(documents: ["wansheng-2025-special-funds.txt"])), [])
    }
}

/// Store v9: a v8 store (every fact with its origin's text, two indexes on it) is migrated to the
/// same facts, its origins numbered as an ingest numbers them, and the freed pages given back.
final class FactOriginMigrationTests: XCTestCase {
    func testV8FactsAreMigratedToTheSameFactsByOrigin() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-v9-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let expected: [Fact]
        let origins = "SELECT * FROM fact_origin ORDER BY document_id, origin"
        let expectedOrigins: [Row]
        do {
            let store = try FactStore(path: path)
            for name in ["wansheng-2025-special-funds.txt", "yubei-2024-linkong.txt", "tongnan-2024-jingxinwei.txt"] {
                try store.ingest(try DocumentReader().read(fileAt: storeSamples.appendingPathComponent(name)))
            }
            expected = try store.facts()
            try store.close()
            expectedOrigins = try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: origins) }
        }
        XCTAssertEqual(expected.count, 744)   // the three samples' facts
        // Rewritten as v8 wrote it (from v9's rows).
        try DatabaseQueue(path: path).write { db in
            try unpackToV9(db)
            try db.execute(sql: """
                CREATE TABLE fact_v8 ("document_id" INTEGER NOT NULL REFERENCES "document"("id") ON DELETE CASCADE,
                    "seq" INTEGER NOT NULL, "line" INTEGER NOT NULL, "col" INTEGER NOT NULL, "region" TEXT NOT NULL,
                    "entity" TEXT NOT NULL, "entity_code" TEXT, "year" INTEGER NOT NULL, "stage" TEXT NOT NULL, "tbl" TEXT NOT NULL,
                    "code" TEXT, "item" TEXT NOT NULL, "measure" TEXT NOT NULL, "amount_fen" INTEGER NOT NULL,
                    "source_unit" TEXT NOT NULL, "derived" BOOLEAN NOT NULL, "page" INTEGER, "region_code" TEXT,
                    "province" TEXT NOT NULL DEFAULT '', PRIMARY KEY ("document_id", "seq"));
                INSERT INTO fact_v8 SELECT f.document_id, f.seq, f.line, f.col, o.region, o.entity, o.entity_code, o.year,
                    o.stage, o.tbl, f.code, f.item, f.measure, f.amount_fen, f.source_unit, f.derived, f.page, o.region_code, o.province
                    FROM fact f JOIN fact_origin o USING (document_id, origin) ORDER BY f.document_id, f.seq;
                DROP TABLE fact;
                DROP TABLE fact_origin;
                ALTER TABLE fact_v8 RENAME TO fact;
                CREATE INDEX "fact_by_entity" ON "fact"("entity", "tbl", "year");
                CREATE INDEX "fact_by_region" ON "fact"("region", "year");
                CREATE TABLE "fact_origin" ("document_id" INTEGER NOT NULL REFERENCES "document"("id") ON DELETE CASCADE,
                    "tbl" TEXT NOT NULL, "stage" TEXT NOT NULL, "region" TEXT NOT NULL, "region_code" TEXT, "entity" TEXT NOT NULL,
                    "entity_code" TEXT, "year" INTEGER NOT NULL);
                CREATE INDEX "fact_origin_on_document_id" ON "fact_origin"("document_id");
                INSERT INTO fact_origin \(FactStore.originsOfV8Facts);
                DELETE FROM grdb_migrations WHERE identifier LIKE 'v9:%';
                """)
        }
        let migrated = try FactStore(path: path)
        XCTAssertEqual(try migrated.facts(), expected)
        XCTAssertEqual(try migrated.factOrigins().count, 33)
        try migrated.close()
        let (rows, tables, indexes, free) = try DatabaseQueue(path: path).read {
            (try Row.fetchAll($0, sql: origins),
             try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
             try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'fact%' ORDER BY name"),
             try Int.fetchOne($0, sql: "PRAGMA freelist_count"))
        }
        XCTAssertEqual(rows, expectedOrigins, "numbered as an ingest numbers them")
        XCTAssertEqual(rows.count, 80)
        XCTAssertEqual(tables, ["diagnostic", "document", "document_text", "fact_origin", "fact_pack", "grdb_migrations", "sqlite_sequence"])
        XCTAssertEqual(indexes, ["fact_origin_by_entity", "fact_origin_by_region", "sqlite_autoindex_fact_pack_1"])
        XCTAssertEqual(free, 0, "the facts' freed pages are given back")
    }

    /// Store v10: a v9 store (a row per fact) is migrated to the packs an ingest writes, byte for
    /// byte, with the same facts, and the freed pages given back.
    func testV9FactsAreMigratedToThePacksAnIngestWrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-v10-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let packs = "SELECT document_id, origin, part, fact_count, facts FROM fact_pack ORDER BY document_id, origin, part"
        let store = try FactStore(path: path)
        for name in ["wansheng-2025-special-funds.txt", "yubei-2024-linkong.txt", "tongnan-2024-jingxinwei.txt"] {
            try store.ingest(try DocumentReader().read(fileAt: storeSamples.appendingPathComponent(name)))
        }
        // And a long table, whose facts take several parts.
        var long = "重庆市渝北区测试局2025年部门预算情况说明\n\n重庆市渝北区测试局2025年项目支出明细表\n单位：万元\n项目名称\t科目编码\t金额\n"
        for i in 0..<6_000 { long += "项目\(i)\t2010101\t\(i % 1000).50\n" }
        try store.ingest(try DocumentReader().read(data: Data(long.utf8), name: "long.txt"))
        let expected = try store.facts()
        try store.close()
        let written = try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: packs) }
        XCTAssertEqual(written.filter { ($0["part"] as Int) > 0 }.count, 1, "the long table's second part")
        let v9Rows = try DatabaseQueue(path: path).write { db in
            try unpackToV9(db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fact") ?? 0
        }
        XCTAssertEqual(v9Rows, 6_744)
        let migrated = try FactStore(path: path)
        XCTAssertEqual(try migrated.facts(), expected)
        XCTAssertEqual(try migrated.factCount(), 6_744)
        try migrated.close()
        let (rows, free, factTable) = try DatabaseQueue(path: path).read {
            (try Row.fetchAll($0, sql: packs), try Int.fetchOne($0, sql: "PRAGMA freelist_count"), try $0.tableExists("fact"))
        }
        XCTAssertEqual(rows, written)
        XCTAssertEqual(rows.count, 82)
        XCTAssertEqual(free, 0, "the rows' freed pages are given back")
        XCTAssertFalse(factTable)
    }
}

/// Turns a store's packs back into store v9's rows, a fact each (the table as migration v9 made
/// it), as a store of that version holds them.
func unpackToV9(_ db: Database) throws {
    try db.execute(sql: """
        CREATE TABLE "fact" ("document_id" INTEGER NOT NULL REFERENCES "document"("id") ON DELETE CASCADE,
            "origin" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "page" INTEGER, "line" INTEGER NOT NULL, "col" INTEGER NOT NULL,
            "code" TEXT, "item" TEXT NOT NULL, "measure" TEXT NOT NULL, "amount_fen" INTEGER NOT NULL, "source_unit" TEXT NOT NULL,
            "derived" BOOLEAN NOT NULL, PRIMARY KEY ("document_id", "origin", "seq")) WITHOUT ROWID
        """)
    let insert = try db.makeStatement(sql: "INSERT INTO fact VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    for row in try Row.fetchAll(db, sql: "SELECT document_id, origin, fact_count, facts FROM fact_pack ORDER BY document_id, origin, part") {
        let document: Int64 = row[0], origin: Int64 = row[1], count: Int = row[2], bytes: Data = row[3]
        try bytes.withUnsafeBytes { pack in
            try FactPack.decode(pack, count: count) { f in
                try insert.execute(arguments: [document, origin, f.seq, f.page, f.line, f.column, f.code, f.item,
                                               f.measure.rawValue, f.amountFen, f.unit.rawValue, f.derived])
            }
        }
    }
    try db.execute(sql: "DROP TABLE fact_pack; DELETE FROM grdb_migrations WHERE identifier LIKE 'v10:%'")
}
