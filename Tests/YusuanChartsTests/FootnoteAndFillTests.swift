import XCTest
@testable import YusuanCharts
import YusuanTestSupport

/// Footnotes that wrap instead of being cut, and plots that fill the canvas when there are few rows.
final class FootnoteAndFillTests: XCTestCase {
    let measurer = ApproximateTextMeasurer()
    static let presets = [Size(width: 1600, height: 900), Size(width: 1080, height: 1440), Size(width: 1754, height: 1240)]
    static let derivedNote = "带 * 的数由情况说明推算（如“比上年减少…”）"

    /// Thirty district offices, each cited by its full document title.
    static let titles = (1...30).map { "《重庆市第\($0)区经济和信息化委员会2024年部门预算》" }

    func comparison(_ n: Int, style: ComparisonStyle, years: [String] = ["2024", "2025"]) -> ComparisonChartSpec {
        let entries = (0..<n).map { i -> ComparisonEntry in
            let vs = years.indices.map { Double(10 + (i * 7 + $0 * 13) % 50) }
            return ComparisonEntry(label: "第\(i + 1)区", values: vs, valueLabels: vs.map { "\($0) 万元" },
                                   change: vs.last! - vs[vs.count - 2], changeLabel: "\(vs.last! - vs[vs.count - 2]) 万元",
                                   derived: years.indices.map { $0 == 0 && i == 0 })
        }
        return ComparisonChartSpec(title: "“三公”经费预算", subtitle: "2024年→2025年", footnote: Self.derivedNote,
                                   sources: Array(Self.titles.prefix(n)), years: years, entries: entries, style: style)
    }

    /// The footnote box of a scene: the text box holding the unit line.
    func footnote(_ scene: Scene) -> TextBox? { scene.textBoxes.first { $0.text.hasPrefix("单位：") } }

    func assertWhole(_ box: TextBox?, sources: [String], note: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let box else { return XCTFail("no footnote", file: file, line: line) }
        XCTAssertFalse(box.truncated, file: file, line: line)
        for s in sources { XCTAssertTrue(box.text.contains(s), s, file: file, line: line) }
        XCTAssertTrue(box.text.contains(note), box.text, file: file, line: line)
        XCTAssertGreaterThan(box.lines.count, 3, "the list is long enough to need more than three lines", file: file, line: line)
    }

    func testThirtySourcesAndTheDerivedNoteAreNeverCut() throws {
        for size in Self.presets {
            for style in ComparisonStyle.allCases {
                let spec = comparison(30, style: style, years: style == .lines ? ["2023", "2024", "2025"] : ["2024", "2025"])
                for page in ComparisonLayout(spec: spec, size: size, measurer: measurer, paging: .grow).pages {
                    let box = footnote(page.scene)
                    assertWhole(box, sources: Self.titles, note: Self.derivedNote)
                    // The footnote lies inside the canvas, below the plot.
                    XCTAssertLessThanOrEqual(box!.rect.maxY, page.scene.size.height)
                    XCTAssertGreaterThanOrEqual(box!.rect.minY, page.plot.maxY)
                }
            }
            let bars = BarChartSpec(title: "变动", footnote: Self.derivedNote, sources: Self.titles, categories: ["甲", "乙"],
                                    series: [BarSeries(name: "增减", values: [3, -2])], style: .diverging)
            let bl = BarChartLayout(spec: bars, size: size, measurer: measurer)
            assertWhole(footnote(bl.scene), sources: Self.titles, note: Self.derivedNote)
            XCTAssertEqual(bl.scene.size, size, "thirty titles fit the preset")
            XCTAssertGreaterThan(bl.plot.height, 0.3 * size.height, "the plot keeps its room")
            XCTAssertLessThanOrEqual(footnote(bl.scene)!.rect.maxY, size.height)
            // Far more sources than the canvas holds: the canvas grows instead of the plot vanishing.
            var many = bars
            many.sources = (1...12).flatMap { k in Self.titles.map { $0 + "（第\(k)册）" } }
            let ml = BarChartLayout(spec: many, size: size, measurer: measurer)
            assertWhole(footnote(ml.scene), sources: many.sources, note: Self.derivedNote)
            XCTAssertGreaterThan(ml.scene.size.height, size.height)
            XCTAssertLessThanOrEqual(footnote(ml.scene)!.rect.maxY, ml.scene.size.height)
            XCTAssertGreaterThan(ml.plot.height, 0.3 * ml.scene.size.height)
            var tree = Fixtures.nestedTreemap()
            tree.sources = Self.titles
            let tl = TreemapLayout(spec: tree, size: size, measurer: measurer)
            assertWhole(footnote(tl.scene), sources: Self.titles, note: "资料来源")
        }
    }

    /// The rendered PDF's text holds every source and the 推算 note.
    func testThirtySourcesInThePDFText() throws {
        let dir = try TempDir.make("footnote")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("thirty.pdf")
        try ChartRenderer.render(comparison(30, style: .dumbbell), to: url)
        guard let text = try Program.tool("/usr/bin/pdftotext", [url.path, "-"])?.out else { throw XCTSkip("pdftotext is not installed") }
        let flat = text.components(separatedBy: .whitespacesAndNewlines).joined()
        for t in Self.titles { XCTAssertTrue(flat.contains(t), t) }
        XCTAssertTrue(flat.contains("带*的数由情况说明推算"), flat)
    }

    /// Two entities: the plot takes most of the canvas height in every preset and style, bars keep
    /// a sensible thickness, and nothing overlaps.
    func testTwoEntitiesFillTheCanvasInEveryPreset() {
        for size in Self.presets {
            let f = Theme.forSize(size).factor
            for n in [2, 3] {
                for style in ComparisonStyle.allCases {
                    let spec = comparison(n, style: style, years: style == .lines ? ["2023", "2024", "2025"] : ["2024", "2025"])
                    let page = ComparisonLayout(spec: spec, size: size, measurer: measurer).pages[0]
                    XCTAssertEqual(page.scene.size.height, size.height)
                    let top = style == .lines ? page.panels.map(\.minY).min()! : page.plot.minY
                    let bottom = style == .lines ? page.panels.map(\.maxY).max()! : page.plot.maxY
                    XCTAssertGreaterThan((bottom - top) / size.height, 0.6, "\(style) \(n) in \(size)")
                    // Bars capped (72 px for a few rows): thick enough to fill, never slabs.
                    for m in page.marks { XCTAssertLessThanOrEqual(m.rect.height, 72 * f + 1e-9, "\(style)") }
                    let texts = page.rowLabels.map(\.rect) + page.valueLabels.map(\.rect)
                    for (i, a) in texts.enumerated() { for b in texts[(i + 1)...] { XCTAssertFalse(a.overlaps(b, tolerance: 0.5)) } }
                }
                for style in BarStyle.allCases {
                    let spec = BarChartSpec(title: "三公", sources: ["甲"], categories: (0..<n).map { "第\($0 + 1)区" },
                                            series: style == .diverging ? [BarSeries(name: "增减", values: (0..<n).map { $0 % 2 == 0 ? 5 : -3 })]
                                                : [BarSeries(name: "2024", values: (0..<n).map { Double(5 + $0) }),
                                                   BarSeries(name: "2025", values: (0..<n).map { Double(7 - $0) })],
                                            style: style)
                    let l = BarChartLayout(spec: spec, size: size, measurer: measurer)
                    XCTAssertGreaterThan(l.plot.height / size.height, 0.6, "\(style) \(n) in \(size)")
                    for b in l.bars { XCTAssertLessThanOrEqual(b.rect.height, 46 * f + 1e-9) }
                    XCTAssertEqual(l.categoryLabels.count, n)
                }
            }
        }
    }

    /// Small multiples: a tick and a label for every year, and derived points marked with *.
    func testLinesLabelEveryYearAndMarkDerivedPoints() {
        let spec = comparison(4, style: .lines, years: ["2022", "2023", "2024", "2025"])
        let page = ComparisonLayout(spec: spec, size: Self.presets[0], measurer: measurer).pages[0]
        let texts = page.scene.textBoxes.map(\.text)
        for y in spec.years { XCTAssertEqual(texts.filter { $0 == y }.count, 4, y) }
        // Entity 0's first year is derived: one * beside that dot.
        XCTAssertEqual(texts.filter { $0 == "*" }.count, 1)
        let star = page.scene.textBoxes.first { $0.text == "*" }!
        let dot = page.dots.first { $0.entry == 0 && $0.year == 0 }!
        XCTAssertEqual(star.rect.minX, dot.center.x + 3, accuracy: 1)
    }

    /// Every treemap cell shows its amount or is listed, with it, in the footnote.
    func testEveryTreemapCellShowsItsAmountOrIsListed() {
        for size in [Size(width: 1600, height: 900), Size(width: 700, height: 420)] {
            for mode in TreemapColorMode.allCases {
                let l = TreemapLayout(spec: Fixtures.nestedTreemap(mode: mode), size: size, measurer: measurer)
                let foot = footnote(l.scene)?.text ?? ""
                XCTAssertFalse(footnote(l.scene)?.truncated ?? false)
                for c in l.cells where c.labels.count < 2 {
                    XCTAssertTrue(l.unlabelled.contains { $0.hasPrefix(c.name + " ") }, c.name)
                    XCTAssertTrue(foot.contains(c.name + " "), "\(c.name) in \(foot)")
                }
                if size.width < 1000 { XCTAssertFalse(l.unlabelled.isEmpty, "a small canvas leaves cells without amounts") }
                for u in l.unlabelled { XCTAssertTrue(foot.contains(u), u) }
            }
        }
    }
}
