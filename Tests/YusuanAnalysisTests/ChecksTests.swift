import XCTest
import YusuanCore
import YusuanIngest
@testable import YusuanAnalysis

/// `yusuan check`'s rules on the real samples and on copies altered on purpose.
final class ChecksTests: XCTestCase {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func findings(_ name: String, alter: ((inout [String]) -> Void)? = nil) throws -> [Diagnostic] {
        var lines = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        alter?(&lines)
        // English messages: the assertions below read its words.
        return ConsistencyChecks.run(try DocumentReader().read(data: Data(lines.joined(separator: "\n").utf8), name: name).facts, messages: .en)
    }

    func testCleanDocumentsHaveNoErrors() throws {
        for name in ["yubei-2024-linkong.txt", "tongnan-2024-jingxinwei.txt"] {
            XCTAssertEqual(try findings(name).filter { $0.severity != .rounding }, [], name)
        }
    }

    func testRoundingIsNotAnError() throws {
        let f = try findings("cqjkq-2025-guanweihui.txt")
        let total = f.first { $0.line == 101 && $0.rule == "total-sum" && $0.message.contains("(total)") }
        XCTAssertEqual(total?.severity, .rounding)   // 90,285.04 printed, 90,285.05 summed
        XCTAssertFalse(f.contains { $0.severity == .error })
    }

    func testOneCodeOneName() throws {
        let f = try findings("cqjkq-2025-guanweihui.txt").filter { $0.rule == "code-name" }
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f.first?.line, 289)
        XCTAssertTrue(f.first?.message.contains("20604") == true)
    }

    func testCatalogueAgainstPerformanceTables() throws {
        let f = try findings("wansheng-2025-special-funds.txt")
        XCTAssertEqual(f.filter { $0.severity == .error }.map(\.line), [50, 82, 83])
        let rounding = f.first { $0.line == 31 }   // 121.1 in the catalogue, 121.07 in its table
        XCTAssertEqual(rounding?.severity, .rounding)
    }

    func testAlteredFiguresAreErrors() throws {
        // A parent that no longer equals its children, a summary line against its table, a 三公 part.
        let f = try findings("yubei-2024-linkong.txt") { lines in
            lines[174] = "20103\t政府办公厅（室）及相关机构事务\t8,041,870.51\t2,651,872.51\t5,390,000.00"   // line 175
            lines[201] = "一般公共预算财政拨款\t8,840,127.35\t一般公共服务支出\t8,041,872.51\t8,041,870.51\t\t"   // line 202
            lines[361] = "60,000.00\t\t40,000.00\t\t40,000.00\t21,000.00\t125,000.00\t\t55,000.00\t\t55,000.00\t70,000.00"  // line 362
        }
        let errors = f.filter { $0.severity == .error }
        XCTAssertTrue(errors.contains { $0.line == 175 && $0.rule == "parent-sum" })
        XCTAssertTrue(errors.contains { $0.line == 175 && $0.rule == "total-of-parts" })
        XCTAssertTrue(errors.contains { $0.line == 202 && $0.rule == "same-figure" })
        XCTAssertTrue(errors.contains { $0.line == 362 && $0.rule == "sangong-parts" })
        XCTAssertTrue(errors.contains { $0.rule == "narrative" && $0.message.contains("公务接待费") })
    }
}
