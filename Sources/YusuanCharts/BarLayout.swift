import Foundation
import YusuanCore

/// One drawn bar or stacked segment.
public struct BarMark: Equatable, Sendable {
    public var category: Int
    public var series: Int
    public var value: Double
    public var rect: Rect
    public var color: Color
}

/// The geometry of a horizontal bar chart: pure, from spec, size and a text measurer.
public struct BarChartLayout: Sendable {
    public var scene: Scene
    /// The value area: bars, grid lines and the zero line lie inside it.
    public var plot: Rect
    /// The column the category labels are right-aligned in.
    public var labelColumn: Rect
    public var bars: [BarMark]
    /// One per category, in order, each inside its own band of `labelColumn`.
    public var categoryLabels: [TextBox]
    /// Numbers at bar ends (and inside stacked segments that can hold them).
    public var valueLabels: [TextBox]
    public var ticks: NiceTicks
    public var scale: LinearScale

    public init(spec: BarChartSpec, size: Size, measurer: TextMeasurer) {
        let theme = Theme.forSize(size)
        let f = theme.factor
        let colors = spec.series.enumerated().map { $0.element.color ?? theme.palette[$0.offset % theme.palette.count] }

        var legend: [LegendEntry] = []
        switch spec.style {
        case .grouped, .stacked:
            if spec.series.count > 1 || spec.style == .stacked {
                legend = spec.series.enumerated().map { .swatch(colors[$0.offset], $0.element.name) }
            }
        case .diverging:
            legend = [.swatch(theme.increase, spec.increaseLabel), .swatch(theme.decrease, spec.decreaseLabel)]
        }
        let (frame, size) = FrameLayout.growing(size: size, title: spec.title, subtitle: spec.subtitle,
                                                footnote: footnoteText(unit: spec.unit, sources: spec.sources, note: spec.footnote),
                                                legend: legend, theme: theme, measurer: measurer)
        var items = frame.items
        let body = frame.body
        let n = max(1, spec.categories.count)

        // Vertical budget: bands for categories, then one line of tick labels.
        let tickStyle = theme.tickLabel
        let tickLH = measurer.lineHeight(tickStyle)
        // The bands share the whole height, so a chart of two categories fills its canvas; the
        // bars in them are capped in thickness (`maxBar`) and centred.
        let available = body.height - tickLH - 8 * f
        let band = max(1, available / Double(n))
        let plotTop = body.minY
        let plotBottom = plotTop + band * Double(n)

        // Category labels: two lines when the band can hold them, else one; font shrinks for
        // very many categories rather than letting labels collide.
        var labelStyle = theme.categoryLabel
        let oneLineMax = band * 0.62 / 1.45
        if labelStyle.size > oneLineMax { labelStyle = labelStyle.sized(max(7 * f, oneLineMax)) }
        let labelLH = measurer.lineHeight(labelStyle)
        let maxLines = labelLH * 2 <= band * 0.94 ? 2 : 1
        let maxCol = max(80 * f, body.width * 0.3)
        let natural = spec.categories.map { measurer.width(of: $0, style: labelStyle) }
        var colW = min(maxCol, natural.max() ?? 0)
        let wrapped = spec.categories.map {
            TextFitter.wrap($0, maxWidth: colW, maxLines: maxLines, style: labelStyle, measurer: measurer)
                ?? WrappedText(lines: [], widths: [], truncated: true)
        }
        colW = wrapped.map(\.maxWidth).max() ?? colW
        let gap = 14 * f
        let labelColumn = Rect(x: body.minX, y: plotTop, width: colW, height: plotBottom - plotTop)

        // Values per bar and the data extent.
        let vals = spec.series.map(\.values)
        var lo = 0.0, hi = 0.0
        var endValues: [(cat: Int, series: Int, value: Double)] = []   // where the end labels go
        switch spec.style {
        case .grouped, .diverging:
            for (s, v) in vals.enumerated() {
                for (i, x) in v.enumerated() { lo = min(lo, x); hi = max(hi, x); endValues.append((i, s, x)) }
            }
        case .stacked:
            for i in 0..<spec.categories.count {
                var pos = 0.0, neg = 0.0
                for v in vals { if v[i] >= 0 { pos += v[i] } else { neg += v[i] } }
                lo = min(lo, neg); hi = max(hi, pos)
                endValues.append((i, -1, pos + neg))
            }
        }

        // Sizes of bars and of value labels.
        let perBand = spec.style == .grouped ? Double(spec.series.count) : 1
        let maxBar = 46 * f
        let groupH = min(band * 0.72, maxBar * perBand)
        let thickness = groupH / perBand
        var valueStyle = theme.valueLabel
        let valueMax = thickness / 1.2 / 1.1
        if valueStyle.size > valueMax { valueStyle = valueStyle.sized(valueMax) }
        let showValues = valueStyle.size >= 8 * min(1, f)
        let valueLH = measurer.lineHeight(valueStyle)
        let signed = spec.style == .diverging
        // Label text: from the exact amounts when the spec carries them (the printed total at a
        // stacked bar's end), else from the value. Never arithmetic on figures here.
        func amountOf(_ cat: Int, _ series: Int) -> Money? {
            guard spec.moneyUnit != nil else { return nil }
            if series < 0 { return spec.totals?[cat] ?? nil }
            return spec.series[series].amounts?[cat]
        }
        func endLabel(_ v: Double, _ cat: Int = -1, _ series: Int = -2) -> String {
            if let u = spec.moneyUnit, cat >= 0, let a = amountOf(cat, series) {
                return a.label(in: u, places: spec.valueDecimals, signed: signed)
            }
            return NumberFormat.label(v, unit: spec.unit, places: spec.valueDecimals, signed: signed)
        }
        var rightW = 0.0, leftW = 0.0
        if showValues {
            for e in endValues {
                let w = measurer.width(of: endLabel(e.value, e.cat, e.series), style: valueStyle)
                if e.value < 0 { leftW = max(leftW, w) } else { rightW = max(rightW, w) }
            }
        }
        let labelGap = 6 * f
        let x0 = body.minX + colW + gap + (lo < 0 ? leftW + labelGap : 0)
        let x1 = body.maxX - (hi > 0 || lo == 0 ? rightW + labelGap : 0)
        let plot = Rect(x: x0, y: plotTop, width: max(1, x1 - x0), height: plotBottom - plotTop)
        let count = min(10, max(2, Int(plot.width / (140 * f))))
        let ticks = NiceTicks(min: lo, max: hi, count: count)
        let scale = LinearScale(domain: (ticks.lower, ticks.upper), range: (plot.minX, plot.maxX))

        // Grid and tick labels.
        for (t, label) in zip(ticks.values, ticks.labels) {
            let x = scale(t)
            items.append(.line(from: Point(x: x, y: plot.minY), to: Point(x: x, y: plot.maxY),
                               color: theme.grid, width: 1 * f))
            let w = measurer.width(of: label, style: tickStyle)
            items.append(.text(TextBox(lines: [label], widths: [w], lineHeight: tickLH, style: tickStyle,
                                       color: theme.secondaryText,
                                       in: Rect(x: x - w / 2, y: plot.maxY + 6 * f, width: w, height: tickLH),
                                       alignment: .center)))
        }

        var bars: [BarMark] = [], valueLabels: [TextBox] = [], categoryLabels: [TextBox] = []
        let zeroX = scale(0)
        func placeEndLabel(_ v: Double, end: Double, midY: Double, cat: Int, series: Int) {
            guard showValues else { return }
            let s = endLabel(v, cat, series)
            let w = measurer.width(of: s, style: valueStyle)
            let x = v < 0 ? end - labelGap - w : end + labelGap
            valueLabels.append(TextBox(lines: [s], widths: [w], lineHeight: valueLH, style: valueStyle,
                                       color: theme.text, in: Rect(x: x, y: midY - valueLH / 2, width: w, height: valueLH),
                                       alignment: .leading))
        }

        for i in 0..<spec.categories.count {
            let bandY = plotTop + Double(i) * band
            let top = bandY + (band - groupH) / 2
            // Category label, right-aligned, centred on the band.
            let w = wrapped[i]
            categoryLabels.append(TextBox(lines: w.lines, widths: w.widths, lineHeight: labelLH, style: labelStyle,
                                          color: theme.text, in: Rect(x: labelColumn.minX, y: bandY, width: colW, height: band),
                                          alignment: .trailing, verticalCenter: true, truncated: w.truncated))
            switch spec.style {
            case .grouped, .diverging:
                for (s, v) in vals.enumerated() {
                    let y = top + Double(s) * thickness
                    let xa = min(zeroX, scale(v[i])), xb = max(zeroX, scale(v[i]))
                    let color = spec.style == .diverging ? (v[i] < 0 ? theme.decrease : theme.increase) : colors[s]
                    // A hairline gap between neighbouring bars of a group.
                    let inset = perBand > 1 ? min(1.5 * f, thickness * 0.08) : 0
                    let r = Rect(x: xa, y: y + inset, width: xb - xa, height: thickness - 2 * inset)
                    bars.append(BarMark(category: i, series: s, value: v[i], rect: r, color: color))
                    placeEndLabel(v[i], end: scale(v[i]), midY: r.midY, cat: i, series: s)
                }
            case .stacked:
                var pos = 0.0, neg = 0.0
                for (s, v) in vals.enumerated() {
                    let a: Double, b: Double
                    if v[i] >= 0 { a = pos; b = pos + v[i]; pos = b } else { a = neg + v[i]; b = neg; neg = a }
                    let r = Rect(x: scale(a), y: top, width: scale(b) - scale(a), height: thickness)
                    bars.append(BarMark(category: i, series: s, value: v[i], rect: r, color: colors[s]))
                    // The number inside the segment when it fits with room to spare.
                    let txt = spec.moneyUnit.flatMap { u in spec.series[s].amounts.map { $0[i].decimalString(in: u, places: spec.valueDecimals, grouping: true) } }
                        ?? NumberFormat.grouped(v[i], places: spec.valueDecimals)
                    let sw = measurer.width(of: txt, style: valueStyle)
                    if showValues, v[i] != 0, sw + 10 * f <= r.width, valueLH <= r.height {
                        let fill = colors[bars.last!.series]
                        let tc = fill.luminance > 0.4 ? theme.text : Color.white
                        valueLabels.append(TextBox(lines: [txt], widths: [sw], lineHeight: valueLH, style: valueStyle,
                                                   color: tc, in: r, alignment: .center, verticalCenter: true))
                    }
                }
                let total = pos + neg
                placeEndLabel(total, end: total < 0 ? scale(neg) : scale(pos), midY: top + thickness / 2, cat: i, series: -1)
            }
        }

        for b in bars where b.rect.width > 0 { items.append(.rect(b.rect, fill: b.color)) }
        // The zero line sits over the bars' roots.
        if ticks.lower <= 0, ticks.upper >= 0 {
            items.append(.line(from: Point(x: zeroX, y: plot.minY), to: Point(x: zeroX, y: plot.maxY),
                               color: theme.zeroLine, width: 1.5 * f))
        }
        items += categoryLabels.map { .text($0) }
        items += valueLabels.map { .text($0) }

        self.scene = Scene(size: size, background: theme.background, items: items)
        self.plot = plot
        self.labelColumn = labelColumn
        self.bars = bars
        self.categoryLabels = categoryLabels
        self.valueLabels = valueLabels
        self.ticks = ticks
        self.scale = scale
    }
}
