import Foundation
import GRDB
import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanStore

/// Store v4: each document's text lines (for the audit) and the path it was read from (for
/// `check --annotate`), replaced with the document; v7: the lines in a few values of whole lines per document.
final class TextLineTests: XCTestCase {
    private func temporaryStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-lines-\(UUID().uuidString).sqlite").path
    }
    private func remove(_ path: String) { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }

    func testLinesAndSourcePathAreStoredAndReplaced() throws {
        let path = temporaryStore()
        defer { remove(path) }
        let store = try FactStore(path: path)
        let url = storeSamples.appendingPathComponent("yubei-2024-linkong.txt")
        let doc = try DocumentReader().read(fileAt: url)
        try store.ingest(doc)
        try store.ingest(doc)
        let lines = try store.textLines(document: "yubei-2024-linkong.txt")
        XCTAssertEqual(lines.count, doc.lines.count)
        XCTAssertEqual(lines, doc.lines)
        let l99 = try XCTUnwrap(lines.first { $0.line == 99 })
        XCTAssertTrue(l99.narrative && l99.text.contains("金额 539,000 元"))
        XCTAssertNil(l99.page)
        XCTAssertEqual(lines.first { $0.line == 173 }?.narrative, false)   // a table row: 合计 …
        XCTAssertEqual(try store.documents().first?.sourcePath, url.standardizedFileURL.path)
        // One value for a document under 64 KB, replaced with it.
        let rows = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM document_text") }
        XCTAssertEqual(rows, 1)
        XCTAssertEqual(try store.textLines(document: "no such document"), [])
    }

    func testTheEncodingKeepsEveryFieldAndRefusesWhatItDidNotWrite() throws {
        let lines = [TextLine(line: 1, page: 1, text: "一、部门预算公开表", narrative: false),
                     TextLine(line: 7, page: nil, text: "a\ttab and 金额 539,000 元", narrative: true),
                     TextLine(line: 8, page: 25, text: "", narrative: false),
                     TextLine(line: 2_000_000, page: 0, text: "cut\nshort", narrative: true)]
        var chunks: [Data] = []
        TextLineBlob.encode(TextLineList(lines)) { chunks.append(Data($0)) }
        XCTAssertEqual(chunks.count, 1)
        let bytes = chunks[0]
        XCTAssertEqual(bytes.count, lines.map { TextLineBlob.headerSize + $0.text.utf8.count }.reduce(0, +))
        func decoded(_ chunks: [Data]) -> [TextLine]? {
            var out: [TextLine] = []
            for c in chunks { guard TextLineBlob.decode(c, into: &out) else { return nil } }
            return out
        }
        XCTAssertEqual(decoded(chunks), lines)
        XCTAssertEqual(decoded([Data()]), [])
        XCTAssertNil(decoded([bytes.dropLast()]), "cut short")
        XCTAssertNil(decoded([bytes.prefix(TextLineBlob.headerSize - 1)]), "a header cut short")
        var narrative = bytes
        narrative[narrative.startIndex + 8] = 2
        XCTAssertNil(decoded([narrative]), "narrative is 0 or 1")
        var utf8 = bytes
        utf8[utf8.startIndex + TextLineBlob.headerSize] = 0xFF
        XCTAssertNil(decoded([utf8]), "text is UTF-8")
        // Chunks of whole lines, each under the size unless one line alone is longer.
        var small: [Data] = []
        TextLineBlob.encode(TextLineList(lines), chunkBytes: 40) { small.append(Data($0)) }
        XCTAssertEqual(small.map(\.count), [13 + 27, 13 + 28, 13 + 0 + 13 + 9])
        XCTAssertEqual(decoded(small), lines)
        TextLineBlob.encode(TextLineList([])) { _ in XCTFail("no chunk for no lines") }
    }

    /// A long document is stored in chunks of whole lines, read back in order.
    func testALongDocumentIsStoredInChunks() throws {
        let path = temporaryStore()
        defer { remove(path) }
        var text = "重庆市渝北区测试局2025年部门预算情况说明\n\n重庆市渝北区测试局2025年项目支出明细表\n单位：万元\n项目名称\t科目编码\t金额\n"
        for i in 0..<6000 { text += "项目\(i)\t2010101\t\(i % 1000).50\n" }
        let doc = try DocumentReader().read(data: Data(text.utf8), name: "long.txt")
        let store = try FactStore(path: path)
        try store.ingest(doc)
        let chunks = try DatabaseQueue(path: path).read { try Int.fetchAll($0, sql: "SELECT length(lines) FROM document_text ORDER BY chunk") }
        XCTAssertEqual(chunks.count, 4, "\(chunks)")
        XCTAssertTrue(chunks.allSatisfy { $0 <= TextLineBlob.chunkBytes }, "\(chunks)")
        let lines = try store.textLines(document: "long.txt")
        XCTAssertEqual(lines, doc.lines)
        XCTAssertEqual(lines.count, 6004, "the blank line is not kept")
        XCTAssertEqual(lines.last?.text, "项目5999\t2010101\t999.50")
    }

    /// A v6 store (lines as `text_line` rows) is migrated to the same lines, one value per document.
    func testRowsOfAnEarlierStoreAreGatheredPerDocument() throws {
        let path = temporaryStore()
        defer { remove(path) }
        var expected: [String: [TextLine]] = [:]
        do {
            let store = try FactStore(path: path)
            for name in ["yubei-2024-linkong.txt", "wansheng-2025-special-funds.txt"] {
                try store.ingest(try DocumentReader().read(fileAt: storeSamples.appendingPathComponent(name)))
                expected[name] = try store.textLines(document: name)
            }
            try store.close()
        }
        // Rewritten as v6 wrote it.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE text_line (document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    line INTEGER NOT NULL, page INTEGER, text TEXT NOT NULL, narrative BOOLEAN NOT NULL,
                    PRIMARY KEY (document_id, line));
                DROP TABLE document_text;
                DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%';
                """)
            for (name, lines) in expected {
                let id = try XCTUnwrap(Int64.fetchOne(db, sql: "SELECT id FROM document WHERE name = ?", arguments: [name]))
                for l in lines.reversed() {
                    try db.execute(sql: "INSERT INTO text_line VALUES (?, ?, ?, ?, ?)", arguments: [id, l.line, l.page, l.text, l.narrative])
                }
            }
        }
        let migrated = try FactStore(path: path)
        for (name, lines) in expected {
            XCTAssertGreaterThan(lines.count, 100)
            XCTAssertEqual(try migrated.textLines(document: name), lines, name)
        }
        let (tables, free) = try DatabaseQueue(path: path).read {
            (try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"), try Int.fetchOne($0, sql: "PRAGMA freelist_count"))
        }
        XCTAssertFalse(tables.contains("text_line"))
        XCTAssertEqual(free, 0, "the rows' pages are given back")
    }
}
