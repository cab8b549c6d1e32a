import Foundation
import XCTest
import YusuanTestSupport

/// Stage is per fact: a 决算 prints 预算数 beside 决算数, so `--stage budget` with `--document` of a
/// 决算 selects its budget facts, while `docs --stage` selects documents by their own stage.
final class StagePerFactTests: XCTestCase {
    func testBudgetFactsOfAFinalDocument() throws {
        let r = try CLI.run(["export", "--format", "jsonl", "--table", "三公", "--document", "putuo-2024-final", "--stage", "预算"], db: CLI.store)
        XCTAssertEqual(r.status, 0, r.err)
        let rows = r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0["stage"] as? String == "budget" && $0["document"] as? String == "putuo-2024-final-caizhengju.txt" })
        XCTAssertTrue(rows.contains { $0["item"] as? String == "合计" && $0["measure"] as? String == "total" && $0["amount_yuan"] as? String == "9500.00" }, r.out)
        let finals = try CLI.run(["export", "--format", "jsonl", "--table", "三公", "--document", "putuo-2024-final", "--stage", "决算"], db: CLI.store)
        XCTAssertTrue(finals.out.contains("\"stage\":\"final\""), finals.out)
        XCTAssertFalse(finals.out.contains("\"stage\":\"budget\""), finals.out)
        // Documents by their own stage: the 决算 is no 预算 document.
        let docs = try CLI.run(["docs", "--stage", "预算", "--format", "csv"], db: CLI.store)
        XCTAssertFalse(docs.out.contains("putuo-2024-final"), docs.out)
    }

    /// A 预算 document and the 年初预算 its 决算 prints disagree: the execution table uses one, and
    /// says so on stderr with the other figure and where it is printed.
    func testExecutionNotesAnotherDocumentsBudget() throws {
        let dir = try CLI.tempDir()
        let budget = try String(contentsOf: Repo.sample("yubei-2024-linkong.txt"), encoding: .utf8)
            .replacingOccurrences(of: "重庆市渝北区临空都市开发建设管理办公室", with: "上海市普陀区财政局")
            .replacingOccurrences(of: "重庆市渝北区", with: "上海市普陀区").replacingOccurrences(of: "渝北区", with: "普陀区")
        try budget.write(to: dir.appendingPathComponent("putuo-2024-budget.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Repo.unseen.appendingPathComponent("putuo-2024-final-caizhengju.txt"),
                                         to: dir.appendingPathComponent("putuo-2024-final-caizhengju.txt"))
        let db = dir.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, dir.path]).status, 0)
        let r = try CLI.run(["execution", "--year", "2024", "--format", "csv"], db: db)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("上海市普陀区财政局2024年合计的年初预算两处不一致：采用 884.01 万元（putuo-2024-budget.txt），putuo-2024-final-caizhengju.txt 第264行印 2,993.92 万元"), r.err)
        XCTAssertTrue(r.out.contains(",合计,884.01,2940.05,"), r.out)
    }

    /// Analysis rows carry where each figure is printed: document, page (PDF) and line.
    func testRowsCarryThePlacesOfTheirFigures() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "-q", "--db", db, Repo.pdfFixtures.appendingPathComponent("putuo-caizhengju-2024-final.pdf").path]).status, 0)
        let budget = try CLI.run(["sangong", "--format", "json"], db: db)
        XCTAssertTrue(budget.out.contains(#""total": 0.95,"#), budget.out)
        XCTAssertTrue(budget.out.contains(#""places": ["putuo-caizhengju-2024-final.pdf:p18:296"]"#), budget.out)
        let execution = try CLI.run(["execution", "--format", "csv"], db: db).out.split(separator: "\r\n")
        XCTAssertTrue(execution[0].hasSuffix(",sources,places"), String(execution[0]))
        // 年初预算 from the narrative (p21), 决算 from the 一般公共预算财政拨款支出决算表 (p15).
        let total = try XCTUnwrap(execution.first { $0.contains(",合计,2993.92,2940.05,") })
        XCTAssertTrue(total.hasSuffix(",putuo-caizhengju-2024-final.pdf:p21:346;putuo-caizhengju-2024-final.pdf:p15:242"), String(total))
    }
}
