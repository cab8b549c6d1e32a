import Foundation
import XCTest

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
}
