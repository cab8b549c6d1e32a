import Foundation
import XCTest

/// Reading warnings are stored with their message key and arguments: `check --warnings` shows
/// them, with their specifics, in the language of the command, whatever the language of the ingest.
final class WarningLanguageTests: XCTestCase {
    func warnings(_ lang: String, rule: String) throws -> [String] {
        let r = try CLI.run(["check", "--warnings", "--lang", lang], db: CLI.store)
        return r.out.split(separator: "\n").map(String.init).filter { $0.contains(" \(rule) ") }
    }

    func testSpecificWarningsInBothLanguages() throws {
        // 丰都's excerpt reports 三公 figures without the table.
        let zh = try warnings("zh", rule: "truncated").filter { $0.contains("fengdu") }
        XCTAssertEqual(zh.count, 1, "\(zh)")
        XCTAssertTrue(zh[0].hasSuffix("文件似乎不完整：情况说明报告了“三公”经费表的数字，但该表没有出现（或未印出）"), zh[0])
        let en = try warnings("en", rule: "truncated").filter { $0.contains("fengdu") }
        XCTAssertTrue(en.first?.hasSuffix("the file looks cut short: its narrative reports the figures of “三公”经费表, which never comes (or was never printed)") == true, "\(en)")
        // 新兴's summary columns that have no measure, named by their header in both languages.
        let zhColumns = try warnings("zh", rule: "unmapped-column").filter { $0.contains("xinxing") }
        XCTAssertTrue(zhColumns.contains { $0.hasSuffix("第 4 列（“本年收入”）有数字，但这一表头不对应任何已知的项，未读取") }, "\(zhColumns)")
        let enColumns = try warnings("en", rule: "unmapped-column").filter { $0.contains("xinxing") }
        XCTAssertTrue(enColumns.contains { $0.hasSuffix("column 4 (“本年收入”) holds a number but its header names no known measure; not read") }, "\(enColumns)")
        XCTAssertEqual(zhColumns.count, enColumns.count)
        // 潼南's project table without a name: the line of its budget in the message.
        let project = try warnings("zh", rule: "project-without-name")
        XCTAssertTrue(project.contains { $0.contains("tongnan") && $0.hasSuffix("项目表没有可识别的项目名称，其预算（第500行）未读取") }, "\(project)")
    }

    /// No reading warning of the fixtures is English in a Chinese listing (names and codes aside).
    func testChineseListingHasNoEnglishSentence() throws {
        let r = try CLI.run(["check", "--warnings"], db: CLI.store)
        let english = r.out.split(separator: "\n").filter { $0.range(of: #"\b(the|not read|is|of|no)\b [a-z]"#, options: .regularExpression) != nil }
        XCTAssertEqual(english, [], english.joined(separator: "\n"))
    }
}
