import XCTest
@testable import YusuanCore

/// Money never wraps: checked forms report overflow, operators saturate, parsing refuses amounts
/// beyond any budget; output is neutralised for spreadsheets and terminals.
final class CheckedMoneyTests: XCTestCase {
    func testCheckedAndSaturatingArithmetic() {
        let big = Money(fen: Int64.max - 5)
        XCTAssertNil(big.adding(Money(fen: 10)))
        XCTAssertNil(Money(fen: -Int64.max).subtracting(Money(fen: 10)))
        XCTAssertEqual(big + Money(fen: 10), Money(fen: Int64.max), "saturates, never a negative total")
        XCTAssertEqual(-big - Money(fen: 10), Money(fen: -Int64.max))
        XCTAssertEqual(-Money(fen: Int64.min), Money(fen: Int64.max))
        XCTAssertNil(Money.sum(Array(repeating: Money.limit, count: 1000)))
        XCTAssertEqual(Money.sum(Array(repeating: Money.limit, count: 900))?.fen, 9_000_000_000_000_000_000)
        XCTAssertEqual(Money.sum([Money(fen: 1), Money(fen: -3)]), Money(fen: -2))
    }

    func testAmountsAboveTenToTheFourteenYuanAreRefused() {
        XCTAssertEqual(Money.parse(plain: "100000000000000", unit: .yuan), .success(Money.limit))
        XCTAssertEqual(Money.parse(plain: "100000000000000.01", unit: .yuan), .failure(.tooLarge))
        XCTAssertEqual(Money.parse(plain: "999999999999.99", unit: .wanyuan), .failure(.tooLarge))
        XCTAssertEqual(Money.parse(plain: "-10000000000", unit: .wanyuan), .success(Money(fen: -Money.limit.fen)))
    }

    func testCSVCellsCannotBecomeFormulas() {
        XCTAssertEqual(FactExport.csvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(FactExport.csvField("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0")
        XCTAssertEqual(FactExport.csvField("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(FactExport.csvField("-1+2"), "'-1+2")
        XCTAssertEqual(FactExport.csvField("\tx"), "'\tx")
        XCTAssertEqual(FactExport.csvField("\rx"), "\"'\rx\"")
        XCTAssertEqual(FactExport.csvField("-14.00", numeric: true), "-14.00", "numbers stay numbers")
        XCTAssertEqual(FactExport.csvField("一般公共服务"), "一般公共服务")
    }

    func testControlCharactersAreStripped() {
        let s = SafeText.strippingControls("a\u{1B}[31mb\u{07}\nc\u{0}d\u{202E}e\u{85}f\tg")
        XCTAssertEqual(s.text, "a[31mb\ncdef\tg")
        XCTAssertEqual(s.removed, 5)
        XCTAssertEqual(s.firstLine, 1)
        XCTAssertFalse(SafeText.hasControls("重庆市渝北区\t1,234.00\n"))
    }

    /// `hasControls` by the byte says what `isControl` says of the scalars, for every scalar of
    /// planes 0–3 alone, between CJK text, and after a character whose last byte is 0xC2 or 0xE2's
    /// neighbours.
    func testControlsFoundByTheByteAsByTheScalars() {
        var found = 0
        for v in UInt32(0)...0x3FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let control = SafeText.isControl(v)
            for s in [String(Character(u)), "中" + String(Character(u)) + "文", "\u{A2}" + String(Character(u)), "\u{2000}" + String(Character(u))] {
                XCTAssertEqual(SafeText.hasControls(s), control, String(format: "U+%04X in “%@”", v, s))
            }
            if control { found += 1 }
        }
        XCTAssertEqual(found, 0x20 - 2 + (0x9F - 0x7F + 1) + 5 + 4)
    }
}
