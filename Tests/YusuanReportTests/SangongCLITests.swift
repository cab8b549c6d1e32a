import Foundation
import XCTest
import YusuanIngest
import YusuanTestSupport

/// `yusuan sangong` and `yusuan chart sangong` through the executable, on the sixteen re-homed documents.
final class SangongCLITests: XCTestCase {
    func run(_ args: [String]) throws -> Outcome { try Yusuan.run(args) }

    func testSortPerAndEveryChartStyle() throws {
        let dir = try TempDir.make("sangong-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try SangongFixture.store(in: dir, samples: reportSamples)
        let db = dir.appendingPathComponent("sangong.sqlite").path

        let json = try run(["sangong", "--db", db, "--per", "total", "--format", "json"])
        XCTAssertEqual(json.status, 0)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 32)
        let shares = rows.filter { $0["year"] as? Int == 2024 }.compactMap { $0["share"] as? Double }
        XCTAssertEqual(shares.count, 16)
        XCTAssertEqual(shares, shares.sorted(by: >), "sorted by the latest share")

        let csv = try run(["sangong", "--db", db, "--sort", "change", "--percent", "--format", "csv"])
        let csvLines = csv.out.components(separatedBy: "\r\n")
        let header = csvLines.first?.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) } ?? []
        let pctColumn = try XCTUnwrap(header.firstIndex(of: "change_pct"), "\(header)")
        let pcts = csvLines.dropFirst().compactMap { line -> Double? in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return pctColumn < cells.count ? Double(cells[pctColumn].trimmingCharacters(in: .whitespacesAndNewlines)) : nil
        }
        XCTAssertEqual(pcts.count, 16)
        XCTAssertEqual(pcts, pcts.sorted(by: >), "sorted by change %")

        for style in ["grouped", "dumbbell", "change"] {
            let out = dir.appendingPathComponent("\(style).svg").path
            XCTAssertEqual(try run(["chart", "sangong", "--db", db, "--style", style, "-o", out]).status, 0, style)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out))
        }
        // Two years make no small multiples (SangongCLIDefaultsTests draws them with three).
        XCTAssertEqual(try run(["chart", "sangong", "--db", db, "--style", "lines", "-o", dir.appendingPathComponent("l.svg").path]).status, 2)
        XCTAssertNotEqual(try run(["chart", "sangong", "--db", db, "--style", "pie", "-o", "x.png"]).status, 0)
    }
}

/// The comparison's defaults and notes, through the executable: change charts sorted by change,
/// changes over the latest two years as in the table, --per citing its base, --style lines
/// refused for two years, names in pinyin order.
final class SangongCLIDefaultsTests: XCTestCase {
    nonisolated(unsafe) static var dir: URL!
    override class func setUp() {
        super.setUp()
        dir = try! TempDir.make("sangong-defaults")
        let store = try! SangongFixture.store(in: dir, samples: reportSamples)
        // A 2025 budget of 重庆市江北区经济和信息化委员会: 江北 then has 2023, 2024 and 2025.
        let tongnan = try! String(contentsOf: reportSamples.appendingPathComponent("tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        let text = SangongFixture.rehome(tongnan, stem: "潼南", to: "重庆市", "江北", unit: .wanyuan, factors: (3, 2), prior: true)
            .replacingOccurrences(of: "2024", with: "2025").replacingOccurrences(of: "2023", with: "2024")
        _ = try! store.ingest(DocumentReader().read(data: Data(text.utf8), name: "jxw-2025.txt"))
    }
    override class func tearDown() { try? FileManager.default.removeItem(at: dir) }

    var db: String { Self.dir.appendingPathComponent("sangong.sqlite").path }
    func run(_ args: [String]) throws -> Outcome { try Yusuan.run(args + ["--db", db]) }
    func pdf(_ args: [String], _ name: String) throws -> String {
        let url = Self.dir.appendingPathComponent(name)
        let r = try run(["chart", "sangong"] + args + ["-o", url.path])
        XCTAssertEqual(r.status, 0, r.err)
        guard let text = try Program.tool("/usr/bin/pdftotext", ["-layout", url.path, "-"])?.out else { throw XCTSkip("pdftotext is not installed") }
        return text.components(separatedBy: .whitespacesAndNewlines).joined()
    }
    func json(_ args: [String]) throws -> [[String: Any]] {
        let r = try run(["sangong", "--format", "json"] + args)
        XCTAssertEqual(r.status, 0, r.err)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    }

    func testChangeStyleIsSortedByChange() throws {
        let text = try pdf(["--style", "change", "--years", "2023,2024"], "change.pdf")
        XCTAssertTrue(text.contains("按增减额从增到减"), text)
        XCTAssertFalse(text.contains("金额从高到低"), text)
        XCTAssertTrue(text.contains("2023年→2024年"), text)
        let pct = try pdf(["--style", "change", "--percent", "--years", "2023,2024"], "change-pct.pdf")
        XCTAssertTrue(pct.contains("按增减幅度从增到减"), pct)
    }

    /// 江北 has three years: the dumbbell and the change chart give 2024→2025, the change the table prints.
    func testThreeYearsCompareTheLatestTwoAsTheTableDoes() throws {
        let rows = try json(["--region", "江北"]).filter { ($0["entity"] as? String)?.contains("经济和信息化") == true }
        XCTAssertEqual(rows.compactMap { $0["year"] as? Int }, [2023, 2024, 2025])
        let pct = try XCTUnwrap(rows.last?["change_pct"] as? Double)
        let printed = (pct > 0 ? "+" : "") + String(format: "%.2f%%", pct)
        for style in ["dumbbell", "change"] {
            let text = try pdf(["--region", "江北", "--style", style], "\(style)-3.pdf")
            XCTAssertTrue(text.contains("2024年→2025年"), text)
            XCTAssertTrue(text.contains(printed), "\(style): \(printed) in \(text)")
        }
    }

    func testPerCitesItsBaseAndPrintsPoints() throws {
        let table = try run(["sangong", "--per", "total", "--years", "2023,2024"])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssertTrue(table.out.contains("占比增减（个百分点）"), table.out)
        XCTAssertTrue(table.out.contains("资料来源") && table.out.contains("jxw-00.txt") && table.out.contains("lk-07.txt"), table.out)
        let points = try json(["--per", "total", "--years", "2023,2024"]).compactMap { $0["share_change"] as? Double }
        XCTAssertGreaterThan(points.count, 4)
        for p in points where p != 0 { XCTAssertFalse(table.out.contains(String(format: "%.2f%%", p)), "\(p) printed as %") }
        let text = try pdf(["--per", "total", "--style", "dumbbell", "--years", "2023,2024"], "per.pdf")
        XCTAssertTrue(text.contains("÷同年一般公共预算财政拨款支出合计（取自各单位“一般公共预算财政拨款支出表”的合计行"), text)
        XCTAssertTrue(text.contains("带*的数") || !text.contains("*"), text)
    }

    /// Sources that disagree are noted once per run, not once per use of the figures.
    func testTheDisagreementNoteOncePerRun() throws {
        for args in [["sangong"], ["sangong", "--per", "total"], ["chart", "sangong", "-o", Self.dir.appendingPathComponent("n.svg").path]] {
            let r = try run(args)
            XCTAssertLessThanOrEqual(r.err.components(separatedBy: "不一致").count - 1, 1, "\(args): \(r.err)")
        }
    }

    func testLinesNeedThreeYears() throws {
        let r = try run(["chart", "sangong", "--style", "lines", "--years", "2023,2024", "-o", Self.dir.appendingPathComponent("l.png").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("需要三个或更多年度") && r.err.contains("2023–2024年"), r.err)
        XCTAssertEqual(try run(["chart", "sangong", "--style", "lines", "--region", "江北", "-o", Self.dir.appendingPathComponent("l.svg").path]).status, 0)
    }

    /// `--sort name`: regions in pinyin order (ICU's zh pinyin collation), not by code point:
    /// 永川 (yǒng, U+6C38) after 江津 (jiāng, U+6C5F), 重庆江北区 (chóng) between 璧山 and 大渡口.
    func testSortByNameIsPinyinOrder() throws {
        // The collation goes by character: 长寿 (cháng) sorts as zhǎng, so it is left out here.
        let regions = try json(["--sort", "name", "--years", "2024"]).compactMap { $0["region"] as? String }
        XCTAssertEqual(regions.filter { $0 != "长寿区" },
                       ["巴南区", "北碚区", "北京朝阳区", "璧山区", "重庆江北区", "大渡口区", "海淀区", "合川区", "江津区",
                        "九龙坡区", "南岸区", "浦东新区", "沙坪坝区", "上海普陀区", "永川区"])
        XCTAssertNotEqual(regions, regions.sorted(), "code-point order differs")
    }
}
