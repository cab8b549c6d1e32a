import XCTest
@testable import YusuanCharts

/// The comparison charts as geometry, with the font-free measurer.
final class ComparisonLayoutTests: XCTestCase {
    let measurer = ApproximateTextMeasurer()
    let size = Size(width: 1600, height: 900)

    /// `n` districts over two years, values varied so some go up and some down.
    func spec(_ n: Int, style: ComparisonStyle, parts: Bool = false) -> ComparisonChartSpec {
        let entries = (0..<n).map { i -> ComparisonEntry in
            let a = Double(10 + i * 7 % 50), b = Double(10 + i * 11 % 60)
            let label = "第\(i + 1)区 经济和信息化委员会本级"
            return ComparisonEntry(label: label, values: [a, b], valueLabels: ["\(a) 万元", "\(b) 万元"],
                                   parts: parts ? [[a / 2, 0, a / 4, a / 4], nil] : [],
                                   change: b - a, changeLabel: "\(b - a) 万元")
        }
        return ComparisonChartSpec(title: "“三公”经费预算", subtitle: "2023–2024年", sources: ["a.txt"], years: ["2023", "2024"],
                                   partNames: parts ? ["因公出国（境）", "公务用车购置", "公务用车运行", "公务接待"] : [],
                                   entries: entries, style: style)
    }

    func assertLegible(_ layout: ComparisonLayout, entities n: Int, file: StaticString = #filePath, line: UInt = #line) {
        var seen: [Int] = []
        for page in layout.pages {
            seen += page.entries
            let texts = page.rowLabels.map(\.rect) + page.valueLabels.map(\.rect)
            for (i, a) in texts.enumerated() {
                for b in texts[(i + 1)...] { XCTAssertFalse(a.overlaps(b, tolerance: 0.5), "\(a) overlaps \(b)", file: file, line: line) }
                XCTAssertTrue(Rect(x: 0, y: 0, width: page.scene.size.width, height: page.scene.size.height).contains(a, tolerance: 0.5),
                              file: file, line: line)
            }
            for l in page.rowLabels {
                XCTAssertGreaterThanOrEqual(l.style.size, 13 - 1e-9, file: file, line: line)
                XCTAssertFalse(l.truncated, file: file, line: line)
            }
            XCTAssertEqual(page.rowLabels.count, page.entries.count, file: file, line: line)
        }
        XCTAssertEqual(seen, Array(0..<n), "every entity once, in order", file: file, line: line)
    }

    func testGroupedFromTwoToFortyEntitiesYearsInTheirColours() {
        for n in [2, 14, 40] {
            let s = spec(n, style: .grouped)
            let layout = ComparisonLayout(spec: s, size: size, measurer: measurer)
            assertLegible(layout, entities: n)
            XCTAssertNotEqual(layout.yearColors[0], layout.yearColors[1])
            for page in layout.pages {
                XCTAssertEqual(page.marks.count, page.entries.count * 2)
                for m in page.marks {
                    XCTAssertEqual(m.color, layout.yearColors[m.year])
                    XCTAssertEqual(m.rect.maxX, page.scale(s.entries[m.entry].values[m.year]!), accuracy: 1e-6)
                }
            }
        }
        XCTAssertEqual(ComparisonLayout(spec: spec(2, style: .grouped), size: size, measurer: measurer).pages.count, 1)
        XCTAssertGreaterThan(ComparisonLayout(spec: spec(40, style: .grouped), size: size, measurer: measurer).pages.count, 1)
    }

    func testRowsThatDoNotFitGrowTheCanvasInsteadOfShrinking() {
        let layout = ComparisonLayout(spec: spec(40, style: .grouped), size: size, measurer: measurer, paging: .grow)
        XCTAssertEqual(layout.pages.count, 1)
        XCTAssertGreaterThan(layout.pages[0].scene.size.height, 900)
        assertLegible(layout, entities: 40)
    }

    func testPartsStackToThePrintedTotal() {
        let s = spec(6, style: .grouped, parts: true)
        let layout = ComparisonLayout(spec: s, size: size, measurer: measurer)
        assertLegible(layout, entities: 6)
        let page = layout.pages[0]
        for i in 0..<6 {
            let segs = page.marks.filter { $0.entry == i && $0.year == 0 }
            XCTAssertEqual(segs.map(\.rect.maxX).max()!, page.scale(s.entries[i].values[0]!), accuracy: 1e-6)
            // A year without a split is one whole bar in its year's colour.
            XCTAssertEqual(page.marks.filter { $0.entry == i && $0.year == 1 }.map(\.part), [nil])
        }
    }

    func testDumbbellDotsAtThePrintedFiguresAndChangeAtTheEnd() {
        for n in [2, 14, 40] {
            let s = spec(n, style: .dumbbell)
            let layout = ComparisonLayout(spec: s, size: size, measurer: measurer)
            assertLegible(layout, entities: n)
            for page in layout.pages {
                XCTAssertEqual(page.dots.count, page.entries.count * 2)
                for d in page.dots {
                    XCTAssertEqual(d.center.x, page.scale(s.entries[d.entry].values[d.year]!), accuracy: 1e-6)
                    XCTAssertEqual(d.color, layout.yearColors[d.year])
                }
                // Change labels to the right of the plot, one per row.
                XCTAssertEqual(page.valueLabels.count, page.entries.count)
                for l in page.valueLabels { XCTAssertGreaterThanOrEqual(l.rect.minX, page.plot.maxX) }
            }
        }
    }

    func testChangeBarsDivergeFromZero() {
        let s = spec(14, style: .change)
        let layout = ComparisonLayout(spec: s, size: size, measurer: measurer)
        assertLegible(layout, entities: 14)
        let page = layout.pages[0]
        let zero = page.scale(0)
        for m in page.marks {
            let c = s.entries[m.entry].change!
            if c < 0 { XCTAssertEqual(m.rect.maxX, zero, accuracy: 1e-6) } else { XCTAssertEqual(m.rect.minX, zero, accuracy: 1e-6) }
        }
    }

    func testSmallMultiplesShareOneScale() {
        var s = spec(9, style: .lines)
        s.years = ["2022", "2023", "2024"]
        s.entries = s.entries.map { e in
            var e = e; e.values = [e.values[0], 30, e.values[1]]; e.valueLabels = [nil, "30 万元", e.valueLabels[1]]; return e
        }
        let layout = ComparisonLayout(spec: s, size: size, measurer: measurer)
        let page = layout.pages[0]
        assertLegible(layout, entities: 9)
        XCTAssertEqual(page.panels.count, 9)
        for (i, a) in page.panels.enumerated() { for b in page.panels[(i + 1)...] { XCTAssertFalse(a.overlaps(b)) } }
        // The same value sits at the same height relative to its panel in every panel.
        let mids = page.dots.filter { $0.year == 1 }.map { d in d.center.y - page.panels[page.entries.firstIndex(of: d.entry)!].minY }
        for m in mids { XCTAssertEqual(m, mids[0], accuracy: 1e-6) }
    }
}
