import Foundation
import GRDB
import XCTest
import YusuanTestSupport

/// Bounded memory (issue #16): ingesting one long table holds a few times the file, not 30 times.
/// Measured through the executable: the child's peak RSS (`/usr/bin/time -f %M`) for the long
/// table, less that for a tiny document of the same shape (the process's own baseline: code,
/// catalogues, SQLite), against the file's size.
final class PeakMemoryTests: XCTestCase {
    /// Rows of `项目n ⇥ 2010101 ⇥ amount`: about 27 bytes and one fact each.
    func table(rows: Int) -> String {
        var t = "重庆市渝北区测试局2025年部门预算情况说明\n\n重庆市渝北区测试局2025年项目支出明细表\n单位：万元\n项目名称\t科目编码\t金额\n"
        t.reserveCapacity(rows * 28 + 200)
        for i in 0..<rows { t += "项目\(i)\t2010101\t\(i % 1000).50\n" }
        return t
    }

    /// Peak RSS in bytes of `yusuan ingest FILE` into a fresh store, and the facts stored.
    func ingest(_ text: String, in dir: URL, name: String) throws -> (peak: Int, facts: Int) {
        let file = dir.appendingPathComponent(name + ".txt"), store = dir.appendingPathComponent(name + ".sqlite")
        let report = dir.appendingPathComponent(name + ".rss")
        try Data(text.utf8).write(to: file)
        let o = try Program.run(URL(fileURLWithPath: "/usr/bin/time"),
                                ["-f", "%M", "-o", report.path, try Yusuan.binary().path, "ingest", "-q", "-j", "1",
                                 "--db", store.path, file.path], env: ["YUSUAN_LANG": "en"], removing: ["YUSUAN_DB"])
        XCTAssertEqual(o.status, 0, o.err)
        let kb = try XCTUnwrap(Int(String(decoding: try Data(contentsOf: report), as: UTF8.self)
            .split(separator: "\n").last { Int($0) != nil } ?? ""), "no peak RSS in \(report.path)")
        let q = try DatabaseQueue(path: store.path)
        defer { try? q.close() }
        let facts = try q.read { try Int.fetchOne($0, sql: "SELECT COALESCE(SUM(fact_count), 0) FROM fact_pack") ?? 0 }
        return (kb * 1024, facts)
    }

    func testLongTablePeakIsAFewTimesTheFile() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("/usr/bin/time is not installed") }
        let dir = try TempDir.make("peak")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = 150_000
        let long = table(rows: rows), size = long.utf8.count
        let tiny = try ingest(table(rows: 3), in: dir, name: "tiny")
        let big = try ingest(long, in: dir, name: "long")
        XCTAssertEqual(tiny.facts, 3)
        XCTAssertEqual(big.facts, rows, "one fact a row")
        let growth = big.peak - tiny.peak
        // 30× before (a `Fact`, a cell array, a string and a text-line string for every row); 3.6× now.
        XCTAssertLessThan(Double(growth), Self.bound * Double(size),
                          "peak RSS grew \(growth >> 10) KB for a \(size >> 10) KB file (\(String(format: "%.1f", Double(growth) / Double(size)))×)")
    }

    /// Issue #16's goal.
    static let bound = 4.0
}
