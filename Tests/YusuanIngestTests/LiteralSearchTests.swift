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

extension LiteralSearchTests {
    /// First and last occurrences and the removal of spaces, by the byte, as Foundation gives them.
    func testRangesAndSpacesAsFoundation() {
        let texts = ["某局2024年部门预算", "2024年度某区财政局部门决算情况说明", "(款)行政运行(项)2024年 预算数", "其中:其中", "", "a b  c", "cafe\u{301} 元"]
        let needles = ["部门", "年", "(项)", "其中", "局", "x", "预算数", " ", "é"]
        for t in texts {
            for n in needles {
                XCTAssertEqual(LiteralSearch.firstRange(of: n, in: t), t.range(of: n), "“\(n)” in “\(t)”")
                XCTAssertEqual(LiteralSearch.lastRange(of: n, in: t), t.range(of: n, options: .backwards), "“\(n)” in “\(t)”")
            }
            XCTAssertEqual(LiteralSearch.withoutSpaces(t), t.replacingOccurrences(of: " ", with: ""), t)
        }
        XCTAssertEqual(PerformanceReader.splitCoded("211 - 重庆市万盛 经开区 财政局").code, "211")
        XCTAssertEqual(PerformanceReader.splitCoded("211 - 重庆市万盛 经开区 财政局").name, "重庆市万盛经开区财政局")
        XCTAssertNil(PerformanceReader.splitCoded("重庆市-万盛").code)
    }
}
