import Foundation
import XCTest
import YusuanTestSupport

/// Issue #13: a re-issue of the same entity, year and stage supersedes the earlier one by an
/// explicit rule — its 更正 title or its later stated date — whatever order the two are ingested in.
final class SupersedeTests: XCTestCase {
    /// The 潼南 sample signed with `date` (a 落款 at its end), or titled 更正, written as `name`.
    func document(_ name: String, in dir: URL, date: String? = nil, correction: Bool = false, note: String = "") throws -> URL {
        var text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        if let date { text += "\n重庆市潼南区经济和信息化委员会\n\(date)\n" }
        if correction { text = "（更正）\n" + text }
        text += note   // not the same content, which the store would keep once
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func documents(_ db: String) throws -> [String] {
        let out = try CLI.run(["docs", "--format", "csv", "--db", db]).out
        return out.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    }

    func testTheLaterStatedDateWinsInEitherIngestOrder() throws {
        let dir = try CLI.tempDir()
        // File names sort the other way round from the dates: the order of names decides nothing.
        let original = try document("z-original.txt", in: dir, date: "2024年1月20日")
        let reissue = try document("a-reissue.txt", in: dir, date: "2024 年 2 月 5 日")
        for (n, order) in [[original, reissue], [reissue, original]].enumerated() {
            let db = dir.appendingPathComponent("\(n).sqlite").path
            XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, order[0].path]).status, 0)
            let r = try CLI.run(["ingest", "-q", "--db", db, order[1].path])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.err.contains("已替代：z-original.txt（注明日期 2024年1月20日）由注明日期较晚（2024年2月5日）的重新发布版 a-reissue.txt 替代"), r.err)
            XCTAssertEqual(try documents(db), ["a-reissue.txt"], "order \(n)")
        }
        // Both in one ingest: the same rule.
        let db = dir.appendingPathComponent("both.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, original.path, reissue.path]).status, 0)
        XCTAssertEqual(try documents(db), ["a-reissue.txt"])
    }

    /// A labelled date (发布日期) counts before a 落款, wherever it stands; blank lines after the
    /// 落款 do not hide it.
    func testALabelledDateCountsBeforeTheSignature() throws {
        let dir = try CLI.tempDir()
        let original = try document("a-original.txt", in: dir, date: "2024年1月20日", note: "\n\n \n\u{3000}\n")
        var text = try String(contentsOf: try document("tmp.txt", in: dir, date: "2023年12月1日"), encoding: .utf8)
        let cut = text.index(text.startIndex, offsetBy: text.count / 2)
        text.insert(contentsOf: "\n　发布日期：2024-02-05　\n", at: text[cut...].firstIndex(of: "\n") ?? cut)
        let reissue = dir.appendingPathComponent("b-reissue.txt")
        try text.write(to: reissue, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("s.sqlite").path
        let r = try CLI.run(["ingest", "-q", "--db", db, reissue.path, original.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("已替代：a-original.txt（注明日期 2024年1月20日）由注明日期较晚（2024年2月5日）的重新发布版 b-reissue.txt 替代"), r.err)
        XCTAssertEqual(try documents(db), ["b-reissue.txt"])
    }

    func testTheSameOrAMissingDateKeepsBothAndSaysSo() throws {
        let dir = try CLI.tempDir()
        let a = try document("a.txt", in: dir, date: "2024年2月5日"), b = try document("b.txt", in: dir, date: "2024年2月5日", note: "\n附：说明\n")
        let c = try document("c.txt", in: dir)
        let db = dir.appendingPathComponent("s.sqlite").path
        let r = try CLI.run(["ingest", "-q", "--db", db, a.path, b.path])
        XCTAssertTrue(r.err.contains("警告：a.txt、b.txt 都是"), r.err)
        XCTAssertFalse(r.err.contains("已替代"), r.err)
        let r2 = try CLI.run(["ingest", "-q", "--db", db, c.path])
        XCTAssertTrue(r2.err.contains("警告：a.txt、b.txt、c.txt 都是"), r2.err)
        XCTAssertEqual(try documents(db), ["a.txt", "b.txt", "c.txt"])
    }

    func testACorrectionIngestedBeforeItsOriginalStillWins() throws {
        let dir = try CLI.tempDir()
        let fix = try document("a-fix.txt", in: dir, correction: true), original = try document("b-original.txt", in: dir)
        let db = dir.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, fix.path]).status, 0)
        let r = try CLI.run(["ingest", "-q", "--db", db, original.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("已替代：b-original.txt 由标题注明“更正”的 a-fix.txt 替代"), r.err)
        XCTAssertEqual(try documents(db), ["a-fix.txt"])
    }
}
