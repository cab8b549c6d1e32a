import XCTest
@testable import YusuanIngest

/// The byte test of “plain” text (where a byte search answers as Foundation's canonical one)
/// agrees with the scalar test on every scalar of the Basic Multilingual Plane and beyond.
final class LiteralSearchTests: XCTestCase {
    func testPlainByTheByteAgreesWithTheScalars() {
        for v in UInt32(0)...0x10FFFF where v % 7 == 0 || v < 0x10000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = "预算" + String(Character(u)) + "a"
            XCTAssertEqual(LiteralSearch.isPlain(s.utf8), LiteralSearch.isPlain(s.unicodeScalars), String(format: "U+%04X", v))
        }
    }

    func testContainsFallsBackToFoundationOutsidePlainText() {
        XCTAssertTrue(LiteralSearch.contains("部门预算支出", "预算"))
        XCTAssertFalse(LiteralSearch.contains("部门预算支出", ""))
        // “é” decomposed: not plain, so Foundation's canonical search answers.
        XCTAssertEqual(LiteralSearch.contains("cafe\u{301}", "café"), "cafe\u{301}".range(of: "café") != nil)
        XCTAssertEqual(LiteralSearch.contains(Substring("x\r\ny"), "\r"), "x\r\ny".range(of: "\r") != nil)
    }
}
