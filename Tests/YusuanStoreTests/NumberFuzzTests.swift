import Foundation
import XCTest
import YusuanTestSupport

/// Number-heavy mutations of the samples (extreme, negative, accountant-style and overflowing
/// amounts) ingested through the executable, then every command that computes with what was
/// stored: none may crash, and each exits 0 or 1 with its message.
extension HostileInputTests {
    static let extremes = ["999,999,999,999.99", "99,999,999,999,999.99", "100,000,000,000,000.00", "0.01", "-0.01",
                           "△1,234.00", "(5,000.00)", "9223372036854775807", "-9223372036854775808", "0", "1e308",
                           "92,233,720,368,547,758.07", "10,000,000,000,000.00", "▲0.01"]

    func testExtremeNumbersNeverCrashAnyCommand() throws {
        let dir = self.dir!
        let seed = ProcessInfo.processInfo.environment["YUSUAN_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x16
        var rng = SplitMix64(seed: seed)
        let names = Repo.sampleNames
        let number = try NSRegularExpression(pattern: "(?<![0-9A-Za-z])[0-9][0-9,]*\\.[0-9]{2}(?![0-9])")
        for (k, name) in names.enumerated() {
            let text = try String(contentsOf: Repo.sample(name), encoding: .utf8)
            for copy in 0..<2 {
                let ns = text as NSString
                var out = ""
                var last = 0
                for m in number.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
                    // One number in four becomes an extreme one.
                    let original = ns.substring(with: m.range)
                    out += rng.next() % 4 == 0 ? Self.extremes[Int(rng.next() % UInt64(Self.extremes.count))] : original
                    last = m.range.location + m.range.length
                }
                out += ns.substring(from: last)
                try Data(out.utf8).write(to: dir.appendingPathComponent("m\(k)-\(copy)-\(name)"))
            }
        }
        func ok(_ args: [String]) throws {
            let o = try yusuan(args)
            // 2: a chart or filter with nothing to draw says so (an option that cannot apply).
            XCTAssertTrue(o.status == 0 || o.status == 1 || o.status == 2, "yusuan \(args.joined(separator: " ")) exited \(o.status): \(o.err)")
            XCTAssertFalse(o.err.contains("Fatal error"), o.err)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        try ok(["ingest", "--db", "f.sqlite"] + files)
        for args in [["check", "--warnings"], ["trend", "--code", "合计"], ["trend", "--code", "201"], ["sangong"],
                     ["compare", "--years", "2023,2024"], ["compare", "--years", "2024,2025", "--format", "json"],
                     ["shares", "--year", "2025"], ["export", "--format", "csv"], ["docs"],
                     ["chart", "sangong", "-o", "s.svg"],
                     ["chart", "treemap", "--entity", "重庆经济技术开发区管理委员会", "--year", "2025", "--color", "change", "-o", "t.png"],
                     ["chart", "change", "--entity", "临空", "--years", "2023,2024", "--table", "expenditure_by_function", "-o", "c.svg"]] {
            try ok(args + ["--db", "f.sqlite"])
        }
        try ok(["brief", "--out", "brief", "--format", "html"] + files)
    }
}
