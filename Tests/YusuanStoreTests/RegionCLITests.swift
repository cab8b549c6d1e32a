import Foundation
import XCTest
import YusuanTestSupport

/// Regions through the executable: two copies of the 渝北区 sample re-homed to 上海普陀区 and
/// 舟山普陀区 are kept apart by code, and `--region` takes a short name, a label or a code.
final class RegionCLITests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = try TempDir.make("regions")
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func run(_ args: [String]) throws -> Outcome { try Yusuan.run(args) }

    func testTwoPutuosIngestExportAndFilter() throws {
        let original = try String(contentsOf: Repo.sample("yubei-2024-linkong.txt"), encoding: .utf8)
        func rehome(_ full: String, _ short: String) -> String {
            original.replacingOccurrences(of: "重庆市渝北区", with: full).replacingOccurrences(of: "渝北区", with: short)
        }
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try rehome("上海市普陀区", "普陀区").write(to: docs.appendingPathComponent("sh.txt"), atomically: true, encoding: .utf8)
        try rehome("浙江省舟山市普陀区", "普陀区").write(to: docs.appendingPathComponent("zs.txt"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("r.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db, docs.path]).status, 0)

        func lines(_ region: String) throws -> [[String: Any]] {
            try run(["export", "--db", db, "--format", "jsonl", "--region", region]).out.split(separator: "\n")
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        let zs = try lines("舟山普陀")
        XCTAssertEqual(zs.count, 290)
        XCTAssertTrue(zs.allSatisfy { $0["document"] as? String == "zs.txt" && $0["region"] as? String == "普陀区"
            && $0["region_code"] as? String == "330903" && $0["province"] as? String == "浙江省" })
        let sh = try lines("310107")
        XCTAssertEqual(sh.count, 290)
        XCTAssertTrue(sh.allSatisfy { $0["document"] as? String == "sh.txt" && $0["province"] as? String == "上海市" })
        XCTAssertEqual(try lines("上海市普陀区").count, 290)
        XCTAssertEqual(try lines("普陀区").count, 580)
        // A province takes every region in it, by its name or short name.
        for p in ["上海", "上海市", "浙江", "浙江省"] { XCTAssertEqual(try lines(p).count, 290, p) }
        XCTAssertTrue(try lines("浙江").allSatisfy { $0["document"] as? String == "zs.txt" })
        // A short name on ingest names the divisions it may stand for.
        let amb0 = try run(["ingest", "--db", dir.appendingPathComponent("r0.sqlite").path, "--region", "普陀", docs.path])
        XCTAssertEqual(amb0.status, 2)
        XCTAssertEqual(amb0.err, "错误：--region 普陀 对应多个地区：上海市普陀区（310107）、浙江省舟山市普陀区（330903）；请给出代码或全称\n")
        // A --region the text contradicts wins, and says so where the user sees it.
        let other = try run(["ingest", "--db", dir.appendingPathComponent("r9.sqlite").path, "--region", "北京朝阳", docs.appendingPathComponent("sh.txt").path])
        XCTAssertEqual(other.status, 0, other.err)
        XCTAssertTrue(other.err.contains("警告：sh.txt 第3行：正文写的是上海市普陀区，但--region指定为北京市朝阳区；采用北京市朝阳区"), other.err)
        XCTAssertEqual(try lines("渝北区").count, 0)

        // The document list tells the two apart.
        let listed = try run(["docs", "--db", db]).out
        XCTAssertTrue(listed.contains("上海普陀区") && listed.contains("舟山普陀区"), listed)

        // A short name alone: settled by --region.
        let amb = dir.appendingPathComponent("amb.txt")
        try rehome("普陀区", "普陀区").write(to: amb, atomically: true, encoding: .utf8)
        let db2 = dir.appendingPathComponent("r2.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db2, "--region", "330903", amb.path]).status, 0)
        let settled = try run(["export", "--db", db2, "--format", "jsonl"]).out.split(separator: "\n")
        XCTAssertEqual(settled.count, 290)
        XCTAssertTrue(settled.allSatisfy { $0.contains("\"region_code\":\"330903\"") })

        // Or by yusuan.yaml's regions: list; without either, a warning and no code.
        let yaml = dir.appendingPathComponent("yusuan.yaml")
        try "regions: [上海市普陀区]\n".write(to: yaml, atomically: true, encoding: .utf8)
        let db3 = dir.appendingPathComponent("r3.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db3, "--config", yaml.path, amb.path]).status, 0)
        XCTAssertTrue(try run(["export", "--db", db3, "--format", "jsonl"]).out.split(separator: "\n")
            .allSatisfy { $0.contains("\"region_code\":\"310107\",\"province\":\"上海市\"") })
        let db4 = dir.appendingPathComponent("r4.sqlite").path
        XCTAssertEqual(try run(["ingest", "--db", db4, amb.path]).status, 0)
        XCTAssertTrue(try run(["export", "--db", db4, "--format", "jsonl"]).out.split(separator: "\n")
            .allSatisfy { $0.contains("\"region\":\"普陀区\",\"region_code\":null,\"province\":\"\"") })
        XCTAssertTrue(try run(["check", "--db", db4, "--warnings"]).out.contains("ambiguous-region"))
    }
}
