import Foundation
import XCTest
import YusuanTestSupport

/// Issue #13, one grammar: `--group` and `--entity` resolved through the entity registry on every
/// command that has them, and "no match" errors that say what is missing.
final class CommandFilterTests: XCTestCase {
    var db: String { CLI.store }
    static let dadukou = "重庆市大渡口区城市管理局", nanchuan = "重庆市南川区城市管理局"

    /// A yusuan.yaml with the peer group 城管: the two 城市管理局 of the unseen fixtures.
    func groupConfig() throws -> String {
        let url = try CLI.tempDir().appendingPathComponent("yusuan.yaml")
        try "groups:\n  城管:\n    - \(Self.dadukou)\n    - \(Self.nanchuan)\n".write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The CSV rows (without the header) of `args`, which must succeed.
    func csvRows(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [Substring] {
        let r = try CLI.run(args + ["--format", "csv"], db: db)
        XCTAssertEqual(r.status, 0, "\(args): \(r.err)", file: file, line: line)
        return Array(r.out.split(separator: "\r\n").dropFirst())
    }

    func testGroupSelectsExactlyItsMembersOnEveryCommand() throws {
        let group = ["--group", "城管", "--config", try groupConfig()]
        let commands: [[String]] = [
            ["docs"], ["check"], ["export"], ["sangong"], ["shares", "--year", "2025"], ["trend", "--code", "212"],
            ["compare", "--years", "2024,2025"], ["entities"],
        ]
        for c in commands {
            let rows = try csvRows(c + group)
            XCTAssertFalse(rows.isEmpty, "\(c)")
            XCTAssertTrue(rows.allSatisfy { $0.contains("dadukou-2025-chengguanju") || $0.contains("nanchuan-2025-chengguanju")
                || $0.contains(Self.dadukou) || $0.contains(Self.nanchuan) }, "\(c): \(rows)")
            if c != ["check"] {
                XCTAssertTrue(rows.contains { $0.contains("大渡口区") } || c[0] == "compare", "\(c): \(rows)")
                // 南川 prints no 支出总表, the default table of shares.
                XCTAssertTrue(rows.contains { $0.contains("南川区") } || c[0] == "shares", "\(c): \(rows)")
            }
        }
        let docs = try CLI.run(["docs", "--format", "jsonl"] + group, db: db)
        XCTAssertEqual(docs.out.split(separator: "\n").count, 2, docs.out)
        // 南川 2024 is its prior-year column; 大渡口 prints 212 only in its 支出总表.
        XCTAssertEqual(try csvRows(["trend", "--code", "212"] + group).map { $0.split(separator: ",")[6] }, ["1789.96", "1857.36", "4321.00"])

        let dir = try CLI.tempDir()
        let csv = dir.appendingPathComponent("g.csv")
        let chart = try CLI.run(["chart", "sangong", "-o", dir.appendingPathComponent("g.pdf").path, "--data", csv.path] + group, db: db)
        XCTAssertEqual(chart.status, 0, chart.err)
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\r\n").dropFirst()
        XCTAssertEqual(lines.map { $0.split(separator: ",")[2] }, ["2024", "2025", "2024", "2025"], "\(lines)")
        XCTAssertEqual(Set(lines.map { $0.split(separator: ",")[1] }), [Substring(Self.nanchuan), Substring(Self.dadukou)])
    }

    func testAGroupOrEntityThatMatchesNothingExitsTwoNamingCandidates() throws {
        let cfg = try groupConfig()
        for c in [["docs"], ["check"], ["export"], ["sangong"], ["trend", "--code", "212"]] {
            let r = try CLI.run(c + ["--group", "城管局", "--config", cfg], db: db)
            XCTAssertEqual(r.status, 2, "\(c): \(r.out)")
            XCTAssertTrue(r.err.contains("--group“城管局”") && r.err.contains("城管"), "\(c): \(r.err)")
            XCTAssertTrue(r.out.isEmpty, "\(c)")
        }
        let e = try CLI.run(["docs", "--entity", "城市管里局"], db: db)
        XCTAssertEqual(e.status, 2, e.out)
        XCTAssertTrue(e.err.contains(Self.dadukou) || e.err.contains(Self.nanchuan), e.err)
    }

    func testEntityIsResolvedThroughTheRegistryOnDocsAndCheck() throws {
        // A part of a name selects every entity it names; the region's short name does not leak in.
        let both = try csvRows(["docs", "--entity", "城市管理局"])
        XCTAssertEqual(both.map { $0.split(separator: ",")[0] }, ["dadukou-2025-chengguanju.txt", "nanchuan-2025-chengguanju.txt"])
        let one = try csvRows(["docs", "--entity", "南川区城市管理局"])
        XCTAssertEqual(one.map { $0.split(separator: ",")[0] }, ["nanchuan-2025-chengguanju.txt"])
        let check = try CLI.run(["check", "--entity", "南川区城市管理局", "--format", "csv"], db: db)
        XCTAssertTrue([0, 1].contains(check.status), check.err)
        let rows = check.out.split(separator: "\r\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.hasPrefix("nanchuan-2025-chengguanju.txt,") }, "\(rows)")
        for c in [["export"], ["sangong"], ["shares", "--year", "2025", "--table", "一般公共预算"], ["trend", "--code", "212"],
                  ["compare", "--years", "2024,2025"]] {
            let rows = try csvRows(c + ["--entity", "南川区城市管理局"])
            XCTAssertFalse(rows.isEmpty, "\(c)")
            XCTAssertTrue(rows.allSatisfy { $0.contains(Self.nanchuan) }, "\(c): \(rows)")
        }
        let dir = try CLI.tempDir()
        let csv = dir.appendingPathComponent("e.csv")
        let chart = try CLI.run(["chart", "sangong", "--entity", "南川区城市管理局", "-o", dir.appendingPathComponent("e.pdf").path,
                                 "--data", csv.path], db: db)
        XCTAssertEqual(chart.status, 0, chart.err)
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\r\n").dropFirst()
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.contains(Self.nanchuan) }, "\(lines)")
    }

    func testNoMatchSaysWhatIsMissingWhenTheRegionIsThere() throws {
        let dir = try CLI.tempDir()
        let cases: [([String], String)] = [
            (["chart", "sangong", "--region", "大足", "-o", dir.appendingPathComponent("s.pdf").path], "大足区 在数据库中有文件，但没有“三公”经费表的数字"),
            (["chart", "treemap", "--region", "北碚", "-o", dir.appendingPathComponent("t.pdf").path], "北碚区 在数据库中有文件，但没有支出总表的数字"),
            (["sangong", "--stage", "final", "--region", "潼南"], "潼南区 在数据库中有文件，但没有“三公”经费表（决算）的数字"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args, db: db)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.err.contains(message), r.err)
            XCTAssertFalse(r.err.contains("大渡口区"), r.err)   // no wrong candidate
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.pdf").path))
        // A region that is not in the store at all still names the closest candidates.
        let none = try CLI.run(["sangong", "--region", "大渡囗"], db: db)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.err.contains("没有匹配项") && none.err.contains("大渡口区"), none.err)
    }

    /// A command on one entity reads that entity's facts only (selected in the store by the entities
    /// the filters resolve to): two copies of another entity's document that disagree are noted by a
    /// command that covers them, and not by one on an entity they do not concern.
    func testACommandOnOneEntityReadsOnlyItsFacts() throws {
        let dir = try CLI.tempDir()
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repo.sample("cqjkq-2025-guanweihui.txt"), to: docs.appendingPathComponent("cqjkq.txt"))
        let tongnan = try String(contentsOf: Repo.sample("tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        let changed = tongnan.replacingOccurrences(of: "2011308\t招商引资\t50.00\t\t50.00", with: "2011308\t招商引资\t60.00\t\t60.00")
        XCTAssertNotEqual(changed, tongnan)
        try tongnan.write(to: docs.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try changed.write(to: docs.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, docs.path]).status, 0)
        let note = "重庆市潼南区经济和信息化委员会 2024年支出总表“2011308 招商引资”（合计）：采用 50.00 万元（a.txt:318），b.txt:318 印 60.00 万元"

        let all = try CLI.run(["shares", "--year", "2024", "--format", "csv"], db: db)
        XCTAssertEqual(all.status, 0, all.err)
        XCTAssertTrue(all.err.contains("注：2 个数字在不同来源间不一致") && all.err.contains(note), all.err)
        let tongnanOnly = try CLI.run(["shares", "--region", "潼南", "--year", "2024", "--format", "csv"], db: db)
        XCTAssertTrue(tongnanOnly.err.contains(note), tongnanOnly.err)

        let dir2 = dir.appendingPathComponent("t.png").path
        for args in [["shares", "--entity", "重庆经济技术开发区管理委员会", "--year", "2025", "--format", "csv"],
                     ["compare", "--region", "经开区", "--years", "2024-2025", "--format", "csv"],
                     ["chart", "treemap", "--entity", "经济技术开发区管理委员会", "-o", dir2]] {
            let one = try CLI.run(args, db: db)
            XCTAssertEqual(one.status, 0, "\(args): \(one.err)")
            XCTAssertFalse(one.err.contains("潼南") || one.out.contains("潼南"), "\(args): \(one.err)")
        }
        // The rows of one entity are those it has in the command over the whole store.
        let cqjkq = try CLI.run(["shares", "--entity", "经济技术开发区", "--year", "2025", "--format", "csv"], db: db).out.split(separator: "\r\n")
        let every = try CLI.run(["shares", "--year", "2025", "--format", "csv"], db: db).out.split(separator: "\r\n")
        XCTAssertEqual(cqjkq.count, 10)   // the header and the 经开区's nine 类 of 2025
        XCTAssertEqual(cqjkq.first, every.first)
        XCTAssertEqual(cqjkq.dropFirst(), every.dropFirst().filter { $0.contains("重庆经济技术开发区管理委员会") })
    }
}
