import XCTest
@testable import YusuanPDF

/// Rules found from what a page paints, as its raster at 1.5 px/pt would show them.
final class RulesFromPaintsTests: XCTestCase {
    func rules(_ paints: [Paint]) -> [Rule] {
        RuleFinder.find(paints: paints, width: 595, height: 842, scale: 1.5)
    }
    func line(_ x0: Double, _ x1: Double, y: Double, width: Double = 0.5) -> Paint {
        Paint(box: Box(x0: x0, y0: y - width / 2, x1: x1, y1: y + width / 2), dark: true)
    }

    func testHairlineIsOneRule() {
        let r = rules([line(50, 300, y: 100, width: 0)])
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r.first?.horizontal, true)
        XCTAssertEqual(r.first?.pos ?? 0, 100, accuracy: 1)
        XCTAssertEqual(r.first?.from ?? 0, 50, accuracy: 1)
        XCTAssertEqual(r.first?.to ?? 0, 300, accuracy: 1)
    }

    /// Cell borders drawn one cell at a time, each shorter than a rule, join into one.
    func testTouchingSegmentsJoin() {
        let r = rules(stride(from: 50.0, to: 150, by: 20).map { line($0, $0 + 20, y: 200) })
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r.first?.from ?? 0, 50, accuracy: 1)
        XCTAssertEqual(r.first?.to ?? 0, 150, accuracy: 1)
        // One short mark alone is no rule (it could be a dash of text).
        XCTAssertEqual(rules([line(50, 60, y: 200)]), [])
    }

    /// A shaded header band gives its two edges, and a vertical rule through it stays a rule (on
    /// a raster the band is one block of ink that swallows it).
    func testShadedBandAndVerticalRule() {
        let band = Paint(box: Box(x0: 50, y0: 300, x1: 400, y1: 320), dark: true)
        let vertical = Paint(box: Box(x0: 99.75, y0: 300, x1: 100.25, y1: 500), dark: true)
        let r = rules([band, vertical])
        let horizontal = r.filter(\.horizontal).map(\.pos).sorted()
        XCTAssertEqual(horizontal.count, 2)
        XCTAssertEqual(horizontal.first ?? 0, 300, accuracy: 1)
        XCTAssertEqual(horizontal.last ?? 0, 320, accuracy: 1)
        let verticals = r.filter { !$0.horizontal }
        XCTAssertTrue(verticals.contains { abs($0.pos - 100) < 1 && abs($0.from - 300) < 1 && abs($0.to - 500) < 1 }, "\(verticals)")
        XCTAssertEqual(verticals.count, 1, "\(verticals)")
    }

    /// White painted over a rule covers it, as on paper; white under it does not.
    func testLightPaintCoversWhatIsUnder() {
        let white = Paint(box: Box(x0: 140, y0: 390, x1: 160, y1: 410), dark: false)
        let covered = rules([line(50, 300, y: 400), white]).map { ($0.from.rounded(), $0.to.rounded()) }
        XCTAssertEqual(covered.count, 2)
        XCTAssertEqual(covered.first?.1 ?? 0, 140, accuracy: 1)
        XCTAssertEqual(covered.last?.0 ?? 0, 160, accuracy: 1)
        XCTAssertEqual(rules([white, line(50, 300, y: 400)]).count, 1)
    }
}
