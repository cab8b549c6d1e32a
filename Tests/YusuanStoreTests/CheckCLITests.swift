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

    func testAnnotateByPartOfTheNameChecksItsSourceFirst() throws {
        let pdf = Repo.pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf")
        guard FileManager.default.fileExists(atPath: pdf.path) else { throw XCTSkip("the 普陀 PDF fixture is missing") }
        let db = dir.appendingPathComponent("p.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db, "--quiet", pdf.path, Repo.sample("yubei-2024-linkong.txt").path]).status, 0)
        let out = dir.appendingPathComponent("marked.pdf").path
        // Part of a name, as the other filters read it.
        let r = try run(["check", "--db", db, "--format", "json", "--document", "putuo", "--annotate", out])
        XCTAssertEqual(r.status, 1, r.err)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        // Every finding of the document is drawn, a rounding one too (the 政府采购 parts, p24), its
        // margin note in Chinese: severity and the rule's Chinese name.
        let mine = items.filter { ($0["document"] as? String)?.hasPrefix("putuo") == true }
        XCTAssertTrue(mine.contains { $0["severity"] as? String == "rounding" && $0["page"] as? Int == 24 })
        let marked = try Data(contentsOf: URL(fileURLWithPath: out))
        let text = try pdftotext(out)
        XCTAssertTrue(text.contains("〔舍入〕说明数字"), text)
        XCTAssertTrue(text.contains("〔错误〕同数不符"), text)
        XCTAssertFalse(text.contains("[error]") || text.contains("same-figure"), text)
        XCTAssertTrue(text.contains("\(mine.count). "), "\(mine.count) findings, the last not numbered in the margins")
        XCTAssertFalse(text.contains("\(mine.count + 1). 〔"))
        // A copy of the same PDF elsewhere is the same document: the same marks.
        let copy = dir.appendingPathComponent("copy.pdf")
        try FileManager.default.copyItem(at: pdf, to: copy)
        let again = dir.appendingPathComponent("again.pdf").path
        XCTAssertEqual(try run(["check", "--db", db, "--document", "putuo", "--source", copy.path, "--annotate", again]).status, 1)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again)), marked)

        // Refused before anything is printed: several documents match, another PDF, not a PDF.
        let refused = dir.appendingPathComponent("refused.pdf").path
        let several = try run(["check", "--db", db, "--document", "2024", "--annotate", refused])
        XCTAssertEqual(several.status, 2)
        XCTAssertEqual(several.out, "")
        XCTAssertTrue(several.err.contains("putuo-caizhengju-2024-final.pdf、yubei-2024-linkong.txt"), several.err)
        let other = try run(["check", "--db", db, "--document", "putuo", "--source", Repo.pdfFixtures.appendingPathComponent("template-final-2024.pdf").path, "--annotate", refused])
        XCTAssertEqual(other.status, 2)
        XCTAssertEqual(other.out, "")
        XCTAssertTrue(other.err.contains("不是入库的 putuo-caizhengju-2024-final.pdf"), other.err)
        let text2 = try run(["check", "--db", db, "--document", "putuo", "--source", Repo.sample("yubei-2024-linkong.txt").path, "--annotate", refused])
        XCTAssertEqual(text2.status, 2)
        XCTAssertEqual(text2.out, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: refused))
        // English on request.
        XCTAssertTrue(try run(["check", "--db", db, "--document", "2024", "--annotate", refused, "--lang", "en"]).err.contains("matches several documents"))
    }

    func pdftotext(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-q", path, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
