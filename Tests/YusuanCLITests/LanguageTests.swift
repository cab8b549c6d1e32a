import Foundation
import XCTest

/// Issue #12 through the executable: Chinese by default, English with --lang en or YUSUAN_LANG.
final class LanguageTests: XCTestCase {
    var db: String { CLI.store }

    /// Share of Latin letters among letters (Latin or CJK), outside file names, options and codes.
    func latinShare(_ s: String) -> Double {
        let cleaned = s.replacingOccurrences(of: #"[\w./-]+\.(txt|sqlite|csv|pdf|png)|--[a-z-]+|\b[a-z_]+_by_[a-z_]+\b|yusuan( [a-z]+)?|YUSUAN_\w+"#,
                                             with: "", options: .regularExpression)
        var latin = 0, cjk = 0
        for u in cleaned.unicodeScalars {
            if ("a"..."z").contains(u) || ("A"..."Z").contains(u) { latin += 1 }
            if (0x4E00...0x9FFF).contains(u.value) { cjk += 1 }
        }
        return latin + cjk == 0 ? 0 : Double(latin) / Double(latin + cjk)
    }

    func testMessagesAreChineseByDefault() throws {
        let dir = try CLI.tempDir()
        var text = ""
        text += try CLI.run(["sangong", "--region", "潼楠"], db: db).err
        text += try CLI.run(["sangong"], in: dir).err
        text += try CLI.run(["check", "--document", "tongnan"], db: db).out.split(separator: "\n").last.map(String.init) ?? ""
        text += try CLI.run(["compare", "--years", "2023,2024", "--region", "渝北"], db: db).err
        text += try CLI.run(["rm", "nosuch.txt"], db: db).err
        XCTAssertTrue(text.contains("错误："), text)
        XCTAssertLessThan(latinShare(text), 0.05, text)
    }

    func testLangEnIsEnglishThroughout() throws {
        let a = try CLI.run(["sangong", "--region", "潼楠", "--lang", "en"], db: db)
        XCTAssertEqual(a.status, 2)
        XCTAssertEqual(a.err, "error: --region “潼楠” matches nothing in the store; closest: 潼南区\n")
        let b = try CLI.run(["check", "--document", "tongnan"], db: db, env: ["YUSUAN_LANG": "en"])
        XCTAssertTrue(b.out.hasSuffix("1 document(s) checked: 0 error(s), 0 warning(s), 0 rounding difference(s)\n"), b.out)
        XCTAssertTrue(b.out.hasPrefix("document"), b.out)
        let c = try CLI.run(["sangong", "--region", "潼南", "--lang=en"], db: db)
        XCTAssertTrue(c.out.hasPrefix("region"), c.out)
        XCTAssertTrue(c.out.contains("(amounts in 万元; sources: tongnan-2024-jingxinwei.txt)"), c.out)
    }

    func testCheckFindingsAreChineseByDefaultAndEnglishOnRequest() throws {
        func messages(_ extra: [String]) throws -> [String] {
            let r = try CLI.run(["check", "--format", "jsonl"] + extra, db: db)
            return try r.out.split(separator: "\n").map { line in
                let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                XCTAssertEqual(Set(obj.keys), ["document", "page", "line", "severity", "rule", "message"])
                return obj["message"] as! String
            }
        }
        let zh = try messages([])
        XCTAssertGreaterThan(zh.count, 20)
        XCTAssertLessThan(latinShare(zh.joined()), 0.02, zh.joined(separator: "\n"))
        XCTAssertTrue(zh.contains { $0.contains("合计（合计）与其 9 个类级科目之和：第101行印 90,285.04 万元，应为 90,285.05 万元（相差 0.01 万元）") }, zh.joined(separator: "\n"))
        let en = try messages(["--lang", "en"])
        XCTAssertEqual(en.count, zh.count)
        XCTAssertTrue(en.contains { $0.contains("against the sum of its 9 class rows: 90,285.04 万元 printed") }, en.joined(separator: "\n"))
    }

    func testHelpIsChineseByDefaultAndEnglishOnRequest() throws {
        for command in [["compare"], ["chart", "sangong"], ["check"], ["export"]] {
            let zh = try CLI.run(command + ["--help"]).out
            // Option names, value lists and usage lines are English by design: measure the help texts.
            // Lines without any Chinese are value lists or ArgumentParser's own (--help, --version).
            let texts = zh.split(separator: "\n").compactMap { line -> String? in
                guard line.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
                let t = String(line.components(separatedBy: "(values")[0].components(separatedBy: "(default")[0]
                                .components(separatedBy: "（可选值")[0].components(separatedBy: "（默认")[0])
                    .replacingOccurrences(of: #"<[^>]*>|OVERVIEW|JSON lines|-o\b"#, with: "", options: .regularExpression)
                // `check` lists its rules by name (a closed vocabulary, like the value lists).
                return t.replacingOccurrences(of: #"^\s*[a-z][a-z-]*:|^-[^ ]+( <[^>]+>)?|\((values|default)[^)]*\)|--[a-z-]+|\b(table|csv|json|jsonl|all|budget|final|class|change|screen|portrait|print|png|svg|pdf)\b|UTF-8|BOM|RFC 4180|YUSUAN_DB|CSV|PNG|SVG|PDF|JSON|DIR|CPU|fontconfig|Noto Sans CJK SC|sangong|dpi|\w+\.(yaml|sqlite|md|html|docx)|yusuan( \w+)?"#,
                                             with: "", options: .regularExpression)
            }.joined()
            XCTAssertLessThan(latinShare(texts), 0.05, "\(command): \(texts)")
            let en = try CLI.run(command + ["--help", "--lang", "en"]).out
            XCTAssertGreaterThan(latinShare(en), 0.7, "\(command)")
        }
    }

    /// Share of CJK characters among letters (Latin or CJK), with what documents print taken out:
    /// titles 《…》, quoted names “…”, the units 万元/元 and `names` (entities, regions, 科目 names).
    func cjkShare(_ s: String, names: [String] = []) -> Double {
        var t = s.replacingOccurrences(of: #"《[^》]*》|“[^”]*”|万元|元"#, with: "", options: .regularExpression)
        for n in names.sorted(by: { $0.count > $1.count }) { t = t.replacingOccurrences(of: n, with: "") }
        var latin = 0, cjk = 0
        for u in t.unicodeScalars {
            if ("a"..."z").contains(u) || ("A"..."Z").contains(u) { latin += 1 }
            if (0x4E00...0x9FFF).contains(u.value) { cjk += 1 }
        }
        return latin + cjk == 0 ? 0 : Double(cjk) / Double(latin + cjk)
    }

    func testLangEnCheckHelpFindingsAndBriefAreEnglish() throws {
        // check --help: the rules are described in English.
        let help = try CLI.run(["check", "--help", "--lang", "en"]).out
        XCTAssertTrue(help.contains("  parent-sum: a parent line equals the sum of its sub-lines"), help)
        XCTAssertLessThan(cjkShare(help), 0.01, help)

        // check: table and measure names in English; what remains Chinese is what the documents print (科目 names).
        let found = try CLI.run(["check", "--format", "jsonl", "--lang", "en"], db: db).out
        XCTAssertTrue(found.contains("the general public budget basic expenditure table 合计 total against personnel costs + operating costs: 5,688.72 万元 printed at line 191"), found)
        XCTAssertFalse(found.contains("general_budget_by_function") || found.contains("basic_by_economic"), found)
        let subjects = try CLI.run(["subjects", "--format", "json"], db: db).out
        let printed = try (JSONSerialization.jsonObject(with: Data(subjects.utf8)) as? [[String: Any]] ?? [])
            .flatMap { [$0["name"] as? String].compactMap { $0 } + ($0["printed_names"] as? [String] ?? []) }
        XCTAssertGreaterThan(printed.count, 100)
        // Table titles (`收入预算总表`, the national template's and the documents' own) are names too.
        let untitled = found.replacingOccurrences(of: #"[\p{Han}（）]+表"#, with: "", options: .regularExpression)
        XCTAssertLessThan(cjkShare(untitled, names: printed + ["合计"] + (try entityNames())), 0.01)

        // brief: prose, headings and findings in English; the tables' 科目 rows are the documents' own words.
        let dir = try CLI.tempDir()
        let r = try CLI.run(["brief", CLI.packageRoot.appendingPathComponent("Samples").path, "--out", dir.path, "--lang", "en"])
        XCTAssertEqual(r.status, 0, r.err)
        let md = try String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
        var prose: [Substring] = []
        var previous: Substring = ""
        for line in md.split(separator: "\n") {
            defer { previous = line }
            if line.hasPrefix("|") && previous.hasPrefix("|") { continue }   // a table's body rows
            prose.append(line)
        }
        XCTAssertTrue(md.contains("fund “应急管理发展” in the catalogue against its performance table (line 498): 5,587.00 万元 printed at line 50"), md)
        XCTAssertLessThan(cjkShare(prose.joined(separator: "\n"), names: (try entityNames()) + ["部门收入总表"]), 0.01, md)
    }

    /// The entities, regions and departments the samples name (their own words, in any language).
    func entityNames() throws -> [String] {
        let docs = try CLI.run(["docs", "--format", "json"], db: db).out
        let rows = try JSONSerialization.jsonObject(with: Data(docs.utf8)) as? [[String: Any]] ?? []
        let funds = try CLI.run(["export", "--format", "jsonl", "--table", "special_fund"], db: db).out
        let departments = funds.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["entity"] as? String
        }
        return rows.flatMap { [$0["entity"] as? String, $0["region"] as? String].compactMap { $0 } } + departments
    }

    func testParserErrorsAndFileErrorsSpeakTheLanguage() throws {
        let dir = try CLI.tempDir()
        let bad = try CLI.run(["brief", "x", "--format", "xml"], in: dir)
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.err.hasPrefix("错误：--format <format> 的取值“xml”无效；可选：md、html、docx\n"), bad.err)
        XCTAssertTrue(bad.err.contains("用法：yusuan brief") && !bad.err.contains("Usage") && !bad.err.contains("Error"), bad.err)
        let unknown = try CLI.run(["docs", "--fromat", "json"], in: dir)
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.err.hasPrefix("错误：未知选项 --fromat；是否要用 --format？"), unknown.err)
        let missing = try CLI.run(["brief"], in: dir)
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.err.hasPrefix("错误：缺少参数 <paths> ..."), missing.err)
        let validation = try CLI.run(["shares"], db: db)
        XCTAssertEqual(validation.status, 64)
        XCTAssertTrue(validation.err.hasPrefix("错误：shares 需要一个年度"), validation.err)
        XCTAssertFalse(validation.err.contains("Error:"), validation.err)
        let en = try CLI.run(["brief", "x", "--format", "xml", "--lang", "en"], in: dir)
        XCTAssertEqual(en.status, 64)
        XCTAssertTrue(en.err.hasPrefix("error: the value 'xml' is invalid for --format <format>; one of md, html, docx\n"), en.err)
        XCTAssertTrue(en.err.contains("Usage: yusuan brief"), en.err)

        // Help scaffolding: -h and --version lines and the headings in Chinese; --help still exits 0.
        let help = try CLI.run(["docs", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("显示帮助。") && help.out.contains("显示版本号。") && help.out.contains("选项："), help.out)
        XCTAssertFalse(help.out.contains("Show help information") || help.out.contains("OPTIONS:"), help.out)

        // File errors: the catalogue's words, not the system's English.
        let text = try CLI.run(["text", "nowhere.txt"], in: dir)
        XCTAssertEqual(text.status, 1)
        XCTAssertEqual(text.err, "错误：nowhere.txt：无法读取文件（没有这个文件或文件夹）\n")
        let ingest = try CLI.run(["ingest", "--db", "s.sqlite", "nowhere.txt", dir.path], in: dir)
        XCTAssertTrue(ingest.err.contains("nowhere.txt：无法读取文件：没有这个文件"), ingest.err)
        XCTAssertLessThan(latinShare(text.err + ingest.err), 0.02, text.err + ingest.err)
    }

    func testDocsHeadersFollowTheLanguage() throws {
        let zh = try CLI.run(["docs"], db: db).out
        XCTAssertTrue(zh.hasPrefix("文件"), zh)
        let en = try CLI.run(["docs", "--lang", "en"], db: db).out
        XCTAssertTrue(en.hasPrefix("document"), en)
        XCTAssertFalse(en.split(separator: "\n")[0].unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, en)
    }
}
