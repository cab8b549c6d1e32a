import Foundation
import XCTest
import YusuanTestSupport

/// `yusuan brief` through the executable: Chinese prose, a self-contained HTML, a Word file.
final class BriefCommandTests: XCTestCase {
    func unzipList(_ url: URL) throws -> String {
        let o = try Program.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print('\\n'.join(z.namelist())); print(z.read('word/document.xml').decode())", url.path])
        XCTAssertEqual(o.status, 0, o.err)
        return o.out
    }

    func testHTMLIsSelfContainedAndDOCXHoldsTablesAndCharts() throws {
        let dir = try CLI.tempDir().appendingPathComponent("brief")
        let samples = CLI.packageRoot.appendingPathComponent("Samples").path
        let html = try CLI.run(["brief", samples, "--out", dir.path, "--format", "html"])
        XCTAssertEqual(html.status, 0, html.err)
        let page = try String(contentsOf: dir.appendingPathComponent("brief.html"), encoding: .utf8)
        let refs = page.components(separatedBy: "<img src=\"").dropFirst().map { String($0.prefix(22)) }
        XCTAssertEqual(refs.count, 6)
        XCTAssertTrue(refs.allSatisfy { $0 == "data:image/png;base64," }, "\(refs)")
        XCTAssertFalse(page.contains("http://") || page.contains("https://"))

        // Written afresh: the html of the earlier run is gone.
        let docx = try CLI.run(["brief", samples, "--out", dir.path, "--format", "docx"])
        XCTAssertEqual(docx.status, 0, docx.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("brief.html").path))
        let data = try Data(contentsOf: dir.appendingPathComponent("brief.docx"))
        XCTAssertEqual(Array(data.prefix(2)), [0x50, 0x4B])   // a zip
        let listing = try unzipList(dir.appendingPathComponent("brief.docx"))
        XCTAssertTrue(listing.contains("word/document.xml"))
        XCTAssertEqual(listing.split(separator: "\n").filter { $0.hasPrefix("word/media/") }.count, 6)
        XCTAssertGreaterThanOrEqual(listing.components(separatedBy: "<w:tbl>").count - 1, 3)
        for figure in ["183.53", "207.09", "109.84", "61.69", "-23.56", "-11.38%", "36.50", "-27.72%"] {
            XCTAssertTrue(listing.contains(">\(figure)<"), figure)
        }
    }

    func testTheBriefIsChineseThroughout() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["brief", CLI.packageRoot.appendingPathComponent("Samples").path, "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.err)
        var md = try String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
        // File names (the notes), chart file names and 科目 codes aside.
        md = md.replacingOccurrences(of: #"[\w./-]+\.(txt|png)|\(\w+\)"#, with: "", options: .regularExpression)
        var latin = 0, cjk = 0
        for u in md.unicodeScalars {
            if ("a"..."z").contains(u) || ("A"..."Z").contains(u) { latin += 1 }
            if (0x4E00...0x9FFF).contains(u.value) { cjk += 1 }
        }
        XCTAssertLessThan(Double(latin) / Double(latin + cjk), 0.01, "\(latin) Latin letters")
    }

    func testLangEnWritesTheBriefInEnglish() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["brief", CLI.packageRoot.appendingPathComponent("Samples").path, "--out", dir.path, "--lang", "en"])
        XCTAssertEqual(r.status, 0, r.err)
        let md = try String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
        XCTAssertTrue(md.hasPrefix("# Budget disclosure brief\n\n## Summary\n"), String(md.prefix(80)))
        XCTAssertTrue(md.contains("重庆经济技术开发区管理委员会: “three public expenses” 183.53万元 in 2025, down 23.56万元 (−11.38%) on 2024"), md)
        XCTAssertTrue(md.contains("| Region | Entity | Year | Total |"))
        XCTAssertFalse(md.contains("摘要") || md.contains("比上年") || md.contains("资料来源"))
    }

    func testTheBriefFolderIsWrittenAfresh() throws {
        let dir = try CLI.tempDir()
        let samples = CLI.packageRoot.appendingPathComponent("Samples")
        XCTAssertEqual(try CLI.run(["brief", samples.path, "--out", dir.path]).status, 0)
        let r = try CLI.run(["brief", samples.appendingPathComponent("tongnan-2024-jingxinwei.txt").path, "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.err)
        let md = try String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("本简报依据潼南区的1份预算公开文件整理。"), String(md.prefix(300)))
        XCTAssertFalse(md.contains("渝北"))
        let pngs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertEqual(pngs, ["entity-01-structure.png", "sangong.png"])
    }
}
