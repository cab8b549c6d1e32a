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
        // One caption per figure: the brief's “图1 …” line, the alt text only as the picture's description.
        XCTAssertTrue(listing.contains("图1 "), listing)
        XCTAssertFalse(listing.contains(">“三公”经费按单位和年度<"), listing)
        XCTAssertTrue(listing.contains("descr=\"“三公”经费按单位和年度\""), listing)
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
        // `check` finds nothing in it; its 2 reading warnings are said as such, not as findings.
        XCTAssertTrue(md.contains("1个单位公开了“三公”经费，比上年减少。"), md)
        XCTAssertTrue(md.contains("核对未发现不一致；读取时有2条提示，见附录。"), md)
        XCTAssertTrue(md.contains("逐表核对未发现表内、表间及与情况说明不一致的数字。读取时有2条提示，列于下。"), md)
        XCTAssertTrue(md.contains("- **读取提示** 《重庆市潼南区经济和信息化委员会2024年部门预算》第267行："), md)
        XCTAssertFalse(md.contains("需要留意") || md.contains("不一致的在前") || md.contains("**留意**"), md)
        let check = try CLI.run(["check", "--db", dir.appendingPathComponent("yusuan.sqlite").path])
        XCTAssertTrue(check.out.contains("错误 0 项，提示 0 项"), check.out)
    }

    /// 决算 documents are described by their 决算 figures, labelled 决算, with the execution of the 年初预算.
    func testFinalDocumentsAreDescribedByTheirFinalFigures() throws {
        let dir = try CLI.tempDir()
        let unseen = Repo.root.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen")
        let files = ["putuo-2024-final-caizhengju.txt", "xinxing-2024-final-nongye.txt", "zigong-2023-final-wenlvju.txt",
                     "chengkou-2023-final-nongye.txt"].map { unseen.appendingPathComponent($0).path }
        let r = try CLI.run(["brief"] + files + ["--out", dir.path])
        XCTAssertEqual(r.status, 0, r.err)
        let md = try String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
        for sentence in [
            "上海市普陀区财政局2024年部门决算支出（一般公共预算财政拨款）2,940.05万元；年初预算2,993.92万元，决算2,940.05万元，完成年初预算的98.20%。",
            "新兴县农业农村局2024年部门决算支出（一般公共预算财政拨款）1,850.40万元；年初预算1,800.00万元，决算1,850.40万元，完成年初预算的102.80%。",
            "自贡市文化广播电视和旅游局2023年部门决算支出（一般公共预算财政拨款）1,190.00万元；年初预算1,150.00万元，决算1,190.00万元，完成年初预算的103.48%。",
            "城口县农业农村委员会2023年部门决算支出（一般公共预算财政拨款）1,626.42万元。",
        ] { XCTAssertTrue(md.contains(sentence), sentence + "\n" + md) }
        XCTAssertFalse(md.contains("合计。"), md)
        XCTAssertFalse(md.contains("年一般公共预算财政拨款支出") || md.contains("年部门支出（全部资金）"), md)
    }

    func testTheBriefCoversTheDocumentsGivenEvenWithAStore() throws {
        let dir = try CLI.tempDir()
        let samples = CLI.packageRoot.appendingPathComponent("Samples")
        let db = dir.appendingPathComponent("x.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, samples.path]).status, 0)
        let one = dir.appendingPathComponent("one")
        try FileManager.default.createDirectory(at: one, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: samples.appendingPathComponent("tongnan-2024-jingxinwei.txt"),
                                         to: one.appendingPathComponent("tongnan-2024-jingxinwei.txt"))
        let r = try CLI.run(["brief", one.path, "--db", db, "--out", dir.appendingPathComponent("b").path])
        XCTAssertEqual(r.status, 0, r.err)
        let md = try String(contentsOf: dir.appendingPathComponent("b/brief.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("本简报依据潼南区的1份预算公开文件整理。"), String(md.prefix(300)))
        XCTAssertFalse(md.contains("渝北") || md.contains("万盛") || md.contains("经开区") || md.contains("重庆经济技术开发区"), md)
        // The store keeps the other documents: the brief is restricted, not the store.
        let docs = try CLI.run(["docs", "--db", db, "--format", "csv"]).out
        XCTAssertEqual(docs.split(whereSeparator: \.isNewline).count, 5, docs)
    }

    func testTheSummaryNamesTheLargestMovementAndDifferenceAndAFinalIsNotABudget() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["brief", CLI.packageRoot.appendingPathComponent("Samples").path, "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.err)
        let md = try String(contentsOf: dir.appendingPathComponent("brief.md"), encoding: .utf8)
        let summary = md.components(separatedBy: "## 摘要\n\n")[1].components(separatedBy: "\n")[0]
        XCTAssertTrue(summary.contains("比2023年增加358.93万元、增长68.36%（上年数据据情况说明推算），变动最大的科目是“一般行政管理事务”，增加439.00万元、增长487.78%。"), summary)
        XCTAssertTrue(summary.contains("差额最大的一处在《万盛经济技术开发区重点专项资金2025年预算》，专项资金目录“应急管理发展”与其绩效目标表（第498行）：第50行印 5,587.00 万元，应为 242.50 万元（相差 5,344.50 万元）。"), summary)
        // Finding lines: a message naming its own line is not prefixed with it again.
        XCTAssertTrue(md.contains("- **不一致** 《万盛经济技术开发区重点专项资金2025年预算》中，专项资金目录“应急管理发展”"), md)
        XCTAssertFalse(md.contains("第50行：") || md.contains("项目 9 个"), md)
        XCTAssertTrue(md.contains("“9个项目的金额”"), md)

        let final = Repo.root.appendingPathComponent("Tests/YusuanIngestTests/Fixtures/unseen/putuo-2024-final-caizhengju.txt")
        let f = try CLI.run(["brief", final.path, "--out", dir.appendingPathComponent("final").path])
        XCTAssertEqual(f.status, 0, f.err)
        let fmd = try String(contentsOf: dir.appendingPathComponent("final/brief.md"), encoding: .utf8)
        XCTAssertTrue(fmd.contains("本简报依据上海普陀区的1份决算公开文件整理。"), String(fmd.prefix(300)))
        XCTAssertFalse(fmd.contains("预算公开文件"), fmd)
    }
}
