import Foundation
import XCTest
import YusuanTestSupport
import YusuanCore
@testable import YusuanIngest

/// The repository's Samples/ folder.
let samplesDir = Repo.samples

func sample(_ name: String) -> URL { samplesDir.appendingPathComponent(name) }

/// Parsed samples, read once per test process.
enum Parsed {
    static let yubei = try! DocumentReader().read(fileAt: sample("yubei-2024-linkong.txt"))
    static let tongnan = try! DocumentReader().read(fileAt: sample("tongnan-2024-jingxinwei.txt"))
    static let cqjkq = try! DocumentReader().read(fileAt: sample("cqjkq-2025-guanweihui.txt"))
    static let wansheng = try! DocumentReader().read(fileAt: sample("wansheng-2025-special-funds.txt"))
}

extension ParsedDocument {
    func facts(_ table: TableKind, code: String? = nil, item: String? = nil, measure: Measure = .total,
               year: Int? = nil) -> [Fact] {
        facts.filter { f in
            f.table == table && f.measure == measure && (code == nil || f.code == code)
                && (item == nil || f.item == item) && (year == nil || f.year == year)
        }
    }
    /// The one fact matching, failing the test when there is not exactly one.
    func one(_ table: TableKind, code: String? = nil, item: String? = nil, measure: Measure = .total, year: Int? = nil,
             file: StaticString = #filePath, line: UInt = #line) -> Fact? {
        let found = facts(table, code: code, item: item, measure: measure, year: year)
        XCTAssertEqual(found.count, 1, "\(table.rawValue) \(code ?? item ?? "") \(measure.rawValue) \(year.map(String.init) ?? "")", file: file, line: line)
        return found.first
    }
}

/// Amounts as yuan strings, for readable assertions.
func yuan(_ f: Fact?) -> String? { f?.amount.yuanString }
