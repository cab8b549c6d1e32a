import Foundation
import GRDB
import XCTest
import YusuanTestSupport

/// Hostile and broken input through the executable (issue #16): no crash, no wrapped sum, no silent
/// replacement, nothing injected, stores opened read-only by readers and refused when foreign.
final class HostileInputTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = try TempDir.make("hostile")
    }
    override func tearDownWithError() throws {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.appendingPathComponent("shared").path)
        try? FileManager.default.removeItem(at: dir)
    }

    /// Runs `yusuan ARGS` in `dir`, with English messages (the default is Chinese); a test fails on
    /// any crash (signal) whatever it then asserts.
    @discardableResult
    func yusuan(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let o = try Yusuan.run(args, in: dir, lang: "en")
        XCTAssertFalse(o.signalled, "yusuan \(args.joined(separator: " ")) crashed (signal \(o.status)): \(o.err)", file: file, line: line)
        return o
    }

    func sample(_ n: String) -> String { Repo.sample(n).path }

    /// A small 部门支出总表 in 万元 with `rows` (label, amount) under a 合计.
    func write(_ name: String, entity: String = "重庆市渝北区测试局", total: String, rows: [(String, String)]) throws -> String {
        var t = "\(entity)2025年部门预算情况说明\n一、收支预算总体情况：2025年部门收入预算100.00万元。\n\n"
        t += "\(entity)2025年部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t\(total)\t\(total)\t\n"
        for (i, r) in rows.enumerated() { t += "\(201 + i)\t\(r.0)\t\(r.1)\t\(r.1)\t\n" }
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(t.utf8).write(to: url)
        return url.path
    }

    // 1. Checked arithmetic: amounts beyond 10¹⁴ 元 are refused by line, the batch goes on, nothing wraps.
    func testAmountsBeyondAnyBudgetAreRefusedAndTheBatchGoesOn() throws {
        let huge = try write("huge.txt", total: "9,999,999,999,999.90", rows: (1...10).map { ("支出\($0)", "999,999,999,999.99") })
        let ingest = try yusuan(["ingest", "--db", "s.sqlite", huge, sample("yubei-2024-linkong.txt")])
        XCTAssertEqual(ingest.status, 0, ingest.err)
        XCTAssertTrue(ingest.err.contains("ingested 2 document(s)"), ingest.err)
        let check = try yusuan(["check", "--db", "s.sqlite", "--warnings", "--document", "huge.txt", "--format", "json"])
        XCTAssertTrue(check.out.contains("above 10¹⁴ 元"), check.out)
        let export = try yusuan(["export", "--db", "s.sqlite"])
        XCTAssertFalse(export.out.contains("999999999999"), "no amount beyond the limit is stored")
        // Amounts just under the limit add up exactly, never to a negative total.
        let big = try write("big.txt", total: "90,000,000,000.00", rows: (1...9).map { ("支出\($0)", "9,999,999,999.99") })
        XCTAssertEqual(try yusuan(["ingest", "--db", "b.sqlite", big]).status, 0)
        let total = try yusuan(["trend", "--db", "b.sqlite", "--code", "合计", "--format", "csv"])
        XCTAssertFalse(total.out.contains(",-"), total.out)
        for cmd in [["check", "--db", "b.sqlite"], ["brief", big, "--db", "b.sqlite", "--out", "brief"]] { try yusuan(cmd) }
    }

    // 6. Stores: readers open read-only and refuse what is not theirs; writers refuse a newer store.
    func testReadersRefuseMissingForeignNewerAndDamagedStores() throws {
        XCTAssertEqual(try yusuan(["ingest", "--db", "s.sqlite", sample("wansheng-2025-special-funds.txt")]).status, 0)
        let missing = try yusuan(["docs", "--db", "typo.sqlite"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("typo.sqlite"), missing.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("typo.sqlite").path))

        let other = dir.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE notes (x TEXT)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        for cmd in [["docs", "--db", other], ["ingest", "--db", other, sample("yubei-2024-linkong.txt")]] {
            let o = try yusuan(cmd)
            XCTAssertNotEqual(o.status, 0)
            XCTAssertTrue(o.err.contains("not a yusuan store"), o.err)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: other)), before, "another program's database is left unchanged")

        func copy(_ name: String, _ sql: String) throws -> String {
            let p = dir.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: dir.appendingPathComponent("s.sqlite").path, toPath: p)
            try DatabaseQueue(path: p).write { try $0.execute(sql: sql) }
            return p
        }
        let newer = try copy("newer.sqlite", "INSERT INTO grdb_migrations VALUES ('v99: from the future')")
        for cmd in [["export", "--db", newer], ["ingest", "--db", newer, sample("yubei-2024-linkong.txt")]] {
            let o = try yusuan(cmd)
            XCTAssertNotEqual(o.status, 0)
            XCTAssertTrue(o.err.contains("newer version of yusuan"), o.err)
        }
        // Each damage is reported by every command that reads the damaged part (never remapped: 千元 is not 元).
        let cases = [("unit.sqlite", "UPDATE fact_pack SET facts = CAST(replace(CAST(facts AS TEXT), '万元', '千元') AS BLOB)",
                      "unknown unit “千元”", ["export", "check"]),
                     ("year.sqlite", "UPDATE document SET year = 'abc'", "document.year holds \"abc\"", ["docs", "check", "sangong"]),
                     ("count.sqlite", "UPDATE fact_pack SET fact_count = 'abc' WHERE origin = 1", "fact_pack.fact_count holds \"abc\"", ["export", "check"]),
                     ("more.sqlite", "UPDATE fact_pack SET fact_count = fact_count + 1 WHERE origin = 0", "cut short", ["export", "check"]),
                     ("extra.sqlite", "UPDATE fact_pack SET facts = CAST(facts || x'00' AS BLOB) WHERE origin = 0", "bytes after its", ["export", "check"]),
                     ("type.sqlite", "UPDATE fact_pack SET facts = 'abc' WHERE origin = 0", "fact_pack.facts holds \"abc\"", ["export", "check"]),
                     ("column.sqlite", "ALTER TABLE fact_pack RENAME COLUMN facts TO packed", "no column “facts”", ["export", "docs", "check", "sangong"]),
                     ("lines.sqlite", "UPDATE document_text SET lines = x'0102'", "is not the text lines yusuan writes", ["check"]),
                     ("text.sqlite", "UPDATE document_text SET lines = 'text'", "is not the text lines yusuan writes", ["check"])]
        for (name, sql, words, commands) in cases {
            let p = try copy(name, sql)
            for cmd in commands {
                let o = try yusuan([cmd, "--db", p])
                XCTAssertNotEqual(o.status, 0, "\(cmd) on \(name)")
                XCTAssertTrue(o.err.contains(p) && o.err.contains("damaged") && o.err.contains(words), "\(cmd) on \(name): \(o.err)")
            }
        }
    }

    func testReadersOpenAReadOnlyStoreAndLeaveNoFiles() throws {
        let shared = dir.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let store = shared.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try yusuan(["ingest", "--db", store, sample("tongnan-2024-jingxinwei.txt")]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: shared.path), ["s.sqlite"], "the writer leaves no -wal/-shm")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: shared.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        for cmd in ["docs", "export", "check", "sangong"] {
            let o = try yusuan([cmd, "--db", store])
            XCTAssertTrue(o.status == 0 || (cmd == "check" && o.status == 1), "\(cmd): \(o.err)")
            XCTAssertFalse(o.out.isEmpty, cmd)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: shared.path), ["s.sqlite"], "readers create no files")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store)), before, "readers change nothing")
    }

    // 4. Neutralised output: CSV formulas, Markdown/HTML in the brief, control characters.
    func testPayloadsAreNeutralisedInEveryOutput() throws {
        let payload = try write("p.txt", total: "30.00", rows: [("=HYPERLINK(\"http://x\",\"y\")", "10.00"),
                                                                  ("@SUM(A1:A9)<img src=x onerror=alert(1)>", "10.00"),
                                                                  ("+cmd|' /C calc'!A0[点此](https://evil.example)\u{1B}[31m\u{07}", "10.00")])
        XCTAssertEqual(try yusuan(["ingest", "--db", "s.sqlite", payload]).status, 0)
        let csv = try yusuan(["export", "--db", "s.sqlite", "--format", "csv"]).out
        let fields = csv.split(separator: "\r\n").dropFirst().flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for f in fields {
            let t = f.hasPrefix("\"") ? f.dropFirst() : f
            if let c = t.first, "=+@".contains(c) { XCTFail("formula reaches the CSV: \(f)") }
        }
        XCTAssertTrue(csv.contains("'=HYPERLINK"), csv)
        XCTAssertFalse(csv.contains("\u{1B}") || csv.contains("\u{07}"), "control characters stripped at ingest")
        for cmd in [["docs", "--db", "s.sqlite"], ["compare", "--db", "s.sqlite", "--years", "2024,2025", "--format", "csv"]] {
            let o = try yusuan(cmd)
            XCTAssertFalse(o.out.contains("\u{1B}"), cmd.joined(separator: " "))
        }
        let brief = try yusuan(["brief", payload, "--out", "b", "--format", "html"])
        XCTAssertFalse(brief.signalled)
        let md = try String(contentsOf: dir.appendingPathComponent("b/brief.md"), encoding: .utf8)
        XCTAssertFalse(md.contains("<img"), "raw HTML in brief.md")
        XCTAssertFalse(md.contains("](https://evil"), "a link from a document in brief.md")
        let html = try String(contentsOf: dir.appendingPathComponent("b/brief.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<img src=x"), "raw HTML in brief.html")
    }

    // 3. A document is its content: same name and other content are both kept; same content once.
    func testSameNamesAndSameContentAreNeitherLostNorDoubled() throws {
        for (folder, s) in [("a", "yubei-2024-linkong.txt"), ("b", "tongnan-2024-jingxinwei.txt")] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: sample(s), toPath: dir.appendingPathComponent("\(folder)/部门预算.txt").path)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("c"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sample("yubei-2024-linkong.txt"), toPath: dir.appendingPathComponent("c/copy.txt").path)
        let o = try yusuan(["ingest", "--db", "s.sqlite", "a", "b", "c"])
        XCTAssertEqual(o.status, 0, o.err)
        XCTAssertTrue(o.err.contains("ingested 2 document(s)") && o.err.contains("1 duplicate(s) stored once"), o.err)
        XCTAssertTrue(o.err.contains("c/copy.txt: the same content as"), o.err)
        XCTAssertTrue(o.err.contains("stored as “部门预算.txt (2)”"), o.err)
        let docs = try yusuan(["docs", "--db", "s.sqlite", "--format", "json"]).out
        XCTAssertTrue(docs.contains("\"部门预算.txt\"") && docs.contains("\"部门预算.txt (2)\""), docs)
        XCTAssertTrue(docs.contains("临空") && docs.contains("潼南"), docs)
    }

    // 5 and 7. Size limit, missing paths, plain messages.
    func testSizeLimitAndMissingPathsFailOneInputNotTheBatch() throws {
        let big = dir.appendingPathComponent("big.txt")
        try Data(repeating: 0x41, count: 2 << 20).write(to: big)
        let o = try yusuan(["ingest", "--db", "s.sqlite", "--max-size", "1", big.path, "nowhere/missing.txt", sample("yubei-2024-linkong.txt")])
        XCTAssertEqual(o.status, 1)
        XCTAssertTrue(o.err.contains("big.txt: cannot read the file: 2 MB, above the limit of 1 MB"), o.err)
        XCTAssertTrue(o.err.contains("missing.txt: cannot read the file: no such file"), o.err)
        XCTAssertTrue(o.err.contains("ingested 1 document(s)") && o.err.contains("2 failed"), o.err)
        let out = try yusuan(["export", "--db", "s.sqlite", "-o", dir.appendingPathComponent("no/such/dir/x.csv").path])
        XCTAssertEqual(out.status, 1)
        XCTAssertFalse(out.err.contains("NSCocoaErrorDomain"), out.err)
        XCTAssertTrue(out.err.contains("cannot write") && out.err.contains("x.csv: the folder") && out.err.contains("does not exist"), out.err)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b/brief.md"), withIntermediateDirectories: true)
        let brief = try yusuan(["brief", sample("yubei-2024-linkong.txt"), "--out", "b"])
        XCTAssertEqual(brief.status, 1)
        XCTAssertTrue(brief.err.contains("b/brief.md: it is a folder") && !brief.err.contains("NSCocoaErrorDomain"), brief.err)
        let chart = try yusuan(["chart", "treemap", "--db", "s.sqlite", "--entity", "临空", "--year", "2024", "-o", "no/such/t.png"])
        XCTAssertTrue(chart.err.contains("the folder") && chart.err.contains("does not exist"), chart.err)
    }
}
