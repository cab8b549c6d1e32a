import Foundation
import XCTest

/// An option that cannot apply is an error that says why, never silently ignored.
final class OptionConflictTests: XCTestCase {
    func testOptionsThatCannotApply() throws {
        let dir = try CLI.tempDir()
        let cases: [([String], String)] = [
            (["chart", "sangong", "--stacked", "--style", "lines", "-o", dir.appendingPathComponent("x.png").path],
             "错误：--stacked 是在条形中堆叠四个分项，不能与 --style lines 同用（请用 --style grouped，或去掉 --stacked）\n"),
            (["execution", "--stage", "budget"], "错误：execution 是年初预算（预算）与决算的对比，两个阶段都要用：--stage 不适用\n"),
            (["chart", "execution", "--stage", "决算", "-o", dir.appendingPathComponent("e.png").path],
             "错误：execution 是年初预算（预算）与决算的对比，两个阶段都要用：--stage 不适用\n"),
            (["compare", "--years", "2023,2024", "--year", "1999"], "错误：年度请用 --year 或 --years 给出，不要同时使用\n"),
            // A 决算 charted without --stage final: which option shows its figures.
            (["chart", "treemap", "--region", "上海普陀", "--year", "2024", "-o", dir.appendingPathComponent("t.png").path],
             "错误：上海市普陀区财政局 2024年只有决算数字：请加 --stage final\n"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args, db: CLI.store)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.err, message, "\(args)")
            XCTAssertEqual(r.out, "", "\(args)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.png").path))
    }
}
