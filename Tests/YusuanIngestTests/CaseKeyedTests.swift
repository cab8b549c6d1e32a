import XCTest
import YusuanCore
@testable import YusuanIngest

/// The enums compared and hashed by their case (`CaseKeyed`) are each one tag byte, every case's
/// distinct, and `==` answers as comparing the raw values did.
final class CaseKeyedTests: XCTestCase {
    func check<E: CaseKeyed>(_: E.Type, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(MemoryLayout<E>.size, 1, "\(E.self) is one byte", file: file, line: line)
        let all = Array(E.allCases)
        XCTAssertGreaterThan(all.count, 1, file: file, line: line)
        XCTAssertEqual(Set(all.map(\.caseTag)).count, all.count, "\(E.self): a tag per case", file: file, line: line)
        for a in all {
            XCTAssertEqual(E(rawValue: a.rawValue), a, file: file, line: line)
            for b in all { XCTAssertEqual(a == b, a.rawValue == b.rawValue, "\(a) == \(b)", file: file, line: line) }
        }
        // As dictionary keys: every case found, none for another.
        let index = Dictionary(uniqueKeysWithValues: all.map { ($0, $0.rawValue) })
        for a in all { XCTAssertEqual(index[a], a.rawValue, file: file, line: line) }
    }

    func testEveryAdopter() {
        check(TableKind.self); check(Measure.self); check(Stage.self); check(MoneyUnit.self)
        check(SubjectCode.Level.self); check(SubjectCode.Family.self); check(NarrativeItem.self)
        check(IngestRule.self); check(TitleKind.self); check(HeaderWords.Table.self)
        check(TableLines.Role.self); check(NarrativeWords.Role.self)
    }
}
