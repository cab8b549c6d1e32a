import XCTest
import YusuanCore
@testable import YusuanAnalysis

/// The check catalogue (`messages.{zh,en}.tsv` of YusuanAnalysis): complete in both languages.
final class AuditMessagesTests: XCTestCase {
    func testBothLanguagesHaveTheSameKeysAndPlaceholders() {
        let zh = AuditMessages.zh.templates, en = AuditMessages.en.templates
        XCTAssertGreaterThan(zh.count, 100)
        XCTAssertEqual(Set(zh.keys).subtracting(en.keys).sorted(), [])
        XCTAssertEqual(Set(en.keys).subtracting(zh.keys).sorted(), [])
        for (k, t) in zh { XCTAssertEqual(Messages.placeholders(t), Messages.placeholders(en[k] ?? ""), k) }
    }

    func testEveryRuleTableAndMeasureIsNamedInBothLanguages() {
        for m in [AuditMessages.zh, AuditMessages.en] {
            for r in CheckRule.allCases { XCTAssertTrue(m.has("rule.\(r.rawValue)"), "\(m.language) rule.\(r.rawValue)") }
            for t in TableKind.allCases { XCTAssertTrue(m.has("table.\(t.rawValue)"), "\(m.language) table.\(t.rawValue)") }
            for x in Measure.allCases { XCTAssertTrue(m.has("measure.\(x.rawValue)"), "\(m.language) measure.\(x.rawValue)") }
        }
        XCTAssertEqual(AuditMessages.en.table(.generalBudgetByFunction), "the general public budget appropriation expenditure table")
        XCTAssertEqual(AuditMessages.zh.table(.generalBudgetByFunction), "一般公共预算财政拨款支出表")
        // English text holds no Chinese (“三公” is said in English too).
        for (k, t) in AuditMessages.en.templates {
            XCTAssertFalse(t.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, k)
        }
    }
}
