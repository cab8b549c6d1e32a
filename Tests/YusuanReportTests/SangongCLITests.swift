import Foundation
import XCTest
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

        for style in ["grouped", "dumbbell", "change", "lines"] {
            let out = dir.appendingPathComponent("\(style).svg").path
            XCTAssertEqual(try run(["chart", "sangong", "--db", db, "--style", style, "-o", out]).status, 0, style)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out))
        }
        XCTAssertNotEqual(try run(["chart", "sangong", "--db", db, "--style", "pie", "-o", "x.png"]).status, 0)
    }
}
