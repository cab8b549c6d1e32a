import Foundation
import XCTest
import YusuanTestSupport

/// Issue #13 through the executable: terminal tables that fit 80 columns, one `--format`
/// vocabulary (also from the `-o` file's extension), typed options, change for new and dropped
/// items, sources under every table, a default year taken from the data.
final class CommandOutputTests: XCTestCase {
    var db: String { CLI.store }

    func testTablesFitEightyColumnsWithoutCuttingCodesOrAmounts() throws {
        let cases: [([String], [String])] = [
            (["docs"], ["2024", "350"]),
            (["execution"], ["2,993.92", "2,940.05", "-53.87", "98.20%"]),
            (["trend", "--code", "201"], ["804.19"]),
            (["compare", "--years", "2023,2024", "--level", "all"], ["2080505", "142.52", "5.78%"]),
            (["subjects"], ["2010399", "2080505"]),
            (["sangong"], ["43.60", "35.60"]),
            (["shares", "--year", "2024"], ["201", "804.19", "90.97%"]),
        ]
        for (args, kept) in cases {
            let r = try CLI.run(args, db: db, env: ["COLUMNS": "80"])
            XCTAssertEqual(r.status, 0, "\(args): \(r.err)")
            for line in r.out.split(separator: "\n") {
                XCTAssertLessThanOrEqual(CLI.displayWidth(String(line)), 80, "\(args): \(line)")
            }
            XCTAssertFalse(r.out.contains("…"), "\(args)")
            // Codes and amounts stay whole; a file name may wrap, so it is read with the lines joined.
            let joined = r.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            for s in kept { XCTAssertTrue(r.out.contains(s) || joined.contains(s), "\(args): \(s)") }
        }
        // Without a terminal width the table is not wrapped at all.
        let wide = try CLI.run(["docs"], db: db)
        XCTAssertTrue(wide.out.split(separator: "\n").contains { CLI.displayWidth(String($0)) > 80 })
    }

    func testOutputFileExtensionChoosesTheFormat() throws {
        let dir = try CLI.tempDir()
        for (command, name) in [(["sangong", "--region", "潼南"], "s"), (["docs"], "d"), (["export", "--region", "潼南"], "e")] {
            let csv = dir.appendingPathComponent("\(name).csv"), json = dir.appendingPathComponent("\(name).json")
            let jsonl = dir.appendingPathComponent("\(name).jsonl"), txt = dir.appendingPathComponent("\(name).txt")
            for u in [csv, json, jsonl, txt] { XCTAssertEqual(try CLI.run(command + ["-o", u.path], db: db).status, 0, "\(command) \(u)") }
            let c = try Data(contentsOf: csv)
            XCTAssertEqual(Array(c.prefix(3)), [0xEF, 0xBB, 0xBF], "\(command)")
            XCTAssertTrue(String(decoding: c.dropFirst(3), as: UTF8.self).hasPrefix(command[0] == "export" ? "document," : command[0] == "docs" ? "document," : "region,"))
            let j = try String(contentsOf: json, encoding: .utf8)
            XCTAssertTrue(j.hasPrefix("["), "\(command): \(j.prefix(40))")
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(j.utf8)))
            let lines = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n")
            XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") }, "\(command)")
            let t = try String(contentsOf: txt, encoding: .utf8)
            if command[0] == "export" { XCTAssertTrue(t.hasPrefix("{\"document\""), t) } else { XCTAssertTrue(t.contains("──"), t) }
        }
        // --format wins over the extension.
        let f = dir.appendingPathComponent("x.csv")
        XCTAssertEqual(try CLI.run(["sangong", "--region", "潼南", "--format", "json", "-o", f.path], db: db).status, 0)
        XCTAssertTrue(try String(contentsOf: f, encoding: .utf8).hasPrefix("["))
    }

    func testHelpListsOnlyAcceptedValuesAndEachDefaultOnce() throws {
        let export = try CLI.run(["export", "--help"]).out
        XCTAssertTrue(export.contains("（可选值：jsonl、json、csv）"), export)
        // Contract names with their Chinese names.
        XCTAssertTrue(export.contains("sangong（“三公”经费表）"), export)
        XCTAssertTrue(try CLI.run(["shares", "--help"]).out.contains("basic（基本支出）"))
        XCTAssertTrue(try CLI.run(["export", "--help", "--lang", "en"]).out.contains("(values: jsonl, json, csv)"))
        // A list wrapped over lines by the help formatter is still one list.
        XCTAssertFalse(export.contains("(values:"), export)
        XCTAssertEqual(try CLI.run(["export", "--format", "table"], db: db).status, 64)
        let ingest = try CLI.run(["ingest", "--help"]).out
        XCTAssertEqual(ingest.components(separatedBy: "64").count - 1, 1, ingest)
        for c in [["execution"], ["chart", "execution"]] {
            let help = try CLI.run(c + ["--help"]).out.replacingOccurrences(of: "\n", with: " ")
            XCTAssertEqual(help.components(separatedBy: "general_budget_by_function").count - 1, 2, help)   // values, default
            XCTAssertTrue(help.contains("默认：general_budget_by_function）"), help)
            XCTAssertFalse(help.contains("默认为一般公共预算"), help)
            XCTAssertFalse(help.contains("sangong,"), help)   // not a functional table
        }
        // Typed: a Chinese name is accepted, a table that is not functional is refused by the parser.
        let zh = try CLI.run(["execution", "--table", "一般公共预算", "--format", "csv"], db: db)
        XCTAssertEqual(zh.status, 0, zh.err)
        XCTAssertEqual(zh.out, try CLI.run(["execution", "--format", "csv"], db: db).out)
        XCTAssertEqual(try CLI.run(["execution", "--table", "sangong"], db: db).status, 64)
    }

    func testChartExecutionDefaultsToTheOnlyYearAndSaysSo() throws {
        let dir = try CLI.tempDir()
        let csv = dir.appendingPathComponent("x.csv")
        let r = try CLI.run(["chart", "execution", "--region", "普陀", "-o", dir.appendingPathComponent("x.pdf").path, "--data", csv.path], db: db)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("使用 2024 年"), r.err)
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).contains("2993.92"))
        XCTAssertEqual(try CLI.run(["chart", "execution", "--region", "普陀", "--years", "2023-2024",
                                    "-o", dir.appendingPathComponent("y.pdf").path], db: db).status, 64)
    }

    func testNewAndDroppedItemsCarryTheirChangeInEveryFormat() throws {
        // A copy of the 渝北 document whose 2024 column leaves out 2010350 事业运行 (2023: 929,856.56 元).
        let dir = try CLI.tempDir()
        let copy = dir.appendingPathComponent("yubei-2024-dropped.txt"), store = dir.appendingPathComponent("s.sqlite").path
        let row = "2010350\t事业运行\t929,856.56\t561,791.10\t561,791.10\t\t-40%"
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/yubei-2024-linkong.txt"), encoding: .utf8)
        XCTAssertEqual(text.components(separatedBy: row).count, 2)
        try text.replacingOccurrences(of: row, with: "2010350\t事业运行\t929,856.56\t\t\t\t-100%").write(to: copy, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", store, copy.path]).status, 0)
        let args = ["compare", "--years", "2023,2024", "--level", "项"]

        let csv = try CLI.run(args + ["--format", "csv"], db: store).out.split(separator: "\r\n")
        let dropped = csv.first { $0.contains(",2010350,") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(dropped.map { [$0[6], $0[8], $0[9], $0[10], $0[13]] }, ["92.99", "", "-92.99", "", "dropped"])
        let new = csv.first { $0.contains(",2010399,") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(new.map { [$0[6], $0[8], $0[9], $0[10], $0[13]] }, ["", "10.00", "10.00", "", "new"])

        let json = try CLI.run(args + ["--format", "jsonl"], db: store).out
        XCTAssertTrue(json.contains("\"code\":\"2010350\"") && json.contains("\"change\":-92.99,\"change_pct\":null"), json)
        let table = try CLI.run(args, db: store).out.split(separator: "\n")
        let line = table.first { $0.contains("2010350") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("-92.99") && line.hasSuffix("取消"), line)

        // The change chart draws the same figures.
        let pdf = dir.appendingPathComponent("c.pdf")
        XCTAssertEqual(try CLI.run(["chart", "change", "--years", "2023-2024", "--level", "项", "-o", pdf.path], db: store).status, 0)
        let chart = try CLI.pdfText(pdf)
        XCTAssertTrue(chart.contains("事业运行（取消）") && chart.contains("-92.99 万元"), chart)
        XCTAssertTrue(chart.contains("+10.00 万元"), chart)
    }

    func testTrendAndSharesNameTheirSources() throws {
        let t = try CLI.run(["trend", "--code", "201", "--region", "潼南"], db: db)
        XCTAssertEqual(t.status, 0, t.err)
        XCTAssertTrue(t.out.hasSuffix("（金额单位：万元；资料来源：tongnan-2024-jingxinwei.txt）\n"), t.out)
        let s = try CLI.run(["shares", "--year", "2024", "--region", "渝北"], db: db)
        XCTAssertEqual(s.status, 0, s.err)
        XCTAssertTrue(s.out.hasSuffix("（金额单位：万元；资料来源：yubei-2024-linkong.txt）\n"), s.out)
        // Each row names its document in CSV and JSON.
        let csv = try CLI.run(["trend", "--code", "201", "--format", "csv"], db: db).out.split(separator: "\r\n")
        XCTAssertTrue(csv[0].hasSuffix(",cagr,sources,places"), String(csv[0]))
        // … and where its figure is printed (document:line).
        XCTAssertTrue(csv.dropFirst().allSatisfy { $0.range(of: #"\.txt,[^,]+\.txt:\d+$"#, options: .regularExpression) != nil }, "\(csv)")
        let json = try CLI.run(["shares", "--year", "2024", "--region", "渝北", "--format", "jsonl"], db: db).out
        XCTAssertTrue(json.split(separator: "\n").allSatisfy { $0.hasSuffix("\"sources\":[\"yubei-2024-linkong.txt\"]}") }, json)
    }
}
