import XCTest
import YusuanCore
@testable import YusuanIngest

/// The by-the-byte fast paths of the reader answer as the general paths they shortcut, over every
/// short string of the characters that matter (digits, separators, signs, spaces, CJK, tags).
final class FastPathTests: XCTestCase {
    static let alphabet: [String] = ["0", "1", "5", "9", ",", ".", "-", " ", "（", "△", "万", "a", "<p>", "，", "０", "2024"]

    /// Every string of up to `length` pieces of the alphabet.
    func strings(_ length: Int) -> [String] {
        var out = [""], level = [""]
        for _ in 0..<length {
            level = level.flatMap { s in Self.alphabet.map { s + $0 } }
            out += level
        }
        return out
    }

    /// Over every string of up to `length` of `pieces`, `fast` answers as `slow`; how many of the
    /// strings were plain (`ByteSearch.isPlain`: the byte paths answer there).
    func assertAgree<T: Equatable>(_ pieces: [String], upTo length: Int, _ fast: (Substring) -> T, _ slow: (Substring) -> T,
                                   file: StaticString = #filePath, line: UInt = #line) -> Int {
        var plain = 0
        forEveryString(of: pieces, upTo: length) { s in
            let sub = Substring(s)
            if sub.utf8.withContiguousStorageIfAvailable(ByteSearch.isPlain) == true { plain += 1 }
            XCTAssertEqual(fast(sub), slow(sub), "“\(s)”", file: file, line: line)
        }
        return plain
    }

    /// Calls `body` with every string of one to `length` of `pieces` (in order, with repeats).
    func forEveryString(of pieces: [String], upTo length: Int, _ body: (String) -> Void) {
        var level = [""]
        for _ in 0..<length {
            level = level.flatMap { s in pieces.map { s + $0 } }
            level.forEach(body)
        }
    }

    /// `DocumentLines.indices(holding:)`, one search of the whole text, finds the lines a search
    /// line by line finds: every text of up to six pieces of hyphens, newlines and other bytes,
    /// and the samples.
    func testLinesHoldingAByteAsLineByLine() throws {
        func lineByLine(_ lines: DocumentLines) -> [Int] {
            lines.indices.filter { i in lines.text(at: i).utf8.contains(UInt8(ascii: "-")) }
        }
        var texts = 0
        forEveryString(of: ["-", "\n", "a", "万", "\t-"], upTo: 6) { s in
            let lines = DocumentLines(s)
            XCTAssertEqual(lines.indices(holding: UInt8(ascii: "-")), lineByLine(lines), "“\(s)”")
            texts += 1
        }
        XCTAssertEqual(texts, 5 + 25 + 125 + 625 + 3_125 + 15_625)
        var found = 0
        for name in ["cqjkq-2025-guanweihui.txt", "tongnan-2024-jingxinwei.txt", "wansheng-2025-special-funds.txt", "yubei-2024-linkong.txt"] {
            let lines = DocumentLines(try String(contentsOf: sample(name), encoding: .utf8))
            XCTAssertEqual(lines.indices(holding: UInt8(ascii: "-")), lineByLine(lines), name)
            found += lines.indices(holding: UInt8(ascii: "-")).count
        }
        XCTAssertGreaterThan(found, 20)
    }

    func testPlainCellsParseAsTheGeneralPath() {
        var taken = 0
        for s in strings(4) + ["1,234.56", "12,345,678.00", "-1,000", "1234,567", "1,23", "0.001", "99999999999999999999", "-0"] {
            for unit in [MoneyUnit.yuan, .wanyuan] {
                guard let fast = Numbers.plainCell(Substring(s), unit: unit) else { continue }
                taken += 1
                XCTAssertEqual(fast, Numbers.anyCell(Substring(s), unit: unit), "“\(s)” in \(unit)")
            }
        }
        XCTAssertGreaterThan(taken, 1_000, "the fast path takes the plain amounts")
        XCTAssertEqual(Numbers.cell("1,234.56", unit: .yuan), .number(Money(fen: 123_456)))
        XCTAssertEqual(Numbers.cell("0.001", unit: .yuan), .badNumber("0.001", .tooPrecise))
    }

    func testAmountCellsAreToldAsTheGeneralPath() {
        var taken = 0
        for s in strings(4) + ["2024", "20101", "2010101", "12345", "1,234"] {
            guard let fast = CoverageCount.asciiIsAmount(Substring(s)) else { continue }
            taken += 1
            XCTAssertEqual(fast, CoverageCount.anyIsAmount(Substring(s)), "“\(s)”")
        }
        XCTAssertGreaterThan(taken, 1_000)
        XCTAssertFalse(CoverageCount.isAmount("2024"), "a year")
        XCTAssertFalse(CoverageCount.isAmount("20101"), "a code")
        XCTAssertFalse(CoverageCount.isAmount("12345"), "a 款 code")
        XCTAssertTrue(CoverageCount.isAmount("123456"))
    }

    func testCodesByTheByteAsByTheirKey() {
        for s in strings(3) + ["201", "20101", "2010101", " 201 ", "201　", "２０１", "2010"] {
            let general = Clean.key(s)
            XCTAssertEqual(CodeTableReader.isCode(Substring(s)), SubjectCode(general) != nil ? general : nil, "“\(s)”")
        }
    }
}

extension FastPathTests {
    func testLabelsByTheByteAsByTheScalars() {
        let pieces = ["一", "般", " ", "　", "\u{A0}", "\u{2002}", "\u{2003}", "\t", "a", "1", "“", "（", "：", "é", "😀", "<p>"]
        var level = [""], all = [""]
        for _ in 0..<4 { level = level.flatMap { s in pieces.map { s + $0 } }; all += level }
        for s in all {
            XCTAssertEqual(Clean.label(Substring(s)), Clean.labelByScalars(Clean.stripTags(Substring(s))), "“\(s)”")
        }
        for s in all { XCTAssertEqual(Clean.labelKey(Substring(s)), Clean.key(Clean.label(Substring(s))), "“\(s)”") }
        XCTAssertEqual(Clean.label("　　一般公共 服务  支出 "), "一般公共服务支出")
        XCTAssertEqual(Clean.label(" 2024 年 预算 "), "2024 年预算")
    }
}

extension FastPathTests {
    /// Cells split with `memchr` and blank cells told by their bytes, as a plain split and the
    /// scalar test give them.
    func testLinesSplitIntoCellsAsByCharacters() {
        let pieces = ["\t", "一", " ", "　", "\u{A0}", "\u{2003}", "a", "1", "é", "😀"]
        var level = [""], all = [""]
        for _ in 0..<5 { level = level.flatMap { s in pieces.map { s + $0 } }; all += level }
        all.append(String(repeating: "\t1", count: 70))
        for s in all {
            let line = SourceLine(number: 1, text: Substring("x" + s + "y").dropFirst().dropLast())
            let cells = s.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(line.cells, cells, "“\(s)”")
            let filled = cells.enumerated().filter { !$0.element.unicodeScalars.allSatisfy { Clean.isSpaceScalar($0.value) } }
            XCTAssertEqual(line.filled.map(\.index), filled.map(\.offset), "“\(s)”")
            XCTAssertEqual(line.filledCount, filled.count, "“\(s)”")
        }
    }

    func testSpacesAreGroupingByTheByteAsByCharacters() {
        let pieces = ["1", "12", "123", "1234", " ", "\t", "\u{3000}", "\u{A0}", "万", ",", ".", "e\u{301}", "3\u{301}", "０"]
        let plain = assertAgree(pieces, upTo: 4, Numbers.spacesAreGrouping, Numbers.spacesAreGroupingByCharacters)
        XCTAssertGreaterThan(plain, 5_000, "the byte path answers most")
        XCTAssertTrue(Numbers.spacesAreGrouping("2, 465. 43"))
        XCTAssertTrue(Numbers.spacesAreGrouping("3 805.35"))
        XCTAssertFalse(Numbers.spacesAreGrouping("1 12 1 7 3"))
    }

    func testNumeralsByTheByteAsByTheScalars() {
        let pieces = ["1", "０", "９", ",", "，", "、", ".", "．", "。", "-", "−", "－", "—", " ", "\u{3000}", "\u{A0}", "\t",
                      "万", "“", "a", "e\u{301}", "😀", "\u{2212}\u{301}", "\u{C2}"]
        var compared = 0
        forEveryString(of: pieces, upTo: 3) { s in
            let fast = Substring(s).utf8.withContiguousStorageIfAvailable(Numbers.plainNumeral(bytes:))!
            let slow = Numbers.plainNumeral(scalars: Substring(s))
            XCTAssertTrue(fast == slow, "“\(s)”: \(fast) against \(slow)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 10_000)
        XCTAssertTrue(Numbers.plainNumeral("１，２３４．５ 元") == ("1,234.5元", true, true))
    }

    /// The narrative compares characters with these by their scalars: no other character (one
    /// scalar or several) is canonically equal to any of them, so that answers as `==` does.
    func testCharactersComparedByScalarHaveNoOtherForm() {
        for v in NarrativeReader.comparedAlone {
            let target = Character(v)
            for u in UInt32(0)...0x3FFFF {
                guard let scalar = Unicode.Scalar(u) else { continue }
                let c = Character(scalar)
                XCTAssertEqual(NarrativeReader.isOnly(c, v), c == target, String(format: "U+%04X against U+%04X", u, v.value))
            }
            for mark in ["\u{301}", "\u{3099}", "\u{20DD}", "\u{FE0F}"] {
                let c = Character(String(target) + mark)
                XCTAssertEqual(NarrativeReader.isOnly(c, v), c == target)
            }
        }
    }

    func testTagsStrippedByTheByteAsByCharacters() {
        let pieces = ["<", ">", "p", "/", "<p>", "</u>", "中", "1", " ", "<中>", "、", "e\u{301}", "<<", "abcdefghijk"]
        let plain = assertAgree(pieces, upTo: 4, Clean.stripTags, Clean.stripTagsByCharacters)
        XCTAssertGreaterThan(plain, 10_000)
        XCTAssertEqual(Clean.stripTags("<p>一般公共服务</p>支出"), "一般公共服务支出")
    }

    func testNewlinesNormalisedByTheByteAsByFoundation() {
        let pieces = ["\r", "\n", "a", "中", "\r\n"]
        forEveryString(of: pieces, upTo: 5) { s in
            let foundation = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            XCTAssertEqual(TextDecoding.normaliseNewlines(s), foundation, s.debugDescription)
        }
    }

    func testAKeyIsLongerOnlyWhenItIs() {
        let pieces = ["表", "1", " ", "\u{3000}", "\u{A0}", "（", "e\u{301}", "\u{301}", "\r", "—", "😀", "ab"]
        var told = 0
        forEveryString(of: pieces, upTo: 4) { s in
            let characters = Clean.key(s).count
            for n in 0...7 where Clean.keyIsLonger(Substring(s), than: n) {
                told += 1
                XCTAssertGreaterThan(characters, n, "“\(s)”")
            }
            if s.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) || s.unicodeScalars.allSatisfy({ $0 == "表" || $0 == "（" || $0 == " " || $0 == "\u{3000}" || $0 == "1" }) {
                for n in 0...7 { XCTAssertEqual(Clean.keyIsLonger(Substring(s), than: n), characters > n, "“\(s)” \(n)") }
            }
        }
        XCTAssertGreaterThan(told, 1_000)
    }

    func testTheNarrativesLastMarksByTheByteAsByCharacters() {
        let pieces = ["。", ";", "较", "比", "a", "中", " ", "\u{37E}", "e\u{301}", "。\u{301}"]
        forEveryString(of: pieces, upTo: 4) { s in
            XCTAssertEqual(NarrativeReader.lastIndex(of: ["。"], in: s), s.lastIndex(of: "。"), "“\(s)”")
            XCTAssertEqual(NarrativeReader.lastIndex(of: [";"], in: s), s.lastIndex(of: ";"), "“\(s)”")
            XCTAssertEqual(NarrativeReader.lastIndex(of: NarrativeReader.comparisons, in: s), s.lastIndex { $0 == "较" || $0 == "比" }, "“\(s)”")
        }
    }

    func testASCIIDigitsByScalarAsByCharacterProperties() {
        for u in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(u) else { continue }
            let c = Character(scalar)
            XCTAssertEqual(c.isASCIIDigit, c.isASCII && c.isNumber, String(format: "U+%04X", u))
        }
        for s in ["1\u{301}", "\r\n", "１", "9\u{20E3}", "0\u{FE0F}"] {
            let c = Character(s)
            XCTAssertEqual(c.isASCIIDigit, c.isASCII && c.isNumber, s.debugDescription)
        }
    }

    /// A cell the first-scalar test rules out holds none of the role's words.
    func testTableLinesRuledOutByTheFirstScalarHoldNone() {
        let pieces = ["单位", "：", ":", " ", "\u{3000}", "表", "1", "金额", "<p>", "（", "编制", "部门", "万元", "附件"]
        var ruledOut = 0, held = 0
        forEveryString(of: pieces, upTo: 3) { s in
            for role in TableLines.Role.allCases {
                let holds = TableLines.holds(role, Clean.key(s))
                if holds { held += 1 }
                if !TableLines.mayHold(role, cell: Substring(s)) {
                    ruledOut += 1
                    XCTAssertFalse(holds, "“\(s)” \(role)")
                }
            }
        }
        XCTAssertGreaterThan(ruledOut, 10_000)
        XCTAssertGreaterThan(held, 100)
    }
}
