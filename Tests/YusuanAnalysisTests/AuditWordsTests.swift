import XCTest
import YusuanCore
@testable import YusuanAnalysis

/// The audit's word file loads once, has a row for every role the rules ask for and none they do not,
/// and holds the real words: a typo in a role fails here rather than at the first audit.
final class AuditWordsTests: XCTestCase {
    func testEveryRoleHasWordsAndNoRowIsUnknown() {
        for role in AuditWords.allCases { XCTAssertFalse(role.words.contains(""), "\(role.rawValue) has an empty word") }
        XCTAssertEqual(Set(AuditWords.table.keys), Set(AuditWords.allCases.map(\.rawValue)), "one row per role, no unknown role")
    }

    func testRealRows() {
        XCTAssertEqual(AuditWords.up.words, ["增加", "增长", "上升", "提高", "多"])
        XCTAssertEqual(AuditWords.down.words.last, "少")
        XCTAssertEqual(AuditWords.placeholder.words.first, "XXX", "XXX before XX: the longer placeholder is reported")
        XCTAssertTrue(AuditWords.orgEnd.words.contains("委员会"))
        XCTAssertEqual(AuditWords.stageFinal.words.first, "支出决算为")
        XCTAssertEqual(AuditWords.finalEqual.words, ["决算数等于预算数", "决算数与预算数持平", "决算数与预算数基本持平"])
        XCTAssertEqual(AuditWords.share.word, "占")
    }

    func testSummaryLinesAreTriedInTurn() {
        XCTAssertEqual(AuditWords.surplusUsed.patterns.map(\.description), ["使用+结余", "用事业基金"])
        XCTAssertTrue(AuditWords.carriedIn.patterns[0].matches("年初结转和结余"))
        XCTAssertFalse(AuditWords.carriedIn.patterns[0].matches("年末结转和结余"))
        XCTAssertTrue(AuditWords.carriedOut.patterns[1].matches("结转下年"))
    }
}
