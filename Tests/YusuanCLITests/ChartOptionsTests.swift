import Foundation
import XCTest

/// Every data chart takes --title, --subtitle, --source and the size presets.
final class ChartOptionsTests: XCTestCase {
    var db: String { CLI.store }

    func pngSize(_ url: URL) throws -> (Int, Int) {
        let d = [UInt8](try Data(contentsOf: url).prefix(24))
        func be(_ i: Int) -> Int { d[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    func testTitleSubtitleAndSourceOnEveryDataChart() throws {
        let dir = try CLI.tempDir()
        let cases: [[String]] = [
            ["chart", "sangong", "--region", "潼南"],
            ["chart", "treemap", "--entity", "潼南区经济"],
            ["chart", "change", "--entity", "临空", "--years", "2023,2024"],
        ]
        for (i, c) in cases.enumerated() {
            let pdf = dir.appendingPathComponent("\(i).pdf")
            let r = try CLI.run(c + ["--title", "自定标题\(i)", "--subtitle", "自定副标题", "--source", "某区财政局公开文件", "-o", pdf.path], db: db)
            XCTAssertEqual(r.status, 0, "\(c): \(r.err)")
            let text = try CLI.pdfText(pdf)
            XCTAssertTrue(text.contains("自定标题\(i)"), text)
            XCTAssertTrue(text.contains("自定副标题"), text)
            XCTAssertTrue(text.contains("资料来源：某区财政局公开文件"), text)
        }
    }

    /// Default footnotes cite document titles, not file names, on every data chart.
    func testDefaultSourcesAreDocumentTitles() throws {
        let dir = try CLI.tempDir()
        let cases: [[String]] = [
            ["chart", "sangong", "--style", "dumbbell"],
            ["chart", "treemap", "--entity", "临空", "--year", "2024"],
            ["chart", "change", "--entity", "临空", "--years", "2023,2024"],
        ]
        for (i, c) in cases.enumerated() {
            let pdf = dir.appendingPathComponent("\(i).pdf")
            let r = try CLI.run(c + ["-o", pdf.path], db: db)
            XCTAssertEqual(r.status, 0, "\(c): \(r.err)")
            let text = try CLI.pdfText(pdf).replacingOccurrences(of: "\n", with: "")
            XCTAssertTrue(text.contains("资料来源：《") && text.contains("《重庆市渝北区临空都市开发建设管理办公室2024年部门预算》"), "\(c): \(text)")
            XCTAssertFalse(text.contains(".txt"), "\(c): \(text)")
        }
    }

    func testPortraitAndPrintPresets() throws {
        let dir = try CLI.tempDir()
        let portrait = dir.appendingPathComponent("p.png"), print = dir.appendingPathComponent("a4.png")
        XCTAssertEqual(try CLI.run(["chart", "sangong", "--preset", "portrait", "-o", portrait.path], db: db).status, 0)
        XCTAssertTrue(try pngSize(portrait) == (1080, 1440))
        XCTAssertEqual(try CLI.run(["chart", "sangong", "--preset", "print", "-o", print.path], db: db).status, 0)
        XCTAssertTrue(try pngSize(print) == (3508, 2480))   // A4 landscape at 300 dpi
    }

    func testChartTextFollowsTheLanguage() throws {
        let dir = try CLI.tempDir()
        let zh = dir.appendingPathComponent("zh.pdf"), en = dir.appendingPathComponent("en.pdf")
        XCTAssertEqual(try CLI.run(["chart", "sangong", "--region", "潼南", "--stacked", "-o", zh.path], db: db).status, 0)
        XCTAssertEqual(try CLI.run(["chart", "sangong", "--region", "潼南", "--stacked", "-o", en.path, "--lang", "en"], db: db).status, 0)
        let tz = try CLI.pdfText(zh), te = try CLI.pdfText(en)
        XCTAssertTrue(tz.contains("单位：万元。资料来源：《重庆市潼南区经济和信息化委员会2024年部门预算》"), tz)
        XCTAssertTrue(tz.contains("公务接待") && tz.contains("2023–2024年，按单位和年度"), tz)
        XCTAssertTrue(te.contains("Unit: 万元. Sources: 《重庆市潼南区经济和信息化委员会2024年部门预算》"), te)
        XCTAssertTrue(te.contains("reception") && te.contains("2023–2024, by entity and year"), te)
        XCTAssertTrue(te.contains("36.50 万元"), te)
    }

    /// The chart font is resolved once and remembered (`$XDG_CACHE_HOME/yusuan/fonts.tsv`); a chart
    /// drawn with the cache is the same file as one that had to resolve the font.
    func testTheFontCacheChangesNothingDrawn() throws {
        let dir = try CLI.tempDir()
        let env = ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path]
        let cold = dir.appendingPathComponent("cold.png"), warm = dir.appendingPathComponent("warm.png")
        let args = ["chart", "treemap", "--entity", "重庆经济技术开发区管理委员会", "--year", "2025"]
        XCTAssertEqual(try CLI.run(args + ["-o", cold.path], db: db, env: env).status, 0)
        let cache = try String(contentsOf: dir.appendingPathComponent("cache/yusuan/fonts.tsv"), encoding: .utf8)
        XCTAssertTrue(cache.hasPrefix("\tNoto Sans CJK SC\t"), cache)
        XCTAssertEqual(try CLI.run(args + ["-o", warm.path], db: db, env: env).status, 0)
        XCTAssertEqual(try Data(contentsOf: cold), try Data(contentsOf: warm))
        // A cache naming a directory that changed since is not used: the font is resolved again.
        var fields = cache.trimmingCharacters(in: .newlines).components(separatedBy: "\t")
        XCTAssertEqual(fields.count, 5)
        fields[4] = "1"   // the directories' modification times
        try Data((fields.joined(separator: "\t") + "\n").utf8).write(to: dir.appendingPathComponent("cache/yusuan/fonts.tsv"))
        let again = dir.appendingPathComponent("again.png")
        XCTAssertEqual(try CLI.run(args + ["-o", again.path], db: db, env: env).status, 0)
        XCTAssertEqual(try Data(contentsOf: cold), try Data(contentsOf: again))
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("cache/yusuan/fonts.tsv"), encoding: .utf8), cache)
    }
}
