import XCTest
import YusuanCore
@testable import YusuanIngest

/// Copies of the samples re-paginated (page numbers, repeated titles and headers inside tables) and
/// re-lined (narrative lines broken at other points) must give the same figures.
final class RepaginationTests: XCTestCase {
    struct Seeded: RandomNumberGenerator {
        var s: UInt64
        mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s >> 11 }
    }
    let names = ["yubei-2024-linkong.txt", "tongnan-2024-jingxinwei.txt", "cqjkq-2025-guanweihui.txt", "wansheng-2025-special-funds.txt"]

    func shape(_ d: ParsedDocument) -> [String] {
        d.facts.map { "\($0.table.rawValue)|\($0.year)|\($0.code ?? "")|\($0.item)|\($0.measure.rawValue)|\($0.amount.fen)|\($0.derived)|\($0.entity)" }.sorted()
    }

    /// What one side has that the other lacks, for a readable failure.
    func difference(_ got: [String], _ want: [String]) -> String {
        var c: [String: Int] = [:]
        for x in want { c[x, default: 0] += 1 }
        for x in got { c[x, default: 0] -= 1 }
        return c.filter { $0.value != 0 }.map { "\($0.value > 0 ? "missing" : "extra") \($0.key)" }.sorted().prefix(4).joined(separator: "; ")
    }

    func lines(_ name: String) throws -> [String] {
        try String(contentsOf: sample(name), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testPageBreaksInsideTables() throws {
        var g = Seeded(s: 7)
        var trials = 0
        for name in names {
            let original = try lines(name)
            let want = shape(try DocumentReader().read(data: Data(original.joined(separator: "\n").utf8), name: name))
            let seg = Segmented(lines: original.enumerated().map { SourceLine(number: $0.offset + 1, text: Substring($0.element)) })
            let tables = seg.blocks.filter { $0.kind != .directory && !$0.title.isEmpty && $0.lines.filter { $0.filled.count >= 2 }.count > 4 }
            for _ in 0..<12 {
                let block = tables.randomElement(using: &g)!
                let rows = block.lines.filter { $0.filled.count >= 2 }
                let at = rows[Int.random(in: 2..<rows.count, using: &g)].number - 1
                let header = block.lines.prefix { l in !l.cells.contains { Numbers.cell($0, unit: .yuan).money != nil } }
                    .prefix(3).map { String($0.text) }
                // A repeated page top prints what the first page printed: title, unit (if any), header.
                let unitLine = block.unit.map { ["单位：\($0.rawValue)", ""] } ?? []
                let inserts = [["", "- \(at) -", ""],
                               ["", block.title, ""] + unitLine + header,
                               ["", "第 \(at) 页"] + header]
                let variant = trials % 3
                var copy = original
                copy.insert(contentsOf: inserts[variant], at: at)
                trials += 1
                let got = shape(try DocumentReader().read(data: Data(copy.joined(separator: "\n").utf8), name: name))
                XCTAssertTrue(got == want, "\(name): page break before line \(at + 1), variant \(variant): \(difference(got, want))")
            }
        }
        XCTAssertEqual(trials, 48)
    }

    func testNarrativeLinesBrokenElsewhere() throws {
        var g = Seeded(s: 11)
        for name in names {
            let original = try lines(name)
            let want = shape(try DocumentReader().read(data: Data(original.joined(separator: "\n").utf8), name: name))
            let seg = Segmented(lines: original.enumerated().map { SourceLine(number: $0.offset + 1, text: Substring($0.element)) })
            let candidates = seg.narrative.filter { !$0.text.contains("\t") && $0.text.count > 40 }.map(\.number)
            for _ in 0..<10 {
                guard let ln = candidates.randomElement(using: &g) else { break }
                let chars = Array(original[ln - 1])
                var cut = Int.random(in: 10..<(chars.count - 5), using: &g)
                while cut < chars.count - 1, chars[cut].isNumber || chars[cut - 1].isNumber || chars[cut] == "," || chars[cut] == "." { cut += 1 }
                var copy = original
                copy[ln - 1] = String(chars[..<cut])
                copy.insert(contentsOf: ["", String(chars[cut...])], at: ln)
                let got = shape(try DocumentReader().read(data: Data(copy.joined(separator: "\n").utf8), name: name))
                XCTAssertTrue(got == want, "\(name): line \(ln) broken at \(cut): \(difference(got, want))")
            }
        }
    }
}
