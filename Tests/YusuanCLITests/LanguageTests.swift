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
                let t = String(line.components(separatedBy: "(values")[0].components(separatedBy: "(default")[0])
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
}
