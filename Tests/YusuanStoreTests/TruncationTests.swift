import Foundation
import XCTest
import YusuanTestSupport

extension HostileInputTests {
    /// Each sample cut after every tenth line: a cut is refused, or stored with a warning or a
    /// `check` error, except where the cut falls between whole tables that nothing announces (the
    /// trailing 绩效目标表 of a department, a table boundary in a document without a 目录).
    /// Before issue #16, 303 of 372 cuts were stored as whole; now 16 of 380.
    func testCutFilesAreNotStoredAsWholeInSilence() throws {
        let folder = dir.appendingPathComponent("cuts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var count = 0
        for name in Repo.sampleNames {
            let lines = try String(contentsOf: Repo.sample(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            for k in stride(from: 10, to: lines.count, by: 10) {
                let cut = lines.prefix(k).joined(separator: "\n") + "\n"
                try Data(cut.utf8).write(to: folder.appendingPathComponent(String(format: "%@-cut%05d.txt", String(name.dropLast(4)), k)))
                count += 1
            }
        }
        let ingest = try yusuan(["ingest", "-q", "--db", "c.sqlite", "cuts"])
        XCTAssertEqual(ingest.status, 1, "some cuts are refused")
        let docs = try JSONSerialization.jsonObject(with: Data(try yusuan(["docs", "--db", "c.sqlite", "--format", "json"]).out.utf8)) as! [[String: Any]]
        let findings = try JSONSerialization.jsonObject(with: Data(try yusuan(["check", "--db", "c.sqlite", "--format", "json"]).out.utf8)) as! [[String: Any]]
        let withErrors = Set(findings.filter { $0["severity"] as? String == "error" }.compactMap { $0["document"] as? String })
        let silent = docs.filter { ($0["warnings"] as? Int) == 0 && !withErrors.contains($0["document"] as! String) }
            .map { $0["document"] as! String }.sorted()
        let refused = ingest.err.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        XCTAssertEqual(docs.count + refused.count, count, "every cut is stored or refused, by name")
        XCTAssertLessThanOrEqual(silent.count, 16, "cuts stored without a word: \(silent)")
        XCTAssertFalse(silent.contains { $0.hasPrefix("wansheng") }, "a booklet's catalogue promises its performance tables: \(silent)")
        XCTAssertTrue(ingest.err.contains("cut short") || ingest.err.contains("ends early"), ingest.err)
    }
}
