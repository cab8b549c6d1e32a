import XCTest
import YusuanCore
@testable import YusuanStore

extension FactPack {
    /// Calls `body` with each of the `count` facts of `pack`, as the fact queries read them (`Cursor`).
    static func decode(_ pack: UnsafeRawBufferPointer, count: Int, _ body: (Fields) throws -> Void) throws {
        var cursor = Cursor(Array(pack.bindMemory(to: UInt8.self)), count: count)
        while let f = try cursor.next() { try body(f) }
    }
}

/// Store v10's packs (`FactPack`): what is written is read back, field for field, whatever the
/// values; and bytes that are not a pack of so many facts are told as damage, never misread.
final class FactPackTests: XCTestCase {
    typealias Fact = (seq: Int, page: Int?, line: Int, column: Int, amount: Int64, derived: Bool, code: String?, item: String,
                      measure: Measure, unit: MoneyUnit)

    func pack(_ facts: [Fact]) -> FactPack.Writer {
        var w = FactPack.Writer()
        for f in facts {
            var item = f.item, measure = f.measure.rawValue, unit = f.unit.rawValue
            item.withUTF8 { i in measure.withUTF8 { m in unit.withUTF8 { u in
                w.append(seq: f.seq, page: f.page, line: f.line, column: f.column, amountFen: f.amount, derived: f.derived,
                         code: f.code, item: i, measure: m, unit: u)
            } } }
        }
        return w
    }

    func unpack(_ bytes: [UInt8], count: Int) throws -> [Fact] {
        var out: [Fact] = []
        try bytes.withUnsafeBytes { b in
            try FactPack.decode(b, count: count) {
                out.append(($0.seq, $0.page, $0.line, $0.column, $0.amountFen, $0.derived, $0.code, $0.item, $0.measure, $0.unit))
            }
        }
        return out
    }

    /// Edge values, and runs where a fact shares some texts with the one before and not others
    /// (a code after none, none after a code, the same item under another code, "" and "0"), in
    /// export order (line, column, seq), as packs are.
    let facts: [Fact] = [
        (0, nil, 1, 0, 0, false, nil, "", .total, .yuan),
        (1, 1, 2, 1, -1, true, "201", "一般公共服务支出", .total, .yuan),
        (2, 1, 2, 2, Int64.max, false, "201", "一般公共服务支出", .basic, .yuan),
        (5, 0, 2, 3, Int64.min, false, "20101", "一般公共服务支出", .basic, .wanyuan),
        (3, 12_000, 5, 4, 1_234_567_890_123, true, nil, "一般公共服务支出", .project, .wanyuan),
        (4, -3, 6, 0, 99, false, "", "0", .project, .yuan),
        (7, nil, 7, 7, 7, false, "", "0", .project, .yuan),
        (6, nil, 7, 8, 1, false, "0", "\u{1F600} \"引号\" \\ \n", .operating, .wanyuan),
        (9, 2_000_000_000, Int(Int32.max), 0, 5, false, "0", "末", .other, .yuan),
    ]

    func testWhatIsWrittenIsReadBack() throws {
        let w = pack(facts)
        XCTAssertEqual(w.count, facts.count)
        let back = try unpack(w.bytes, count: w.count)
        XCTAssertEqual(back.count, facts.count)
        for (a, b) in zip(back, facts) {
            XCTAssertTrue(a.seq == b.seq && a.page == b.page && a.line == b.line && a.column == b.column && a.amount == b.amount
                          && a.derived == b.derived && a.code == b.code && a.item == b.item && a.measure == b.measure && a.unit == b.unit,
                          "\(a) ≠ \(b)")
        }
        // Texts shared with the fact before are written once: the item of facts 2 to 5 and the
        // unit of facts 2 and 3 once each.
        XCTAssertEqual(w.bytes.count, pack(Array(facts.prefix(2))).bytes.count + pack(Array(facts.dropFirst(2))).bytes.count
                       - "一般公共服务支出".utf8.count - 1 - "201".utf8.count - 1 - "元".utf8.count - 1)
        var reset = w
        reset.reset()
        XCTAssertEqual(reset.count, 0)
        XCTAssertEqual(reset.bytes, [])
        XCTAssertEqual(try unpack([], count: 0).count, 0)
    }

    func testBytesThatAreNoPackAreDamage() throws {
        let w = pack(facts)
        // Cut anywhere, or asked for one fact more: damage, not a shorter list.
        for n in 0..<w.bytes.count {
            XCTAssertThrowsError(try unpack(Array(w.bytes.prefix(n)), count: w.count), "cut at \(n)") { XCTAssertTrue($0 is FactPack.Damage) }
        }
        XCTAssertThrowsError(try unpack(w.bytes, count: w.count + 1)) { XCTAssertTrue("\($0)".contains("cut short"), "\($0)") }
        // Bytes left over, or one fact fewer asked for.
        XCTAssertThrowsError(try unpack(w.bytes + [0], count: w.count)) { XCTAssertTrue("\($0)".contains("bytes after its"), "\($0)") }
        XCTAssertThrowsError(try unpack(w.bytes, count: w.count - 1))
        // Facts out of export order, or one twice.
        for wrong in [[facts[2], facts[1]], [facts[3], facts[3]], [facts[6], facts[5]]] {
            XCTAssertThrowsError(try unpack(pack(wrong).bytes, count: 2)) { XCTAssertTrue("\($0)".contains("out of order"), "\($0)") }
        }
        // A measure or unit that is none of the contract's, text that is not UTF-8, unknown flags,
        // a shared text with none before it.
        var unit = "千元", item = "x", measure = "total"
        var bad = FactPack.Writer()
        unit.withUTF8 { u in item.withUTF8 { i in measure.withUTF8 { m in
            bad.append(seq: 0, page: nil, line: 1, column: 1, amountFen: 1, derived: false, code: nil, item: i, measure: m, unit: u)
        } } }
        XCTAssertThrowsError(try unpack(bad.bytes, count: 1)) { XCTAssertTrue("\($0)".contains("unknown unit “千元”"), "\($0)") }
        let one = pack([facts[0]]).bytes
        XCTAssertThrowsError(try unpack([0x80] + one.dropFirst(), count: 1)) { XCTAssertTrue("\($0)".contains("unknown flags"), "\($0)") }
        XCTAssertThrowsError(try unpack([0x10] + one.dropFirst(), count: 1))   // the item before, of the first fact
        var ab = pack([(0, nil, 1, 1, 1, false, nil, "ab", .total, .yuan)]).bytes
        let at = try XCTUnwrap(ab.indices.first { ab[$0] == UInt8(ascii: "a") && ab[$0 + 1] == UInt8(ascii: "b") })
        ab[at] = 0xFF
        ab[at + 1] = 0xFE
        XCTAssertThrowsError(try unpack(ab, count: 1)) { XCTAssertTrue("\($0)".contains("not UTF-8"), "\($0)") }
    }
}
