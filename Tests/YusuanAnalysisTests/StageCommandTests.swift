import XCTest
import YusuanTestSupport

/// `--stage` and `execution` through the `yusuan` executable, on the 普陀 决算 and a 预算 sample.
final class StageCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try TempDir.make("stage")
        try ExecutionTests.putuoText().write(to: dir.appendingPathComponent("putuo-2024-final-caizhengju.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Repo.sample("yubei-2024-linkong.txt"),
                                         to: dir.appendingPathComponent("yubei-2024-linkong.txt"))
        let (status, out) = try run(["ingest", "-q", "--db", db, dir.path])
        XCTAssertEqual(status, 0, out)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    var db: String { dir.appendingPathComponent("s.sqlite").path }

    /// Status and standard output of `yusuan ARGS`.
    func run(_ args: [String]) throws -> (Int32, String) {
        let o = try Yusuan.run(args)
        return (o.status, o.out)
    }

    func testSangongFollowsTheStage() throws {
        let (_, budget) = try run(["sangong", "--db", db, "--format", "json", "--entity", "普陀"])
        XCTAssertTrue(budget.contains(#""year": 2024, "total": 0.95,"#), budget)
        let (_, final) = try run(["sangong", "--db", db, "--format", "json", "--entity", "普陀", "--stage", "决算"])
        XCTAssertTrue(final.contains(#""year": 2024, "total": 0.00, "outbound": 0.00,"#), final)
        XCTAssertFalse(final.contains("0.95"), final)
        XCTAssertTrue(final.contains(#""stage": "final", "sources": ["putuo-2024-final-caizhengju.txt"], "places": ["putuo-2024-final-caizhengju.txt:280"]}"#), final)
        // The 预算 sample has no 决算 figures: nothing of it in a 决算 table.
        // Nothing to show is an error (exit 2), never an empty table.
        let (yubeiStatus, yubei) = try run(["sangong", "--db", db, "--format", "json", "--entity", "临空", "--stage", "final"])
        XCTAssertEqual(yubeiStatus, 2)
        XCTAssertEqual(yubei, "")
        let (_, exported) = try run(["export", "--db", db, "--table", "sangong", "--stage", "budget"])
        XCTAssertFalse(exported.contains(#""stage":"final""#))
        XCTAssertTrue(exported.contains(#""stage":"budget""#))
    }

    func testChartsDrawOneStage() throws {
        let final = dir.appendingPathComponent("final.svg").path, budget = dir.appendingPathComponent("budget.svg").path
        var (status, out) = try run(["chart", "sangong", "--db", db, "--stage", "final", "-o", final])
        XCTAssertEqual(status, 0, out)
        (status, out) = try run(["chart", "sangong", "--db", db, "-o", budget])
        XCTAssertEqual(status, 0, out)
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: final)), try Data(contentsOf: URL(fileURLWithPath: budget)))
        // Only the 决算 has final 三公 figures; a treemap of 决算 figures of the 预算 sample has nothing to draw.
        (status, out) = try run(["chart", "treemap", "--db", db, "--stage", "final", "--entity", "临空", "--year", "2024", "-o", final])
        XCTAssertNotEqual(status, 0, out)
    }

    func testExecutionCommand() throws {
        let (status, out) = try run(["execution", "--db", db, "--format", "json", "--year", "2024"])
        XCTAssertEqual(status, 0, out)
        let first = out.split(separator: "\n")[1]
        XCTAssertEqual(String(first), #"  {"region": "\#(regionOfPutuo())", "entity": "上海市普陀区财政局", "year": 2024, "code": null, "item": "合计", "budget": 2993.92, "final": 2940.05, "difference": -53.87, "rate": 98.20, "sources": ["putuo-2024-final-caizhengju.txt"], "places": ["putuo-2024-final-caizhengju.txt:264","putuo-2024-final-caizhengju.txt:185"]},"#)
        XCTAssertFalse(out.contains("临空"), "a 预算 without its 决算 has nothing executed")
        let png = dir.appendingPathComponent("e.png").path
        let (s2, o2) = try run(["chart", "execution", "--db", db, "--entity", "普陀", "--year", "2024", "-o", png])
        XCTAssertEqual(s2, 0, o2)
        XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0, 10_000)
    }

    /// 普陀区 once the nationwide catalogue resolves it; until then the 重庆 district it was read under.
    /// Analysis outputs name a region that shares its short name with another (普陀区 in 上海 and
    /// in 舟山) with its province or city: 上海普陀区.
    func regionOfPutuo() -> String { "上海普陀区" }
}
