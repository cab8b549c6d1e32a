import Foundation
import XCTest
import YusuanTestSupport

/// `yusuan check` through the executable: JSON findings with page, Chinese by default, English on
/// request, and `--annotate` from the path recorded at ingest.
final class CheckCLITests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = try TempDir.make("check")
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func run(_ args: [String]) throws -> Outcome { try Yusuan.run(args) }

    func testYubeiFindingsAsJSON() throws {
        let db = dir.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db, "--quiet", Repo.sample("yubei-2024-linkong.txt").path]).status, 0)
        let r = try run(["check", "--db", db, "--format", "json"])
        XCTAssertEqual(r.status, 1)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        let p = try XCTUnwrap(items.first { $0["rule"] as? String == "performance-projects" })
        XCTAssertEqual(p["line"] as? Int, 99)
        XCTAssertTrue(p["page"] is NSNull)
        XCTAssertTrue((p["message"] as? String)?.contains("第99行印 539,000 元，应为 5,390,000 元") == true, "\(p)")
        let en = try run(["check", "--db", db, "--format", "json", "--lang", "en"]).out
        XCTAssertTrue(en.contains("539,000 元 printed at line 99, 5,390,000 元 expected"), en)
        XCTAssertTrue(try run(["check", "--help"]).out.contains("performance-projects"))
    }

    func testAnnotatedPDFFromTheRecordedPath() throws {
        let pdf = Repo.pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf")
        guard FileManager.default.fileExists(atPath: pdf.path) else { throw XCTSkip("the 普陀 PDF fixture is missing") }
        let db = dir.appendingPathComponent("p.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db, "--quiet", pdf.path]).status, 0)
        let out = dir.appendingPathComponent("marked.pdf").path
        let r = try run(["check", "--db", db, "--format", "json", "--document", pdf.lastPathComponent, "--annotate", out])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        XCTAssertTrue(items.contains { $0["rule"] as? String == "narrative-share" && $0["page"] as? Int == 21 })
        XCTAssertTrue(items.contains { $0["rule"] as? String == "same-figure" && $0["page"] as? Int == 12 && ($0["message"] as? String)?.contains("326.71") == true })
        let first = try Data(contentsOf: URL(fileURLWithPath: out))
        _ = try run(["check", "--db", db, "--document", pdf.lastPathComponent, "--annotate", out])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), first)
        XCTAssertTrue(String(decoding: first.prefix(8), as: UTF8.self).hasPrefix("%PDF"))
    }
}
