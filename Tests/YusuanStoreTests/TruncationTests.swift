import Foundation
import XCTest
import YusuanTestSupport

extension HostileInputTests {
    /// Each sample and each unseen-form fixture cut after every tenth line: a cut is refused, or
    /// stored with a warning or a `check` error. Before issue #16, 303 of 372 sample cuts were stored
    /// as whole; then 16 of 380; now none of the 380, and 2 of the 142 fixture cuts: each falls
    /// where the rest of the file is not announced by anything before the cut (see `undetectable`).
    func testCutFilesAreNotStoredAsWholeInSilence() throws {
        let folder = dir.appendingPathComponent("cuts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var count = 0
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: Repo.unseen.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertEqual(fixtures.count, 16)
        for url in Repo.sampleNames.map(Repo.sample) + fixtures.map(Repo.unseen.appendingPathComponent) {
            let name = url.lastPathComponent
            let lines = try String(contentsOf: url, encoding: .utf8)
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
        XCTAssertEqual(silent, Self.undetectable, "cuts stored without a word")
        XCTAssertFalse(silent.contains { $0.hasPrefix("wansheng") }, "a booklet's catalogue promises its performance tables: \(silent)")
        XCTAssertTrue(ingest.err.contains("cut short") || ingest.err.contains("ends early"), ingest.err)
    }

    /// Cuts whose remaining lines nothing before them announces: 北碚's fixture ends after a whole
    /// table with no 目录 and a narrative that reports only that table; 彭水's ends on the 合计 of a
    /// one-row 三公 table, as complete one-unit 三公 tables do (江津, 南川).
    static let undetectable = ["beibei-2025-shuiliju-cut00030.txt", "pengshui-2025-renshe-cut00060.txt"]
}
