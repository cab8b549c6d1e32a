import XCTest
import YusuanCore
import YusuanIngest

/// The four text samples printed to PDF by two producers (`scripts/make-roundtrip-pdfs.py`:
/// LibreOffice and Chromium, tables ruled) read back into the same facts as the text.
final class RoundTripTests: XCTestCase {
    func assertSameFacts(_ pdf: String, _ sample: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fromPDF = try readPDF("roundtrip/" + pdf)
        let fromText = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/" + sample))
        XCTAssertEqual(fromPDF.identity.region, fromText.identity.region, file: file, line: line)
        XCTAssertEqual(fromPDF.identity.entity, fromText.identity.entity, file: file, line: line)
        XCTAssertEqual(fromPDF.identity.year, fromText.identity.year, file: file, line: line)
        XCTAssertEqual(fromPDF.facts.count, fromText.facts.count, pdf, file: file, line: line)
        XCTAssertEqual(missing(fromText.facts, from: fromPDF.facts).map(\.description), [], "missing from \(pdf)", file: file, line: line)
        XCTAssertEqual(missing(fromPDF.facts, from: fromText.facts).map(\.description), [], "extra in \(pdf)", file: file, line: line)
        XCTAssertFalse(fromPDF.coverage.isLow, pdf, file: file, line: line)
        XCTAssertTrue(fromPDF.facts.allSatisfy { $0.page != nil }, file: file, line: line)
    }

    func testYubeiLibreOffice() throws { try assertSameFacts("yubei-2024-linkong-libreoffice.pdf", "yubei-2024-linkong.txt") }
    func testYubeiChromium() throws { try assertSameFacts("yubei-2024-linkong-chromium.pdf", "yubei-2024-linkong.txt") }
    func testCqjkqChromium() throws { try assertSameFacts("cqjkq-2025-guanweihui-chromium.pdf", "cqjkq-2025-guanweihui.txt") }
    func testWanshengChromium() throws { try assertSameFacts("wansheng-2025-special-funds-chromium.pdf", "wansheng-2025-special-funds.txt") }

    /// 潼南 is the sample most damaged by extraction: spaces inside its names (“政策 (常年性项目)”)
    /// are not glyphs of the PDF, and one garbled 绩效 row (“提前丁下达…=项”) breaks differently when
    /// re-laid out. Everything else must match (five rows were lost, and one read wrong, while
    /// the rules were found on a rendering of the page).
    func testTongnanChromium() throws {
        let fromPDF = try readPDF("roundtrip/tongnan-2024-jingxinwei-chromium.pdf")
        let fromText = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/tongnan-2024-jingxinwei.txt"))
        func unspaced(_ fs: [Fact]) -> [Fact] { fs.map { var f = $0; f.item = f.item.replacingOccurrences(of: " ", with: ""); return f } }
        let lost = missing(unspaced(fromText.facts), from: unspaced(fromPDF.facts))
        let extra = missing(unspaced(fromPDF.facts), from: unspaced(fromText.facts))
        XCTAssertLessThanOrEqual(lost.count, 1, lost.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(lost.allSatisfy { $0.table == "project" && $0.code == nil }, lost.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(extra.count, 0, extra.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(fromPDF.facts.filter { $0.table != .project }.count, fromText.facts.filter { $0.table != .project }.count)
    }

    /// A table drawn without rules: columns come from how the amounts line up.
    func testYubeiWithoutRules() throws {
        let fromPDF = try readPDF("roundtrip/yubei-2024-linkong-plain-chromium.pdf")
        let fromText = try DocumentReader().read(fileAt: repoRoot.appendingPathComponent("Samples/yubei-2024-linkong.txt"))
        let tables: (ParsedDocument) -> [Fact] = { $0.facts.filter { $0.table == .generalBudgetByFunction || $0.table == .expenditureByFunction || $0.table == .incomeByFunction } }
        XCTAssertEqual(missing(tables(fromText), from: tables(fromPDF)).map(\.description), [])
        XCTAssertEqual(missing(tables(fromPDF), from: tables(fromText)).map(\.description), [])
    }
}
