import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanStore

/// Store v4: each document's text lines (for the audit) and the path it was read from (for
/// `check --annotate`), replaced with the document.
final class TextLineTests: XCTestCase {
    func testLinesAndSourcePathAreStoredAndReplaced() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-lines-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let store = try FactStore(path: path)
        let url = storeSamples.appendingPathComponent("yubei-2024-linkong.txt")
        let doc = try DocumentReader().read(fileAt: url)
        try store.ingest(doc)
        try store.ingest(doc)
        let lines = try store.textLines(document: "yubei-2024-linkong.txt")
        XCTAssertEqual(lines.count, doc.lines.count)
        let l99 = try XCTUnwrap(lines.first { $0.line == 99 })
        XCTAssertTrue(l99.narrative && l99.text.contains("金额 539,000 元"))
        XCTAssertNil(l99.page)
        XCTAssertEqual(lines.first { $0.line == 173 }?.narrative, false)   // a table row: 合计 …
        XCTAssertEqual(try store.documents().first?.sourcePath, url.standardizedFileURL.path)
    }
}
