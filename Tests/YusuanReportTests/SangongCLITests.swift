import Foundation
import XCTest

/// `yusuan sangong` and `yusuan chart sangong` through the executable, on the sixteen re-homed documents.
final class SangongCLITests: XCTestCase {
    func binary() throws -> URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for d in [exe, Bundle(for: SangongCLITests.self).bundleURL.deletingLastPathComponent()] {
            let u = d.appendingPathComponent("yusuan")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        throw XCTSkip("the yusuan executable is not built")
    }

    func run(_ args: [String]) throws -> (out: String, status: Int32) {
        let p = Process()
        p.executableURL = try binary()
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    func testSortPerAndEveryChartStyle() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-sangong-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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
