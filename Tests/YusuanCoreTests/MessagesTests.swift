import XCTest
@testable import YusuanCore

final class MessagesTests: XCTestCase {
    func testBothLanguagesHaveTheSameKeysAndPlaceholders() {
        let zh = Messages.catalogue(.zh), en = Messages.catalogue(.en)
        XCTAssertGreaterThan(zh.count, 40)
        XCTAssertEqual(Set(zh.keys), Set(en.keys))
        for (k, t) in zh { XCTAssertEqual(Messages.placeholders(t), Messages.placeholders(en[k] ?? ""), k) }
    }

    func testChineseIsTheDefaultAndPlaceholdersAreFilled() {
        XCTAssertEqual(Messages.placeholders("无法写入 {reason}，{path}"), ["reason", "path"])
        let saved = Messages.language
        defer { Messages.language = saved }
        Messages.language = .zh
        XCTAssertEqual(L("rm.done", ["count": "2", "path": "s.sqlite"]), "已从 s.sqlite 删除 2 份文件")
        Messages.language = .en
        XCTAssertEqual(L("rm.done", ["count": "2", "path": "s.sqlite"]), "removed 2 document(s) from s.sqlite")
    }
}
