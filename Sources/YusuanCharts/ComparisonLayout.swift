import Foundation

/// One drawn bar or stacked segment of a comparison.
public struct ComparisonMark: Equatable, Sendable {
    public var entry: Int
    public var year: Int
    /// The part of a stacked bar, nil for a whole bar.
    public var part: Int?
    public var value: Double
    public var rect: Rect
    public var color: Color
}

/// One dot of a dumbbell or of a small-multiple line.
public struct ComparisonDot: Equatable, Sendable {
    public var entry: Int
    public var year: Int
    public var value: Double
    public var center: Point
    public var radius: Double
    public var color: Color
}

/// One page (or the one tall canvas) of a comparison chart.
public struct ComparisonPage: Sendable {
    public var scene: Scene
    /// The value area (for `.lines`: the union of the panels).
    public var plot: Rect
    /// The entries on this page, in order, and their labels (same order).
    public var entries: [Int]
    public var rowLabels: [TextBox]
    public var marks: [ComparisonMark] = []
    public var dots: [ComparisonDot] = []
    /// Figures printed at bar ends, change labels, panels' last values.
    public var valueLabels: [TextBox] = []
    /// The panels of `.lines`, one per entry.
    public var panels: [Rect] = []
    /// Value → x of the bar and dot rows (identity for `.lines`, whose panels scale y).
    public var scale = LinearScale(domain: (0, 1), range: (0, 1))
}

/// The geometry of a comparison chart: pure, from spec, size and a text measurer. Rows keep a
/// legible minimum height; those that do not fit go to further pages or make the canvas taller.
public struct ComparisonLayout: Sendable {
    public var pages: [ComparisonPage]
    /// Colour of each year (bars of `.grouped`, dots of `.dumbbell`).
    public var yearColors: [Color]
    public var partColors: [Color]

    public init(spec: ComparisonChartSpec, size: Size, measurer: TextMeasurer, paging: ComparisonPaging = .pages) {
        let theme = Theme.forSize(size)
        let f = theme.factor
        let ny = spec.years.count
        let yearColors = spec.style == .dumbbell
            ? ComparisonLayout.ramp(Color(hex: 0xB4BAC2), Color(hex: 0x2B3138), ny)
            : ComparisonLayout.ramp(Color(hex: 0x9DBBDB), Color(hex: 0x1F4E79), ny)
        let partColors = spec.partNames.enumerated().map { i, name in
            name == ComparisonLayout.unitemized ? theme.missing : theme.palette[i % theme.palette.count]
        }
        var legend: [LegendEntry] = []
        let hasParts = spec.style == .grouped && !spec.partNames.isEmpty
        switch spec.style {
        case .grouped where hasParts:
            legend = spec.partNames.enumerated().map { .swatch(partColors[$0.offset], $0.element) }
            if ny > 1 {
                let greys = ComparisonLayout.ramp(Color(hex: 0xD0D4D9), Color(hex: 0x6E7781), ny)
                legend += spec.years.enumerated().map { .swatch(greys[$0.offset], "\($0.element)年\($0.offset == ny - 1 ? "（深色）" : $0.offset == 0 ? "（浅色）" : "")") }
            }
        case .grouped, .lines:
            legend = ny > 1 && spec.style == .grouped ? spec.years.enumerated().map { .swatch(yearColors[$0.offset], $0.element) } : []
            if spec.style == .lines { legend = [.swatch(theme.increase, spec.increaseLabel), .swatch(theme.decrease, spec.decreaseLabel)] }
        case .dumbbell:
            legend = spec.years.enumerated().map { .swatch(yearColors[$0.offset], $0.element) }
                + [.swatch(theme.increase, spec.increaseLabel), .swatch(theme.decrease, spec.decreaseLabel)]
        case .change:
            legend = [.swatch(theme.increase, spec.increaseLabel), .swatch(theme.decrease, spec.decreaseLabel)]
        }
        self.yearColors = yearColors; self.partColors = partColors
        let foot = footnoteText(unit: spec.unit, sources: spec.sources, note: spec.footnote)
        let ctx = Context(spec: spec, theme: theme, measurer: measurer, legend: legend, footnote: foot,
                          yearColors: yearColors, partColors: partColors)

        let n = spec.entries.count
        let tickLH = measurer.lineHeight(theme.tickLabel)
        // The smallest band that keeps a 13 px label and (for bars) 18 px bars per year, so the
        // figures at their ends (1.45 lines high) never touch.
        let minLabel = 13 * f
        let bandMin: Double
        let panel = Size(width: 250 * f, height: 150 * f)
        switch spec.style {
        case .grouped:
            let k = Double(spec.slots)
            bandMin = max(k * 18 * f / 0.78, minLabel * 1.45 * 1.2)
        case .dumbbell: bandMin = max(28 * f, minLabel * 1.45 * 1.2)
        case .change: bandMin = max(26 * f, minLabel * 1.45 * 1.2)
        case .lines: bandMin = panel.height
        }
        // A long footnote (many sources) makes the canvas taller rather than the plot smaller.
        let (probe, size) = FrameLayout.growing(size: size, title: spec.title, subtitle: ctx.subtitle(page: 1, of: 2),
                                                footnote: foot, legend: legend, theme: theme, measurer: measurer)
        let available = probe.body.height - (spec.style == .lines ? 0 : tickLH + 8 * f)
        // Few panels share the width rather than leave it empty.
        let perRow = spec.style == .lines ? max(1, min(n, Int(probe.body.width / panel.width))) : 1
        let rowsNeeded = (n + perRow - 1) / perRow
        let rowsPerPage = max(1, Int(available / bandMin))
        var pageSize = size
        var chunks: [[Int]] = [Array(0..<n)]
        if rowsNeeded > rowsPerPage {
            if paging == .grow {
                pageSize.height += (Double(rowsNeeded) * bandMin - available).rounded(.up)
            } else {
                let pageCount = (rowsNeeded + rowsPerPage - 1) / rowsPerPage
                let per = ((rowsNeeded + pageCount - 1) / pageCount) * perRow
                chunks = stride(from: 0, to: n, by: per).map { Array($0..<min(n, $0 + per)) }
            }
        }
        pages = chunks.enumerated().map { p, entries in
            let frame = FrameLayout(size: pageSize, title: spec.title, subtitle: ctx.subtitle(page: p + 1, of: chunks.count),
                                    footnote: foot, legend: legend, theme: theme, measurer: measurer)
            if spec.style == .lines {
                return ctx.panels(entries, frame: frame, size: pageSize, perRow: perRow)
            }
            return ctx.rows(entries, frame: frame, size: pageSize)
        }
    }

    /// The name of the segment that brings a split bar to its printed total.
    public static let unitemized = "未列明"

    /// `n` colours from `a` (earliest) to `b` (latest); one year gets `b`.
    static func ramp(_ a: Color, _ b: Color, _ n: Int) -> [Color] {
        n <= 1 ? [b] : (0..<n).map { a.mixed(with: b, Double($0) / Double(n - 1)) }
    }
}

/// What every page shares: the spec, the theme and the widths measured over all entries, so
/// every page has the same columns and scale.
struct Context {
    let spec: ComparisonChartSpec, theme: Theme, measurer: TextMeasurer
    let legend: [LegendEntry], footnote: String
    let yearColors: [Color], partColors: [Color]
    var f: Double { theme.factor }

    func subtitle(page: Int, of count: Int) -> String? {
        guard count > 1 else { return spec.subtitle }
        return (spec.subtitle.map { $0 + "  " } ?? "") + "（第 \(page)/\(count) 页）"
    }

    /// The extent of the values drawn, including zero.
    var extent: (lo: Double, hi: Double) {
        var lo = 0.0, hi = 0.0
        for e in spec.entries {
            switch spec.style {
            case .change:
                if let c = e.change { lo = min(lo, c); hi = max(hi, c) }
            default:
                for v in e.values.compactMap({ $0 }) { lo = min(lo, v); hi = max(hi, v) }
                for p in e.parts.compactMap({ $0 }) { hi = max(hi, p.reduce(0, +)) }
            }
        }
        return (lo, hi)
    }

    func rows(_ entries: [Int], frame: FrameLayout, size: Size) -> ComparisonPage {
        var items: [SceneItem] = []
        var bands: [SceneItem] = []
        let body = frame.body
        let tickStyle = theme.tickLabel, tickLH = measurer.lineHeight(tickStyle)
        let available = body.height - tickLH - 8 * f
        let n = Double(max(1, entries.count))
        // The rows share the whole height (a chart of two entities fills its canvas); the bars in
        // them are capped in thickness and centred, so few rows get space, not slabs.
        let band = available / n
        let plotTop = body.minY, plotBottom = plotTop + band * n
        let ny = spec.years.count

        // Labels: as large as the band allows (13 px at least, guaranteed by the row minimum).
        var labelStyle = theme.categoryLabel
        let oneLine = band * 0.7 / 1.45
        if labelStyle.size > oneLine { labelStyle = labelStyle.sized(max(13 * f, oneLine)) }
        let labelLH = measurer.lineHeight(labelStyle)
        let maxLines = labelLH * 2 <= band * 0.94 ? 2 : 1
        let allLabels = spec.entries.map(\.label)
        var colW = min(max(80 * f, body.width * 0.3), allLabels.map { measurer.width(of: $0, style: labelStyle) }.max() ?? 0)
        let wrapped = entries.map {
            TextFitter.wrap(spec.entries[$0].label, maxWidth: colW, maxLines: maxLines, style: labelStyle, measurer: measurer)
                ?? WrappedText(lines: [], widths: [], truncated: true)
        }
        colW = max(colW * 0.6, wrapped.map(\.maxWidth).max() ?? colW)

        // Bars (or the dot row) in the band, and value labels sized to them.
        // Few rows get thicker bars (up to 72 px), many the 44 px a list of districts reads best at.
        let maxBar = (spec.entries.count <= 4 ? 72 : 44) * f
        let thickness = spec.style == .grouped ? min(band * 0.78 / Double(spec.slots), maxBar) : min(band * 0.6, maxBar)
        let groupH = spec.style == .grouped ? thickness * Double(spec.slots) : thickness
        var valueStyle = theme.valueLabel
        valueStyle = valueStyle.sized(max(11 * f, min(valueStyle.size, thickness / 1.45)))
        let valueLH = measurer.lineHeight(valueStyle)
        func width(_ s: String?) -> Double { s.map { measurer.width(of: $0, style: valueStyle) } ?? 0 }
        var rightW = 0.0, leftW = 0.0
        for e in spec.entries {
            switch spec.style {
            case .grouped: rightW = max(rightW, e.valueLabels.map(width).max() ?? 0)
            case .dumbbell: rightW = max(rightW, width(e.changeLabel ?? "—"))
            default:
                if (e.change ?? 0) < 0 { leftW = max(leftW, width(e.changeLabel)) } else { rightW = max(rightW, width(e.changeLabel ?? "—")) }
            }
        }
        let gap = 14 * f, labelGap = 6 * f
        let (lo, hi) = extent
        let x0 = body.minX + colW + gap + (lo < 0 ? leftW + labelGap : 0)
        let x1 = body.maxX - rightW - labelGap * 2
        let plot = Rect(x: x0, y: plotTop, width: max(1, x1 - x0), height: plotBottom - plotTop)
        let ticks = NiceTicks(min: lo, max: hi, count: min(10, max(2, Int(plot.width / (140 * f)))))
        let scale = LinearScale(domain: (ticks.lower, ticks.upper), range: (plot.minX, plot.maxX))
        for (t, label) in zip(ticks.values, ticks.labels) {
            let x = scale(t)
            items.append(.line(from: Point(x: x, y: plot.minY), to: Point(x: x, y: plot.maxY), color: theme.grid, width: f))
            let w = measurer.width(of: label, style: tickStyle)
            items.append(.text(TextBox(lines: [label], widths: [w], lineHeight: tickLH, style: tickStyle, color: theme.secondaryText,
                                       in: Rect(x: x - w / 2, y: plot.maxY + 6 * f, width: w, height: tickLH), alignment: .center)))
        }

        var page = ComparisonPage(scene: Scene(size: size, background: theme.background), plot: plot, entries: entries, rowLabels: [])
        page.scale = scale
        func label(_ s: String, at x: Double, midY: Double, color: Color, leftOf: Bool = false) {
            let w = measurer.width(of: s, style: valueStyle)
            page.valueLabels.append(TextBox(lines: [s], widths: [w], lineHeight: valueLH, style: valueStyle, color: color,
                                            in: Rect(x: leftOf ? x - labelGap - w : x + labelGap, y: midY - valueLH / 2,
                                                     width: w, height: valueLH), alignment: .leading))
        }
        let zeroX = scale(0)
        var lines: [SceneItem] = []
        for (row, i) in entries.enumerated() {
            let e = spec.entries[i]
            let bandY = plotTop + Double(row) * band
            let w = wrapped[row]
            page.rowLabels.append(TextBox(lines: w.lines, widths: w.widths, lineHeight: labelLH, style: labelStyle, color: theme.text,
                                          in: Rect(x: body.minX, y: bandY, width: colW, height: band),
                                          alignment: .trailing, verticalCenter: true, truncated: w.truncated))
            if row % 2 == 1 {   // banding helps follow a row across a wide chart
                bands.append(.rect(Rect(x: body.minX, y: bandY, width: body.width, height: band), fill: Color(hex: 0xF6F7F9)))
            }
            let top = bandY + (band - groupH) / 2
            switch spec.style {
            case .grouped:
                // Only the entity's own years take a slot, centred in its band.
                let own = spec.yearsShown(e)
                let first = bandY + (band - thickness * Double(own.count)) / 2
                for (slot, y) in own.enumerated() {
                    let yy = first + Double(slot) * thickness
                    let inset = ny > 1 ? min(1.5 * f, thickness * 0.08) : 0
                    var end = zeroX
                    if y < e.parts.count, let parts = e.parts[y] {
                        let shade = ny > 1 ? 0.55 * Double(ny - 1 - y) / Double(ny - 1) : 0
                        var acc = 0.0
                        for (k, v) in parts.enumerated() where v > 0 {
                            let r = Rect(x: scale(acc), y: yy + inset, width: scale(acc + v) - scale(acc), height: thickness - 2 * inset)
                            page.marks.append(ComparisonMark(entry: i, year: y, part: k, value: v, rect: r,
                                                             color: partColors[k].mixed(with: .white, shade)))
                            acc += v
                        }
                        end = scale(max(acc, e.values[y] ?? 0))
                    } else if let v = e.values[y] {
                        let r = Rect(x: min(zeroX, scale(v)), y: yy + inset, width: abs(scale(v) - zeroX), height: thickness - 2 * inset)
                        page.marks.append(ComparisonMark(entry: i, year: y, part: nil, value: v, rect: r, color: yearColors[y]))
                        end = scale(v)
                    }
                    // A year without a figure stays an empty slot.
                    if let t = e.valueLabels[y] { label(t, at: end, midY: yy + thickness / 2, color: theme.text) }
                }
            case .dumbbell:
                let cy = bandY + band / 2
                let known = e.values.enumerated().compactMap { y, v in v.map { (y, $0) } }
                let dir = known.count > 1 ? known.last!.1 - known.first!.1 : 0
                let color = dir > 0 ? theme.increase : dir < 0 ? theme.decrease : theme.axis
                if let a = known.map(\.1).min(), let b = known.map(\.1).max(), b > a {
                    lines.append(.line(from: Point(x: scale(a), y: cy), to: Point(x: scale(b), y: cy), color: color, width: 3 * f))
                }
                let r = min(7 * f, band * 0.22)
                for (y, v) in known {
                    page.dots.append(ComparisonDot(entry: i, year: y, value: v, center: Point(x: scale(v), y: cy), radius: r, color: yearColors[y]))
                }
                label(e.changeLabel ?? "—", at: plot.maxX + labelGap, midY: cy, color: e.change == nil ? theme.mutedText : color)
            case .change:
                let cy = bandY + band / 2
                guard let c = e.change else {
                    label(e.changeLabel ?? "—", at: zeroX, midY: cy, color: theme.mutedText); continue
                }
                let color = c > 0 ? theme.increase : c < 0 ? theme.decrease : theme.axis
                let r = Rect(x: min(zeroX, scale(c)), y: top, width: abs(scale(c) - zeroX), height: groupH)
                page.marks.append(ComparisonMark(entry: i, year: ny - 1, part: nil, value: c, rect: r, color: color))
                label(e.changeLabel ?? "—", at: scale(c), midY: cy, color: theme.text, leftOf: c < 0)
            case .lines: break
            }
        }
        items += page.marks.filter { $0.rect.width > 0 }.map { .rect($0.rect, fill: $0.color) }
        if ticks.lower <= 0, ticks.upper >= 0 {
            items.append(.line(from: Point(x: zeroX, y: plot.minY), to: Point(x: zeroX, y: plot.maxY), color: theme.zeroLine, width: 1.5 * f))
        }
        items += lines
        items += page.dots.map { .circle(center: $0.center, radius: $0.radius, fill: $0.color) }
        items += page.rowLabels.map { .text($0) } + page.valueLabels.map { .text($0) }
        page.scene.items = frame.items + bands + items
        return page
    }
}

extension ComparisonChartSpec {
    /// The years of `e` with a figure or a printed label.
    func yearsShown(_ e: ComparisonEntry) -> [Int] {
        e.values.indices.filter { e.values[$0] != nil || e.valueLabels[$0] != nil }
    }
    /// Bar slots per group: the most years any entity shows.
    var slots: Int { max(1, entries.map { yearsShown($0).count }.max() ?? 1) }
}
