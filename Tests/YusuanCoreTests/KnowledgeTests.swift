import XCTest
@testable import YusuanCore

/// The knowledge files of Core load, hold their real rows, and name only known items, measures and tables.
final class KnowledgeTests: XCTestCase {
    func testNarrativeItemsLoadWithoutProblems() {
        let (entries, problems) = NarrativeItem.load()
        XCTAssertEqual(problems, [], "every item, measure and table named in narrative-items.tsv exists, and every item has a row")
        XCTAssertEqual(entries.count, NarrativeItem.allCases.count)
        XCTAssertEqual(Set(entries.map(\.item)).count, entries.count, "one row per item")
        // No word names two items: the longest-word rule needs no tie-break.
        let words = entries.flatMap(\.words)
        XCTAssertEqual(Set(words).count, words.count)
    }

    func testNarrativeItemsRealRows() {
        XCTAssertEqual(NarrativeItem(rawValue: "收入预算"), .income)
        XCTAssertTrue(NarrativeItem.income.words.contains("预算总收入"))
        XCTAssertTrue(NarrativeItem.outbound.words.contains("因公出国(境)费用"))
        XCTAssertEqual(NarrativeItem.vehicleTotal.sangongPart, .vehicleTotal)
        XCTAssertEqual(NarrativeItem.sangong.sangongPart, .total)
        XCTAssertNil(NarrativeItem.income.sangongPart)
        XCTAssertEqual(NarrativeItem.income.printedIn.map(\.table), [.incomeByFunction, .expenditureByFunction, .summary])
        XCTAssertEqual(NarrativeItem.procurementGoods.printedIn, [.init(table: .procurement, item: "货物类", measure: .goods)])
        XCTAssertEqual(NarrativeItem.runningCosts.printedIn, [])
    }

    func testWordPatterns() {
        let p = WordPattern("收支总表|收入支出+总表")
        XCTAssertTrue(p.matches("部门收支总表"))
        XCTAssertTrue(p.matches("2024年收入支出决算总表"))
        XCTAssertFalse(p.matches("收入支出决算表"))
        let not = WordPattern("支出决算表+!财政拨款")
        XCTAssertTrue(not.matches("支出决算表"))
        XCTAssertFalse(not.matches("财政拨款支出决算表"))
        let anchored = WordPattern("^基本$|^人员经费+合计$")
        XCTAssertTrue(anchored.matches("基本"))
        XCTAssertFalse(anchored.matches("基本支出"))
        XCTAssertTrue(anchored.matches("人员经费小计合计"))
        XCTAssertFalse(anchored.matches("其中人员经费合计"))
        XCTAssertFalse(WordPattern("").matches(""), "an empty pattern matches nothing")
        XCTAssertEqual(WordPattern("a+!b|^c$").words, ["a", "b", "c"])
    }
}
