import XCTest
import YusuanCore
@testable import YusuanIngest

/// Negatives as accountants print them, and control bytes (NUL past the first 8 KB) in a label.
final class HostileCellsTests: XCTestCase {
    func cell(_ s: String, _ u: MoneyUnit = .yuan) -> CellValue { Numbers.cell(Substring(s), unit: u) }

    func testTriangleAndParenthesisedNegatives() {
        XCTAssertEqual(cell("△1,234.50"), .number(Money(fen: -123_450)))
        XCTAssertEqual(cell("▲5", .wanyuan), .number(Money(fen: -5_000_000)))
        XCTAssertEqual(cell("(1,234.00)"), .number(Money(fen: -123_400)))
        XCTAssertEqual(cell("（1,234）"), .number(Money(fen: -123_400)))
        XCTAssertEqual(cell(" △ 12.00 "), .number(Money(fen: -1_200)))
        XCTAssertNotEqual(cell("(1)"), .number(Money(fen: -100)), "a row number in brackets is not an amount")
        XCTAssertNotEqual(cell("△-5.00"), .number(Money(fen: 500)), "no double negative")
    }

    func testNULAndEscapeNeverCutOrColourALabel() throws {
        let base = try String(contentsOf: sampleURL("yubei-2024-linkong.txt"), encoding: .utf8)
        // A NUL past the first 8 KB (the binary check looks at the head only) inside a label.
        guard let r = base.range(of: "一般公共服务支出", range: base.index(base.startIndex, offsetBy: 6000)..<base.endIndex) else {
            return XCTFail("label not found")
        }
        let damaged = base.replacingCharacters(in: r, with: "一般公共\u{0}服务\u{1B}[2J支出")
        let doc = try DocumentReader().read(data: Data(damaged.utf8), name: "nul.txt")
        let clean = try DocumentReader().read(data: Data(base.utf8), name: "nul.txt")
        XCTAssertTrue(doc.facts.contains { $0.item == "一般公共服务[2J支出" }, "the whole label, after the NUL too")
        XCTAssertEqual(doc.facts.count, clean.facts.count)
        XCTAssertFalse(doc.facts.contains { SafeText.hasControls($0.item) || SafeText.hasControls($0.entity) })
        XCTAssertTrue(doc.warnings.contains { $0.rule == "control-characters" && $0.message.hasPrefix("2 control") })
    }

    func sampleURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples").appendingPathComponent(name)
    }
}
