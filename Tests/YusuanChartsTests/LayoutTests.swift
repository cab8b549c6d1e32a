import XCTest
@testable import YusuanCharts

final class ScaleAndTextTests: XCTestCase {
    func testNiceTicksForSangongTotal() {
        let t = NiceTicks(min: 0, max: 183.53, count: 5)
        XCTAssertEqual(t.step, 50)
        XCTAssertEqual(t.values, [0, 50, 100, 150, 200])
        XCTAssertEqual(t.labels, ["0", "50", "100", "150", "200"])
    }

    func testNiceTicksForBudgetTotal() {
        let t = NiceTicks(min: 0, max: 118_708.76, count: 5)
        XCTAssertEqual(t.step, 20_000)
        XCTAssertEqual(t.upper, 120_000)
        XCTAssertEqual(t.values.count, 7)
        XCTAssertEqual(t.labels.last, "120,000")
        let fine = NiceTicks(min: 0, max: 118_708.76, count: 10)
        XCTAssertEqual(fine.step, 10_000)
    }

    func testNiceTicksNegativeAndSmall() {
        let t = NiceTicks(min: -4_410.27, max: 6_380.9, count: 5)
        XCTAssertEqual(t.step, 2_000)
        XCTAssertEqual(t.lower, -6_000)
        XCTAssertEqual(t.upper, 8_000)
        XCTAssertTrue(t.values.contains(0))
        let small = NiceTicks(min: 0, max: 0.37, count: 4)
        XCTAssertEqual(small.step, 0.1, accuracy: 1e-12)
        XCTAssertEqual(small.labels, ["0.0", "0.1", "0.2", "0.3", "0.4"])
        let zero = NiceTicks(min: 0, max: 0, count: 5)
        XCTAssertGreaterThan(zero.upper, 0)
    }

    func testNumberFormat() {
        XCTAssertEqual(NumberFormat.grouped(118_708.76), "118,708.76")
        XCTAssertEqual(NumberFormat.grouped(-1_234.5), "-1,234.50")
        XCTAssertEqual(NumberFormat.grouped(999.995), "1,000.00")
        XCTAssertEqual(NumberFormat.label(183.53, unit: "万元"), "183.53 万元")
        XCTAssertEqual(NumberFormat.label(12.5, unit: "%", places: 1, signed: true), "+12.5%")
        XCTAssertEqual(NumberFormat.label(0, unit: "万元", signed: true), "0.00 万元")
        XCTAssertEqual(NumberFormat.percent(32_731.51 / Fixtures.classTotal), "36.3%")
    }

    func testTokensKeepPunctuationWithNeighbours() {
        XCTAssertEqual(TextFitter.tokens("因公出国（境）费"), ["因", "公", "出", "国", "（境）", "费"])
        XCTAssertEqual(TextFitter.tokens("2025年GDP"), ["2025", "年", "GDP"])
        XCTAssertEqual(TextFitter.tokens("支出，合计"), ["支", "出，", "合", "计"])
    }

    func testWrapBalancesTwoLinesAndEllipsises() {
        let m = ApproximateTextMeasurer()
        let style = TextStyle(size: 10)
        // 11 characters of 10 px: does not fit 80 px, so two balanced lines of 6 and 5.
        let w = TextFitter.wrap("资源勘探工业信息等支出", maxWidth: 80, maxLines: 2, style: style, measurer: m)!
        XCTAssertEqual(w.lines, ["资源勘探工业", "信息等支出"])
        XCTAssertFalse(w.truncated)
        XCTAssertTrue(w.widths.allSatisfy { $0 <= 80 })
        let one = TextFitter.wrap("资源勘探工业信息等支出", maxWidth: 80, maxLines: 1, style: style, measurer: m)!
        XCTAssertEqual(one.lines, ["资源勘探工业信…"])
        XCTAssertTrue(one.truncated)
        XCTAssertNil(TextFitter.wrap("资源勘探工业信息等支出", maxWidth: 80, maxLines: 1, style: style,
                                     measurer: m, allowTruncation: false))
        let three = TextFitter.wrap("单位：万元。资料来源：重庆经济技术开发区管理委员会2025年部门预算", maxWidth: 100,
                                    maxLines: 3, style: style, measurer: m)!
        XCTAssertEqual(three.lines.count, 3)
        XCTAssertTrue(three.truncated)
        XCTAssertTrue(three.lines.last!.hasSuffix("…"))
    }
}

final class SquarifyTests: XCTestCase {
    /// The worked example of Bruls, Huizing and van Wijk: 6, 6, 4, 3, 2, 2, 1 in a 6 × 4 rectangle.
    func testPaperExample() {
        let r = squarify([6, 6, 4, 3, 2, 2, 1], in: Rect(x: 0, y: 0, width: 6, height: 4))
        XCTAssertEqual(r[0], Rect(x: 0, y: 0, width: 3, height: 2))
        XCTAssertEqual(r[1], Rect(x: 0, y: 2, width: 3, height: 2))
        XCTAssertEqual(r[2].x, 3, accuracy: 1e-12); XCTAssertEqual(r[2].width, 12.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(r[2].height, 7.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(r[3].x, 3 + 12.0 / 7, accuracy: 1e-12)
        for (rect, w) in zip(r, [6.0, 6, 4, 3, 2, 2, 1]) { XCTAssertEqual(rect.area, w, accuracy: 1e-9) }
        assertTiling(r, in: Rect(x: 0, y: 0, width: 6, height: 4))
    }

    func testBudgetClassesTileExactly() {
        let weights = Fixtures.classes.map(\.1).sorted(by: >)
        let frame = Rect(x: 40, y: 120, width: 1520, height: 680)
        let r = squarify(weights, in: frame)
        let total = weights.reduce(0, +)
        for (rect, w) in zip(r, weights) {
            XCTAssertEqual(rect.area / frame.area, w / total, accuracy: 1e-9)
        }
        assertTiling(r, in: frame)
        // Squarified: no sliver worse than 1:4 for this data.
        for rect in r { XCTAssertLessThan(max(rect.width / rect.height, rect.height / rect.width), 4) }
    }

    func testZerosAndEmpty() {
        let r = squarify([5, 0, 5], in: Rect(x: 0, y: 0, width: 10, height: 10))
        XCTAssertEqual(r[1].area, 0)
        XCTAssertEqual(r[0].area + r[2].area, 100, accuracy: 1e-9)
        XCTAssertEqual(squarify([], in: Rect(x: 0, y: 0, width: 1, height: 1)), [])
        XCTAssertTrue(squarify([0, 0], in: Rect(x: 0, y: 0, width: 1, height: 1)).allSatisfy { $0.area == 0 })
    }

    func assertTiling(_ r: [Rect], in frame: Rect, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.reduce(0) { $0 + $1.area }, frame.area, accuracy: frame.area * 1e-9, file: file, line: line)
        for (i, a) in r.enumerated() {
            XCTAssertTrue(frame.contains(a, tolerance: 1e-9), "\(a) outside \(frame)", file: file, line: line)
            for b in r[(i + 1)...] { XCTAssertFalse(a.overlaps(b, tolerance: 1e-9), "\(a) overlaps \(b)", file: file, line: line) }
        }
    }
}

final class TreemapLayoutTests: XCTestCase {
    let size = Size(width: 1600, height: 900)

    func checkGeometry(_ l: TreemapLayout, file: StaticString = #filePath, line: UInt = #line) {
        let canvas = Rect(x: 0, y: 0, width: size.width, height: size.height)
        XCTAssertTrue(canvas.contains(l.plot), file: file, line: line)
        // Top-level tiles proportional to values within 1%.
        let total = l.groups.reduce(0) { $0 + $1.value }
        for g in l.groups {
            XCTAssertEqual(g.tile.area / l.plot.area, g.value / total, accuracy: 0.01 * g.value / total, g.name, file: file, line: line)
            XCTAssertTrue(l.plot.contains(g.rect), file: file, line: line)
            if let h = g.header { XCTAssertTrue(g.rect.contains(h.rect), "header of \(g.name)", file: file, line: line) }
        }
        for (i, a) in l.cells.enumerated() {
            XCTAssertTrue(l.plot.contains(a.rect), "\(a.name) outside the plot", file: file, line: line)
            for b in l.cells[(i + 1)...] {
                XCTAssertFalse(a.rect.overlaps(b.rect), "\(a.name) overlaps \(b.name)", file: file, line: line)
            }
            for t in a.labels {
                XCTAssertTrue(a.rect.contains(t.rect), "label \(t.text) overflows \(a.name) \(a.rect)", file: file, line: line)
                for (k, lw) in t.widths.enumerated() { XCTAssertLessThanOrEqual(t.origins[k].x + lw, a.rect.maxX + 1e-6, file: file, line: line) }
            }
            // Every cell is either labelled or listed in the footnote.
            XCTAssertTrue(!a.labels.isEmpty || l.unlabelled.contains { $0.hasPrefix(a.name + " ") }, a.name, file: file, line: line)
            // Labels of a cell do not overlap each other.
            for (p, x) in a.labels.enumerated() { for y in a.labels[(p + 1)...] { XCTAssertFalse(x.rect.overlaps(y.rect), file: file, line: line) } }
        }
    }

    func testFlatClassTreemap() throws {
        for measurer in [ApproximateTextMeasurer(), try PangoTextMeasurer()] as [TextMeasurer] {
            let l = TreemapLayout(spec: Fixtures.classTreemap(), size: size, measurer: measurer)
            XCTAssertEqual(l.cells.count, 9)
            checkGeometry(l)
            let biggest = l.cells.max { $0.tile.area < $1.tile.area }!
            XCTAssertEqual(biggest.name, "城乡社区支出")
            XCTAssertEqual(biggest.share, 32_731.51 / 90_285.05, accuracy: 1e-12)
            let text = biggest.labels.flatMap(\.lines).joined(separator: "|")
            XCTAssertTrue(text.contains("城乡社区支出"), text)
            XCTAssertTrue(text.contains("32,731.51 万元"), text)
            XCTAssertTrue(text.contains("36.3%"), text)
            // Cells within a flat treemap: area ratio equals value ratio.
            let a = l.cells.first { $0.name == "科学技术支出" }!, b = l.cells.first { $0.name == "节能环保支出" }!
            XCTAssertEqual(a.tile.area / b.tile.area, 6_852.86 / 4_833.25, accuracy: 1e-9)
        }
    }

    func testNestedTreemapHeadersAndChildren() throws {
        let l = TreemapLayout(spec: Fixtures.nestedTreemap(), size: size, measurer: try PangoTextMeasurer())
        checkGeometry(l)
        let g = l.groups.first { $0.name == "城乡社区支出" }!
        XCTAssertEqual(g.cells.count, 4)
        XCTAssertNotNil(g.header)
        XCTAssertTrue(g.header!.text.hasPrefix("城乡社区支出"))
        let kids = g.cells.map { l.cells[$0] }
        let kidTotal = kids.reduce(0) { $0 + $1.value }
        XCTAssertEqual(kidTotal, 32_731.51, accuracy: 0.005)
        let area = kids.reduce(0) { $0 + $1.tile.area }
        for k in kids {
            XCTAssertTrue(g.rect.contains(k.rect))
            XCTAssertEqual(k.tile.area / area, k.value / kidTotal, accuracy: 1e-9)
            XCTAssertFalse(k.rect.overlaps(g.header!.rect), "\(k.name) under the header")
        }
    }

    /// Cell labels take their sizes from one ladder (22 × 0.86^k and the 11 px floor, times the
    /// theme's factor), not one size per cell: like cells get like labels, and each size's fonts
    /// and glyphs are drawn once per chart.
    func testCellLabelSizesComeFromOneLadder() throws {
        let l = TreemapLayout(spec: Fixtures.nestedTreemap(), size: size, measurer: try PangoTextMeasurer())
        let f = Theme.forSize(size).factor
        let steps: [Double] = (0..<5).map { 22 * pow(0.86, Double($0)) } + [11]
        let ladder = steps.map { $0 * f }
        let names = l.cells.flatMap { $0.labels.filter { $0.style.weight == .bold } }.map(\.style.size)
        let details = l.cells.flatMap { $0.labels.filter { $0.style.weight == .regular } }.map(\.style.size)
        XCTAssertGreaterThan(names.count, 5)
        XCTAssertFalse(details.isEmpty)
        for s in names { XCTAssertTrue(ladder.contains { abs($0 - s) < 1e-9 }, "name size \(s) off the ladder \(ladder)") }
        for s in details { XCTAssertTrue(ladder.contains { abs($0 * 0.86 - s) < 1e-9 }, "detail size \(s) off the ladder") }
        XCTAssertLessThan(Set(names).count, names.count)
    }

    func testChangeColouring() throws {
        let l = TreemapLayout(spec: Fixtures.classTreemap(mode: .byChange), size: size, measurer: try PangoTextMeasurer())
        checkGeometry(l)
        XCTAssertEqual(l.changeDomain, 0.5)   // largest |change| is 45%
        let theme = Theme.forSize(size)
        let up = l.cells.first { $0.name == "节能环保支出" }!, down = l.cells.first { $0.name == "科学技术支出" }!
        let none = l.cells.first { $0.name == "卫生健康支出" }!
        XCTAssertGreaterThan(up.color.r, up.color.b)          // warm for an increase
        XCTAssertGreaterThan(down.color.b, down.color.r)      // cool for a decrease
        XCTAssertEqual(none.color, theme.missing)
        XCTAssertTrue(l.scene.items.contains { if case .gradient = $0 { return true } else { return false } })
        XCTAssertTrue(l.scene.textBoxes.contains { $0.text == "+50%" })
    }

    func testSmallCanvasDropsOrShortensButNeverOverflows() throws {
        let small = Size(width: 480, height: 300)
        for spec in [Fixtures.classTreemap(), Fixtures.nestedTreemap(), Fixtures.nestedTreemap(mode: .byChange)] {
            let l = TreemapLayout(spec: spec, size: small, measurer: try PangoTextMeasurer())
            for c in l.cells { for t in c.labels { XCTAssertTrue(c.rect.contains(t.rect), "\(t.text) in \(c.name)") } }
            for (i, a) in l.cells.enumerated() { for b in l.cells[(i + 1)...] { XCTAssertFalse(a.rect.overlaps(b.rect)) } }
            XCTAssertFalse(l.unlabelled.isEmpty, "at 480×300 some cells cannot hold a label")
            let footnote = l.scene.textBoxes.last { $0.text.contains("单位：万元") }
            XCTAssertNotNil(footnote)
            XCTAssertTrue(footnote!.text.contains("图中未标金额的"), footnote!.text)
        }
    }
}

final class BarLayoutTests: XCTestCase {
    let size = Size(width: 1600, height: 900)

    func checkCommon(_ l: BarChartLayout, file: StaticString = #filePath, line: UInt = #line) {
        let canvas = Rect(x: 0, y: 0, width: size.width, height: size.height)
        for t in l.scene.textBoxes { XCTAssertTrue(canvas.contains(t.rect), "\(t.text) off the canvas", file: file, line: line) }
        for b in l.bars { XCTAssertTrue(l.plot.contains(b.rect, tolerance: 1e-6), "bar \(b.rect) outside \(l.plot)", file: file, line: line) }
        for (i, a) in l.categoryLabels.enumerated() {
            XCTAssertFalse(a.truncated, a.text, file: file, line: line)
            XCTAssertTrue(l.labelColumn.contains(a.rect), a.text, file: file, line: line)
            for b in l.categoryLabels[(i + 1)...] { XCTAssertFalse(a.rect.overlaps(b.rect), file: file, line: line) }
            for bar in l.bars { XCTAssertFalse(a.rect.overlaps(bar.rect), file: file, line: line) }
        }
        // End labels sit outside the bars and clear of each other and of the category labels.
        let ends = l.valueLabels.filter { v in !l.bars.contains { $0.rect.contains(v.rect) } }
        for (i, a) in ends.enumerated() {
            for b in ends[(i + 1)...] { XCTAssertFalse(a.rect.overlaps(b.rect), "\(a.text) / \(b.text)", file: file, line: line) }
            for bar in l.bars { XCTAssertFalse(a.rect.overlaps(bar.rect), "\(a.text) on a bar", file: file, line: line) }
            XCTAssertFalse(a.rect.overlaps(l.labelColumn), file: file, line: line)
        }
        // The scale maps the tick domain onto the plot.
        XCTAssertEqual(l.scale(l.ticks.lower), l.plot.minX, accuracy: 1e-9, file: file, line: line)
        XCTAssertEqual(l.scale(l.ticks.upper), l.plot.maxX, accuracy: 1e-9, file: file, line: line)
    }

    func testSangongStacked() throws {
        let l = BarChartLayout(spec: Fixtures.sangongStacked(), size: size, measurer: try PangoTextMeasurer())
        checkCommon(l)
        XCTAssertEqual(l.bars.count, 4)
        let unit = l.scale(1) - l.scale(0)
        for (b, v) in zip(l.bars, Fixtures.sangong2025) { XCTAssertEqual(b.rect.width, v * unit, accuracy: 1e-9) }
        XCTAssertEqual(l.bars[1].rect.width, 0)   // 公务用车购置 = 0
        // Segments abut: the stack ends at the total.
        XCTAssertEqual(l.bars[3].rect.maxX, l.scale(183.53), accuracy: 1e-9)
        XCTAssertTrue(l.valueLabels.contains { $0.text == "183.53 万元" })
        XCTAssertTrue(l.valueLabels.contains { $0.text == "109.84" })
        XCTAssertGreaterThanOrEqual(l.ticks.upper, 183.53)
        // The long entity name wraps onto two lines rather than being cut.
        XCTAssertEqual(l.categoryLabels[0].text, Fixtures.entity)
        // Legend lists all four parts, including the zero one.
        for p in Fixtures.sangongParts { XCTAssertTrue(l.scene.textBoxes.contains { $0.text == p }, p) }
        XCTAssertTrue(l.scene.textBoxes.contains { $0.text.hasPrefix("单位：万元。资料来源：") })
    }

    func testGroupedLongLabels() throws {
        var spec = Fixtures.classesGrouped()
        spec.categories[6] = "资源勘探工业信息等支出（含支持中小企业发展和管理支出）"
        let l = BarChartLayout(spec: spec, size: Size(width: 900, height: 900), measurer: try PangoTextMeasurer())
        XCTAssertEqual(l.bars.count, 18)
        let r = l.categoryLabels[6]
        XCTAssertEqual(r.text, spec.categories[6], "wrapped, not cut")
        XCTAssertFalse(r.truncated)
        XCTAssertEqual(r.lines.count, 2, "long label wraps at 900 px")
        XCTAssertTrue(l.labelColumn.contains(r.rect))
        // Bars of the same category are side by side, 2024 above 2025.
        let pair = l.bars.filter { $0.category == 5 }.sorted { $0.series < $1.series }
        XCTAssertLessThanOrEqual(pair[0].rect.maxY, pair[1].rect.minY + 1e-9)
        XCTAssertEqual(pair[1].rect.width, l.scale(32_731.51) - l.scale(0), accuracy: 1e-9)
        XCTAssertTrue(l.valueLabels.contains { $0.text == "32,731.51 万元" })
        XCTAssertTrue(l.scene.textBoxes.contains { $0.text == "2024年" })
        let canvas = Rect(x: 0, y: 0, width: 900, height: 900)
        for t in l.scene.textBoxes { XCTAssertTrue(canvas.contains(t.rect), t.text) }
    }

    func testGroupedFullSize() throws {
        let l = BarChartLayout(spec: Fixtures.classesGrouped(), size: size, measurer: try PangoTextMeasurer())
        checkCommon(l)
        let l2 = BarChartLayout(spec: Fixtures.sangongBars(), size: size, measurer: try PangoTextMeasurer())
        checkCommon(l2)
        XCTAssertTrue(l2.valueLabels.contains { $0.text == "0.00 万元" })
    }

    func testDiverging() throws {
        let l = BarChartLayout(spec: Fixtures.classesDiverging(), size: size, measurer: try PangoTextMeasurer())
        checkCommon(l)
        let theme = Theme.forSize(size)
        let zero = l.scale(0)
        for b in l.bars {
            if b.value < 0 {
                XCTAssertEqual(b.color, theme.decrease); XCTAssertEqual(b.rect.maxX, zero, accuracy: 1e-9)
            } else {
                XCTAssertEqual(b.color, theme.increase); XCTAssertEqual(b.rect.minX, zero, accuracy: 1e-9)
            }
        }
        XCTAssertTrue(l.valueLabels.contains { $0.text == "-4,410.27 万元" })
        XCTAssertTrue(l.valueLabels.contains { $0.text == "+6,380.90 万元" })
        let neg = l.valueLabels.first { $0.text == "-4,410.27 万元" }!
        XCTAssertLessThan(neg.rect.maxX, l.scale(-4_410.27))
        XCTAssertTrue(l.scene.items.contains {
            if case let .line(a, b, c, _) = $0 { return c == theme.zeroLine && a.x == zero && b.x == zero } else { return false }
        })
    }

    func testManyCategoriesShrinkLabelsWithoutOverlap() throws {
        let cats = (1...40).map { "第\($0)项一般公共服务支出明细科目" }
        let spec = BarChartSpec(title: "四十项", categories: cats,
                                series: [BarSeries(name: "2025", values: (1...40).map { Double($0) * 123.45 })])
        let l = BarChartLayout(spec: spec, size: Size(width: 1200, height: 700), measurer: try PangoTextMeasurer())
        for (i, a) in l.categoryLabels.enumerated() {
            XCTAssertEqual(a.lines.count, 1)
            for b in l.categoryLabels[(i + 1)...] { XCTAssertFalse(a.rect.overlaps(b.rect)) }
        }
    }

    func testValidation() {
        var s = Fixtures.classesGrouped()
        s.series[0].values.removeLast()
        XCTAssertThrowsError(try s.validate())
        var d = Fixtures.classesDiverging()
        d.series.append(d.series[0])
        XCTAssertThrowsError(try d.validate())
    }
}
