import XCTest
@testable import YusuanCore

/// The byte search behind title words and `contains` in the reader: first occurrences, repeated
/// lead bytes (every CJK character starts with E4–E9), and a needle at either end.
final class ByteSearchTests: XCTestCase {
    func offset(_ needle: String, _ hay: String) -> Int? {
        Array(hay.utf8).withUnsafeBufferPointer { ByteSearch.offset(of: Array(needle.utf8), in: $0) }
    }

    func testFirstOccurrenceByTheByte() {
        XCTAssertEqual(offset("公开日期", "公开时间：公开日期2024年"), 15)
        XCTAssertEqual(offset("公开", "公开时间：公开日期"), 0)
        XCTAssertEqual(offset("日期", "公开时间：公开日期"), 21)
        XCTAssertNil(offset("日期", "公开时间：公开日"))
        XCTAssertNil(offset("", "公开"))
        XCTAssertNil(offset("公开日期", "公开"))
        XCTAssertEqual(offset("aab", "aaab"), 1)
        XCTAssertEqual(offset("b", "aaab"), 3)
        XCTAssertEqual(offset("aaab", "aaab"), 0)
        XCTAssertEqual(offset("期", "日期日期"), 3, "the needle's last byte before the needle can end there")
        XCTAssertNil(offset("aab", "abab"))
        // Against a plain scan, on every cut of a text with repeated lead and last bytes.
        let hay = Array("公开日期：公开时间 2024年2月5日 发布日期日期".utf8)
        for start in 0..<hay.count where start % 3 == 0 {
            for length in 1...min(12, hay.count - start) {
                let needle = Array(hay[start..<start + length])
                let plain = (0...(hay.count - length)).first { Array(hay[$0..<$0 + length]) == needle }
                XCTAssertEqual(hay.withUnsafeBufferPointer { ByteSearch.offset(of: needle, in: $0) }, plain, "\(start) \(length)")
            }
        }
    }

    func testContainsAnswersAsFoundationForCleanText() {
        let hay = "一般公共预算财政拨款支出决算表"
        for needle in ["财政拨款", "决算表", "一般", "预算支出", "收入", ""] {
            XCTAssertEqual(ByteSearch.contains(hay, needle), hay.range(of: needle) != nil, needle)
            XCTAssertEqual(ByteSearch.contains(Substring(hay).dropFirst(2), needle), hay.dropFirst(2).range(of: needle) != nil, needle)
        }
        XCTAssertTrue(ByteSearch.has(UInt8(ascii: "<"), in: Substring("名称<p>")))
        XCTAssertFalse(ByteSearch.has(UInt8(ascii: "<"), in: "名称"))
        XCTAssertFalse(ByteSearch.has(UInt8(ascii: "<"), in: Substring("")))
    }
}
