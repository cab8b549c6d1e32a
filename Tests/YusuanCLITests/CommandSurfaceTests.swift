import Foundation
import XCTest
import YusuanTestSupport

/// Issue #13 through the executable: exact chart labels, footnotes that follow the filters, one
/// grammar of options, never silently empty.
final class CommandSurfaceTests: XCTestCase {
    var db: String { CLI.store }

    func testUnknownSplitBarIsLabelledWithItsPrintedTotal() throws {
        // 大渡口 2024 is known only as a total (from the 2025 narrative): 43.60 万元, split unknown.
        let dir = try CLI.tempDir()
        let pdf = dir.appendingPathComponent("s.pdf")
        let r = try CLI.run(["chart", "sangong", "--region", "大渡口", "--stacked", "-o", pdf.path], db: db)
        XCTAssertEqual(r.status, 0, r.err)
        let text = try CLI.pdfText(pdf)
        XCTAssertEqual(text.components(separatedBy: "43.60 万元").count - 1, 2, text)   // both years' bars
        XCTAssertTrue(text.contains("未列明细"), text)
        XCTAssertFalse(text.contains("0.00 万元"), text)
    }

    func testChartAndTableFootnotesFollowTheFilters() throws {
        let dir = try CLI.tempDir()
        let pdf = dir.appendingPathComponent("s.pdf")
        let r = try CLI.run(["chart", "sangong", "--region", "潼南", "--years", "2024", "-o", pdf.path], db: db)
        XCTAssertEqual(r.status, 0, r.err)
        let text = try CLI.pdfText(pdf)
        let foot = text.split(separator: "\n").first { $0.contains("资料来源") }.map(String.init) ?? ""
        XCTAssertEqual(foot.trimmingCharacters(in: .whitespaces), "单位：万元。资料来源：《重庆市潼南区经济和信息化委员会2024年部门预算》")
        for other in ["cqjkq", "yubei", "dadukou"] { XCTAssertFalse(text.contains(other), text) }
        XCTAssertTrue(text.contains("2024年，1 个单位"), text)
        XCTAssertFalse(text.contains("2024–2024"), text)

        let t = try CLI.run(["sangong", "--region", "潼南"], db: db)
        XCTAssertTrue(t.out.contains("资料来源：tongnan-2024-jingxinwei.txt）"), t.out)
        let json = try CLI.run(["sangong", "--region", "潼南", "--format", "json"], db: db)
        XCTAssertTrue(json.out.contains("\"sources\": [\"tongnan-2024-jingxinwei.txt\"]"), json.out)
    }

    func testNewItemAppearsInCompareAndInTheChangeChart() throws {
        let c = try CLI.run(["compare", "--years", "2023,2024", "--region", "渝北", "--level", "项"], db: db)
        XCTAssertEqual(c.status, 0, c.err)
        let row = c.out.split(separator: "\n").first { $0.contains("2010399") }
        XCTAssertNotNil(row, c.out)
        XCTAssertTrue(row?.contains("10.00") == true && row?.contains("新增") == true, String(row ?? ""))
        // The default table is chosen from the data, and named.
        XCTAssertTrue(c.err.contains("general_budget_by_function"), c.err)

        let dir = try CLI.tempDir()
        let pdf = dir.appendingPathComponent("c.pdf"), csv = dir.appendingPathComponent("c.csv")
        let r = try CLI.run(["chart", "change", "--entity", "临空", "--years", "2023-2024", "--level", "项",
                             "-o", pdf.path, "--data", csv.path], db: db)
        XCTAssertEqual(r.status, 0, r.err)
        let text = try CLI.pdfText(pdf)
        XCTAssertTrue(text.contains("2010399"), text)
        XCTAssertTrue(text.contains("（新增）"), text)
        XCTAssertTrue(text.contains("+10.00 万元"), text)
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).contains("2010399"))
    }

    func testExportResolvesRegionsLikeEveryCommand() throws {
        let short = try CLI.run(["export", "--region", "潼南"], db: db)
        let full = try CLI.run(["export", "--region", "潼南区"], db: db)
        XCTAssertEqual(short.status, 0, short.err)
        XCTAssertEqual(short.out.split(separator: "\n").count, 350)
        XCTAssertEqual(short.out, full.out)
        for (r, canonical) in [("大渡口", "大渡口区"), ("九龙坡", "九龙坡区"), ("石柱", "石柱土家族自治县"),
                               ("彭水", "彭水苗族土家族自治县"), ("万盛", "万盛经济技术开发区"), ("经开区", "重庆经济技术开发区")] {
            let e = try CLI.run(["export", "--region", r, "--format", "csv"], db: db)
            XCTAssertEqual(e.status, 0, "\(r): \(e.err)")
            let rows = e.out.split(separator: "\r\n").dropFirst()
            XCTAssertFalse(rows.isEmpty, r)
            XCTAssertTrue(rows.allSatisfy { $0.contains(",\(canonical),") }, r)
        }
    }

    func testChineseTableNameEqualsTheContractName() throws {
        let a = try CLI.run(["export", "--table", "三公"], db: db)
        let b = try CLI.run(["export", "--table", "sangong"], db: db)
        XCTAssertEqual(a.status, 0, a.err)
        XCTAssertFalse(a.out.isEmpty)
        XCTAssertEqual(a.out, b.out)
    }

    func testFiltersThatMatchNothingExitTwoNamingCandidates() throws {
        let r = try CLI.run(["sangong", "--region", "潼楠"], db: db)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("潼南区"), r.err)
        XCTAssertTrue(r.out.isEmpty)
        let c = try CLI.run(["check", "--document", "nosuchdoc"], db: db)
        XCTAssertEqual(c.status, 2)
        XCTAssertFalse(c.out.contains("0 error(s)"))
        XCTAssertEqual(try CLI.run(["export", "--entity", "不存在的单位"], db: db).status, 2)
        XCTAssertEqual(try CLI.run(["sangong", "--years", "2030"], db: db).status, 2)
        // A chart option that cannot apply: no 2023 figures for a change colouring.
        let dir = try CLI.tempDir()
        let t = try CLI.run(["chart", "treemap", "--entity", "潼南区经济", "--color", "change",
                             "-o", dir.appendingPathComponent("t.png").path], db: db)
        XCTAssertEqual(t.status, 2, t.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("t.png").path))
    }

    func testAnalysisOnAMissingStoreFailsWithoutCreatingOne() throws {
        let dir = try CLI.tempDir()
        for args in [["sangong"], ["export"], ["docs"], ["check"], ["compare", "--years", "2023,2024"]] {
            let r = try CLI.run(args, in: dir)
            XCTAssertEqual(r.status, 2, "\(args): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("错误：没有找到数据库 yusuan.sqlite"), r.err)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }

    func testTheSameOptionsWorkOnEveryCommand() throws {
        let dir = try CLI.tempDir()
        let filters = ["--region", "潼南", "--stage", "预算", "--document", "tongnan", "--years", "2023-2024"]
        let commands: [[String]] = [
            ["sangong"], ["compare", "--table", "一般公共预算财政拨款支出表"], ["trend", "--code", "201"],
            ["entities"], ["subjects"], ["docs"], ["check"],
        ]
        for (i, c) in commands.enumerated() {
            let out = dir.appendingPathComponent("\(i).csv")
            let r = try CLI.run(c + filters + ["--format", "csv", "-o", out.path], db: db)
            XCTAssertTrue([0, 1].contains(r.status), "\(c): \(r.status) \(r.err)")   // check: 1 = findings
            let data = try Data(contentsOf: out)
            XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "\(c)")   // UTF-8 with BOM, as export writes
            let text = String(decoding: data, as: UTF8.self)
            if c != ["check"] { XCTAssertGreaterThan(text.split(separator: "\r\n").count, 1, "\(c): \(text)") }
            XCTAssertTrue(text.contains("document,page,line") || c != ["check"], text)
        }
        let e = try CLI.run(["export"] + filters + ["--format", "jsonl"], db: db)
        XCTAssertEqual(e.status, 0, e.err)
        XCTAssertTrue(e.out.split(separator: "\n").allSatisfy { $0.contains("\"document\":\"tongnan-2024-jingxinwei.txt\"") })
        let s = try CLI.run(["shares", "--year", "2024", "--region", "潼南", "--format", "jsonl"], db: db)
        XCTAssertEqual(s.status, 0, s.err)
        XCTAssertTrue(s.out.hasPrefix("{\"region\":\"潼南区\""), s.out)
        XCTAssertEqual(try CLI.run(["--version"]).out.isEmpty, false)
    }

    func testTerminalTablesFitEightyColumnsWithoutCuttingCodesOrAmounts() throws {
        let r = try CLI.run(["compare", "--years", "2023,2024", "--region", "渝北", "--level", "项"], db: db,
                            env: ["COLUMNS": "80"])
        XCTAssertEqual(r.status, 0, r.err)
        for line in r.out.split(separator: "\n") { XCTAssertLessThanOrEqual(CLI.displayWidth(String(line)), 80, String(line)) }
        XCTAssertFalse(r.out.contains("…"))
        for s in ["2010399", "2010302", "529.00", "487.78%"] { XCTAssertTrue(r.out.contains(s), s) }
    }

    func testChartBarReadsAGBKFile() throws {
        let dir = try CLI.tempDir()
        let csv = dir.appendingPathComponent("gbk.csv")
        let gbk = try Program.run(URL(fileURLWithPath: "/usr/bin/iconv"), ["-f", "UTF-8", "-t", "GBK"],
                                  stdin: Data("项目,2025年\n公务接待,8.00\n公务用车运行,35.60\n".utf8)).outData
        XCTAssertNil(String(data: gbk, encoding: .utf8))
        try gbk.write(to: csv)
        let r = try CLI.run(["chart", "bar", "--csv", csv.path, "--label", "项目", "--value", "2025年",
                             "-o", dir.appendingPathComponent("b.pdf").path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(try CLI.pdfText(dir.appendingPathComponent("b.pdf")).contains("公务用车运行"))
    }

    func testRemoveTakesADocumentOutOfTheStore() throws {
        let dir = try CLI.tempDir()
        let copy = dir.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", copy, CLI.packageRoot.appendingPathComponent("Samples").path]).status, 0)
        XCTAssertEqual(try CLI.run(["rm", "nosuch.txt"], db: copy).status, 2)
        let r = try CLI.run(["rm", "yubei-2024-linkong.txt"], db: copy)
        XCTAssertEqual(r.status, 0, r.err)
        let docs = try CLI.run(["docs", "--format", "jsonl"], db: copy)
        XCTAssertEqual(docs.out.split(separator: "\n").count, 3)
        XCTAssertFalse(docs.out.contains("yubei"))
        XCTAssertEqual(try CLI.run(["export", "--region", "渝北"], db: copy).status, 2)
    }

    func testACorrectionSupersedesOnlyByAnExplicitRule() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("s.sqlite").path
        let original = dir.appendingPathComponent("z-original.txt"), fix = dir.appendingPathComponent("a-gengzheng.txt")
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        try text.write(to: original, atomically: true, encoding: .utf8)
        try (text + "\n（更正）\n").write(to: fix, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, original.path]).status, 0)
        // Side by side: reported, nothing removed by file-name order.
        let both = try CLI.run(["ingest", "-q", "--db", db, fix.path])
        XCTAssertTrue(both.err.contains("警告：a-gengzheng.txt、z-original.txt 都是"), both.err)
        XCTAssertEqual(try CLI.run(["docs", "--format", "jsonl", "--db", db]).out.split(separator: "\n").count, 2)
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, fix.path, "--supersedes", "nosuch.txt"]).status, 2)
        let r = try CLI.run(["ingest", "-q", "--db", db, fix.path, "--supersedes", "z-original.txt"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("已替代：z-original.txt"), r.err)
        let docs = try CLI.run(["docs", "--format", "jsonl", "--db", db]).out
        XCTAssertEqual(docs.split(separator: "\n").count, 1)
        XCTAssertTrue(docs.contains("a-gengzheng.txt"))
    }

    func testTreemapNeverCutsANameAndListsSmallCellsWithTheirAmounts() throws {
        let dir = try CLI.tempDir()
        let pdf = dir.appendingPathComponent("t.pdf"), csv = dir.appendingPathComponent("t.csv")
        let r = try CLI.run(["chart", "treemap", "--entity", "重庆经济技术开发区管理委员会", "--width", "1000", "--height", "600",
                             "-o", pdf.path, "--data", csv.path], db: db)
        XCTAssertEqual(r.status, 0, r.err)
        let text = try CLI.pdfText(pdf)
        XCTAssertFalse(text.contains("…"), text)
        XCTAssertTrue(text.contains("图中未标金额的："), text)
        XCTAssertFalse(text.contains(" 等 "), text)
        // 环境监测与监察 has no room for its amount at this size: named in full in the footnote, with it;
        // 社会保障和就业支出's one child shows the same 848.98 万元, so it is not listed again.
        let flat = text.replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(flat.contains("图中未标金额的：") && flat.contains("环境监测与监察 141.00"), text)
        XCTAssertTrue(flat.contains("848.98 万元") && !flat.contains("社会保障和就业支出 848.98"), text)
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).contains("社会保障和就业支出"))
    }

    func testADocumentTitledAsACorrectionSupersedesTheEarlierOne() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("s.sqlite").path
        let original = dir.appendingPathComponent("b-original.txt"), fix = dir.appendingPathComponent("a-fix.txt")
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        try text.write(to: original, atomically: true, encoding: .utf8)
        try ("（更正）\n" + text).write(to: fix, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, original.path]).status, 0)
        let r = try CLI.run(["ingest", "-q", "--db", db, fix.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("已替代：b-original.txt 由标题注明“更正”的 a-fix.txt 替代"), r.err)
        let docs = try CLI.run(["docs", "--format", "jsonl", "--db", db]).out
        XCTAssertEqual(docs.split(separator: "\n").count, 1)
        XCTAssertTrue(docs.contains("a-fix.txt"))
    }
}
