import Foundation
import XCTest
import YusuanTestSupport

/// Tables read from space-aligned text (`pdftotext -layout`) are checked against their own sums as
/// they are read: sums that do not add up mean misread columns, and the user is told on stderr and
/// in `check --warnings`. Tab-separated text and PDFs are not second-guessed.
final class AlignedTextCLITests: XCTestCase {
    func testMisreadColumnsOfLayoutTextAreSaid() throws {
        let pdftotext = URL(fileURLWithPath: "/usr/bin/pdftotext")
        guard FileManager.default.isExecutableFile(atPath: pdftotext.path) else {
            throw XCTSkip("pdftotext (poppler-utils, which `make deps` installs) is not installed")
        }
        let dir = try CLI.tempDir()
        let layout = dir.appendingPathComponent("cqjkq-layout.txt")
        _ = try Program.run(pdftotext, ["-layout", Repo.pdfFixtures.appendingPathComponent("roundtrip/cqjkq-2025-guanweihui-chromium.pdf").path, layout.path])
        let db = dir.appendingPathComponent("s.sqlite").path
        let r = try CLI.run(["ingest", "--db", db, layout.path, Repo.sample("cqjkq-2025-guanweihui.txt").path])
        XCTAssertEqual(r.status, 0, r.err)
        let said = r.err.split(separator: "\n").filter { $0.contains("由空格对齐的文本读取") }
        XCTAssertEqual(said.count, 1, r.err)
        XCTAssertTrue(said[0].hasPrefix("警告：cqjkq-layout.txt 第"), String(said[0]))
        XCTAssertTrue(said[0].range(of: #"表中有 \d+ 处加总不符"#, options: .regularExpression) != nil, String(said[0]))
        let warnings = try CLI.run(["check", "--warnings", "--format", "csv"], db: db).out
        let rows = warnings.split(separator: "\r\n").filter { $0.contains(",aligned-columns,") }
        XCTAssertEqual(rows.count, 1, warnings)
        XCTAssertTrue(rows[0].hasPrefix("cqjkq-layout.txt,"), String(rows[0]))
    }
}
