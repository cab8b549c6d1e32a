import XCTest
@testable import YusuanCore

/// One folding, two variants: printed names compare wide (`names`), the reader's words narrow (`words`).
final class NameFoldingTests: XCTestCase {
    func testNamesFoldWidthBracketsQuotesAndBreaks() {
        XCTAssertEqual(NameFolding.fold("社会保障和就业支出（类）"), "社会保障和就业支出(类)")
        XCTAssertEqual(NameFolding.fold("机关事业单位基本养老保险缴费支 出"), "机关事业单位基本养老保险缴费支出")
        XCTAssertEqual(NameFolding.fold("〔2024〕１号；‘甲’\n"), "(2024)1号;\"甲\"")
        XCTAssertTrue(NameFolding.equivalent("【三公】经费", "[三公]经费"))
        XCTAssertEqual(NameFolding.fold("a\u{2002}b"), "a\u{2002}b", "en spaces are kept in names, as before")
    }

    func testWordsFoldOnlySpacesBracketsColonAndQuotes() {
        XCTAssertEqual(NameFolding.fold("单位：万元 （本级）“甲”", .words), "单位:万元(本级)\"甲\"")
        XCTAssertEqual(NameFolding.fold("a\u{2002}b\u{3000}c\u{A0}d", .words), "abcd")
        // Kept: other full-width forms, other brackets and quotes, line breaks.
        XCTAssertEqual(NameFolding.fold("１；【甲】‘乙’\n", .words), "１；【甲】‘乙’\n")
        let plain = "一般公共服务支出"
        XCTAssertEqual(NameFolding.fold(plain, .words), plain)
    }

    /// The byte pass decodes every scalar that a folding would change (it passes the others whole).
    func testEveryScalarAFoldingChangesIsSeenByTheBytePass() {
        let all: NameFolding.Options = [.fullWidth, .lineBreaks, .typographicSpaces, .brackets, .quotes]
        var changed = 0
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            for o in [all, NameFolding.Options.words, .names] where NameFolding.folded(v, o) != v {
                changed += 1
                let bytes = Array(String(Character(u)).utf8)
                XCTAssertNotNil(bytes.withUnsafeBufferPointer { NameFolding.folding($0, o) }, String(format: "U+%04X", v))
            }
        }
        XCTAssertGreaterThan(changed, 100)
        XCTAssertNil(Array("一般公共服务支出".utf8).withUnsafeBufferPointer { NameFolding.folding($0, .names) })
        XCTAssertEqual(NameFolding.fold("（一般 公共）“服务”"), "(一般公共)\"服务\"")
    }

    /// The byte pass answers as folding scalar by scalar: every scalar some folding changes, beside
    /// neighbours of each UTF-8 length (and lead bytes shared with scalars that do not fold).
    func testTheBytePassFoldsAsTheScalars() {
        let all: NameFolding.Options = [.fullWidth, .lineBreaks, .typographicSpaces, .brackets, .quotes]
        var folding: [String] = []
        for v in UInt32(0)...0xFFFF {
            guard let u = Unicode.Scalar(v), NameFolding.folded(v, all) != v else { continue }
            folding.append(String(Character(u)))
        }
        XCTAssertGreaterThan(folding.count, 100)
        let others = ["", "a", "中", "—", "\u{2014}", "\u{3001}", "\u{FF5F}", "\u{FEC0}", "é", "e\u{301}", "😀", "\u{C2}", "￥", "\u{2003}\u{2003}"]
        var compared = 0
        for o in [all, NameFolding.Options.words, .names, [], .fullWidth, .brackets] {
            for f in folding {
                for a in others {
                    for b in others {
                        let s = a + f + b + f
                        XCTAssertEqual(NameFolding.fold(s, o), NameFolding.foldByScalars(s, o), "“\(s)” with \(o.rawValue)")
                        compared += 1
                    }
                }
            }
            for a in others { for b in others { XCTAssertEqual(NameFolding.fold(a + b, o), NameFolding.foldByScalars(a + b, o)) } }
        }
        XCTAssertGreaterThan(compared, 10_000)
        // Nothing to fold: the same string back.
        XCTAssertEqual(NameFolding.fold("一般公共服务支出—其他", .words), "一般公共服务支出—其他")
    }
}
