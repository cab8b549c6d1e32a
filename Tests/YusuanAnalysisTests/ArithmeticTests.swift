import XCTest
import YusuanCore
@testable import YusuanAnalysis

final class ArithmeticTests: XCTestCase {
    func testPercentIsRoundedHalfAwayFromZeroExactly() {
        XCTAssertEqual(Percent.ratio(money("-14"), money("50.5"))?.decimalString, "-27.72")
        XCTAssertEqual(Percent.ratio(money("1"), money("8"))?.decimalString, "12.50")
        XCTAssertEqual(Percent.ratio(money("1"), money("3"))?.decimalString, "33.33")
        XCTAssertEqual(Percent.ratio(money("2"), money("3"))?.decimalString, "66.67")
        XCTAssertEqual(Percent.ratio(money("-2"), money("3"))?.decimalString, "-66.67")
        // 0.005% exactly: half away from zero.
        XCTAssertEqual(Percent.ratio(money("1"), money("20000"))?.decimalString, "0.01")
        XCTAssertEqual(Percent.ratio(money("-1"), money("20000"))?.decimalString, "-0.01")
        XCTAssertEqual(Percent.ratio(money("0"), money("5"))?.decimalString, "0.00")
        // Huge amounts stay exact (a float would lose the last digit).
        XCTAssertEqual(Percent.ratio(Money(fen: 1_000_000_000_000_000), Money(fen: 3))?.hundredths, 3_333_333_333_333_333_333)
    }

    func testZeroOrMissingBaseIsNilNeverInfinite() {
        XCTAssertNil(Percent.ratio(money("5"), .zero))
        let fromZero = Change(from: .zero, to: money("1100"))
        XCTAssertEqual(fromZero.absolute, money("1100"))
        XCTAssertNil(fromZero.percent)
        let missing = Change(from: nil, to: money("3"))
        XCTAssertNil(missing.absolute)
        XCTAssertNil(missing.percent)
        XCTAssertEqual(missing.status, .missing)
        XCTAssertNil(Percent(rounding: .infinity))
    }

    func testChangeOfTongnanSangong() {
        let c = Change(from: money("50.5"), to: money("36.5"))
        XCTAssertEqual(c.absolute, money("-14"))
        XCTAssertEqual(c.percent, Percent(hundredths: -2772))
        XCTAssertEqual(c.status, .both)
    }

    func testCAGR() {
        XCTAssertEqual(Growth.cagr(from: money("100"), to: money("121"), fromYear: 2023, toYear: 2025)?.decimalString, "10.00")
        XCTAssertEqual(Growth.cagr(from: money("207.09"), to: money("183.53"), fromYear: 2024, toYear: 2025)?.decimalString, "-11.38")
        XCTAssertEqual(Growth.cagr(from: money("5"), to: .zero, fromYear: 2023, toYear: 2025)?.decimalString, "-100.00")
        XCTAssertNil(Growth.cagr(from: .zero, to: money("5"), fromYear: 2023, toYear: 2025))
        XCTAssertNil(Growth.cagr(from: money("5"), to: money("6"), fromYear: 2025, toYear: 2025))
        XCTAssertNil(Growth.cagr(from: nil, to: money("6"), fromYear: 2023, toYear: 2025))
    }

    func testRankingSharesTies() {
        let r = Ranking.rank([("a", money("5")), ("b", money("9")), ("c", money("5")), ("d", money("1"))], tieOrder: <)
        XCTAssertEqual(r.map(\.value), ["b", "a", "c", "d"])
        XCTAssertEqual(r.map(\.rank), [1, 2, 2, 4])
    }
}

/// Growth beyond any range (0.01 元 to 10¹³ 元) is undefined, never a trap or a clamped figure.
final class ExtremeGrowthTests: XCTestCase {
    func testExtremeRatiosAndGrowthAreUndefined() {
        XCTAssertNil(Percent.ratio(Money(fen: 1_000_000_000_000_000), Money(fen: 1)))
        XCTAssertEqual(Percent.ratio(Money(fen: 9_000_000_000), Money(fen: 1))?.hundredths, 90_000_000_000_000)
        XCTAssertNil(Growth.cagr(from: Money(fen: 1), to: Money(fen: 1_000_000_000_000_000), fromYear: 2024, toYear: 2025))
        XCTAssertNil(Percent(rounding: 1e300))
        let c = Change(from: Money(fen: 1), to: Money(fen: 1_000_000_000_000_000))
        XCTAssertEqual(c.absolute, Money(fen: 999_999_999_999_999))
        XCTAssertNil(c.percent)
    }
}
