import Foundation
import GRDB
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanStore

/// A store file the first version of yusuan wrote, migrated by this version, holds what a fresh
/// ingest of the same document stores. The fixture is that version's own output (see
/// `Fixtures/README.md`), so the test covers the schema as it was shipped, not as remembered.
final class FirstVersionStoreTests: XCTestCase {
    private static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    private static let fixture = here.appendingPathComponent("Fixtures/first-version.sqlite")
    private static let sample = here.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/wansheng-2025-special-funds.txt")

    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testFirstVersionStoreMigratesToWhatAFreshIngestStores() throws {
        let path = dir.appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
        // What the first version wrote: its one migration, and none of the later columns.
        let before = try DatabaseQueue(path: path)
        try before.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), ["v1: documents, facts, diagnostics"])
            XCTAssertFalse(try db.columns(in: "fact").map(\.name).contains("province"))
            XCTAssertFalse(try db.tableExists("text_line"))
        }
        try before.close()

        let migrated = try FactStore(path: path)
        let fresh = try FactStore(path: dir.appendingPathComponent("fresh.sqlite").path)
        try fresh.ingest(try DocumentReader().read(fileAt: Self.sample))
        let applied = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        XCTAssertEqual(Set(applied), Set(FactStore.migrator.migrations))

        let old = try XCTUnwrap(try migrated.documents().first), new = try XCTUnwrap(try fresh.documents().first)
        XCTAssertEqual(try migrated.documents().count, 1)
        XCTAssertEqual(old.name, new.name)
        XCTAssertEqual(old.contentHash, new.contentHash)
        // Region code and province come from migration v3, as a fresh ingest reads them.
        XCTAssertEqual(old.identity, new.identity)
        XCTAssertEqual(old.identity.province, "重庆市")
        XCTAssertEqual(old.unit, new.unit)
        XCTAssertEqual(old.tables, new.tables)
        XCTAssertEqual(old.factCount, new.factCount)
        XCTAssertEqual(old.byteCount, new.byteCount)
        // What the first version did not record stays unknown rather than invented.
        XCTAssertEqual(old.coverage, Coverage())
        XCTAssertNil(old.pageCount)
        XCTAssertNil(old.sourcePath)
        XCTAssertEqual(try migrated.textLines(document: old.name), [])

        let oldFacts = try migrated.facts(), newFacts = try fresh.facts()
        XCTAssertEqual(oldFacts.count, 104)
        XCTAssertEqual(oldFacts, newFacts)
        // Migration v8 gathered the facts' origins as a fresh ingest records them.
        XCTAssertEqual(try migrated.factOrigins(), try fresh.factOrigins())
        XCTAssertEqual(try migrated.factOrigins().count, 29)
        // And the migrated store takes the document again as the same content, replacing it.
        XCTAssertEqual(try migrated.ingest(try DocumentReader().read(fileAt: Self.sample)).replaced, 1)
        XCTAssertEqual(try migrated.facts(), newFacts)
    }
}
