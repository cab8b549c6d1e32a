import Foundation

extension Context {
    /// `.lines`: one panel per entry in a grid, each a line over the years on one shared scale,
    /// coloured by the direction from the first to the last known year, the last figure printed.
    func panels(_ entries: [Int], frame: FrameLayout, size: Size, perRow: Int) -> ComparisonPage {
        var items = frame.items
        var marks: [SceneItem] = []
        let body = frame.body
        let rows = max(1, (entries.count + perRow - 1) / perRow)
        let cellW = body.width / Double(perRow)
        // Panels take the height there is (a few entities fill the canvas).
        let cellH = body.height / Double(rows)
        let titleStyle = theme.categoryLabel.sized(max(13 * f, min(16 * f, cellH * 0.11)))
        let titleLH = measurer.lineHeight(titleStyle)
        let tickStyle = theme.tickLabel.sized(max(11 * f, min(13 * f, cellH * 0.09)))
        let tickLH = measurer.lineHeight(tickStyle)
        let valueStyle = theme.valueLabel.sized(tickStyle.size)
        let (lo, hi) = extent
        let ticks = NiceTicks(min: lo, max: hi, count: 2)
        let axisW = ticks.labels.map { measurer.width(of: $0, style: tickStyle) }.max() ?? 0
        let lastW = spec.entries.flatMap(\.valueLabels).compactMap { $0 }.map { measurer.width(of: $0, style: valueStyle) }.max() ?? 0
        var page = ComparisonPage(scene: Scene(size: size, background: theme.background), plot: body, entries: entries, rowLabels: [])
        let ny = spec.years.count
        // Titles take two lines on every panel when one of them needs two, so plots line up.
        let titleLines = spec.entries.contains { measurer.width(of: $0.label, style: titleStyle) > cellW - 16 * f } ? 2 : 1
        let titleH = titleLH * Double(titleLines)
        for (k, i) in entries.enumerated() {
            let e = spec.entries[i]
            let cell = Rect(x: body.minX + Double(k % perRow) * cellW, y: body.minY + Double(k / perRow) * cellH,
                            width: cellW, height: cellH).insetBy(dx: 8 * f, dy: 6 * f)
            page.panels.append(cell)
            let t = TextFitter.wrap(e.label, maxWidth: cell.width, maxLines: titleLines, style: titleStyle, measurer: measurer)
                ?? WrappedText(lines: [], widths: [], truncated: true)
            page.rowLabels.append(TextBox(lines: t.lines, widths: t.widths, lineHeight: titleLH, style: titleStyle, color: theme.text,
                                          in: Rect(x: cell.minX, y: cell.minY, width: cell.width, height: titleH),
                                          alignment: .leading, truncated: t.truncated))
            let plot = Rect(x: cell.minX + axisW + 6 * f, y: cell.minY + titleH + tickLH / 2 + 4 * f,
                            width: max(1, cell.width - axisW - 12 * f - lastW),
                            height: max(1, cell.height - titleH - tickLH * 1.5 - 10 * f))
            let ys = LinearScale(domain: (ticks.lower, ticks.upper), range: (plot.maxY, plot.minY))
            func x(_ y: Int) -> Double { ny == 1 ? plot.midX : plot.minX + plot.width * Double(y) / Double(ny - 1) }
            for (v, label) in zip(ticks.values, ticks.labels) {
                items.append(.line(from: Point(x: plot.minX, y: ys(v)), to: Point(x: plot.maxX, y: ys(v)),
                                   color: v == 0 ? theme.axis : theme.grid, width: f))
                let w = measurer.width(of: label, style: tickStyle)
                items.append(.text(TextBox(lines: [label], widths: [w], lineHeight: tickLH, style: tickStyle, color: theme.mutedText,
                                           in: Rect(x: plot.minX - 6 * f - w, y: ys(v) - tickLH / 2, width: w, height: tickLH),
                                           alignment: .leading)))
            }
            // Every year a tick; labels from the last year back, each where it does not touch the
            // one after it (the last year is always labelled).
            var free = Double.infinity
            for y in (0..<ny).reversed() {
                let s = spec.years[y], w = measurer.width(of: s, style: tickStyle)
                let cx = min(max(x(y), plot.minX + w / 2), plot.maxX - w / 2)
                items.append(.line(from: Point(x: x(y), y: plot.maxY), to: Point(x: x(y), y: plot.maxY + 3 * f), color: theme.axis, width: f))
                guard cx + w / 2 + 4 * f <= free else { continue }
                items.append(.text(TextBox(lines: [s], widths: [w], lineHeight: tickLH, style: tickStyle, color: theme.mutedText,
                                           in: Rect(x: cx - w / 2, y: plot.maxY + 4 * f, width: w, height: tickLH), alignment: .center)))
                free = cx - w / 2
            }
            let known = e.values.enumerated().compactMap { y, v in v.map { (y, $0) } }
            let dir = known.count > 1 ? known.last!.1 - known.first!.1 : 0
            let color = dir > 0 ? theme.increase : dir < 0 ? theme.decrease : theme.axis
            for (a, b) in zip(known, known.dropFirst()) {
                items.append(.line(from: Point(x: x(a.0), y: ys(a.1)), to: Point(x: x(b.0), y: ys(b.1)), color: color, width: 2.5 * f))
            }
            for (y, v) in known {
                page.dots.append(ComparisonDot(entry: i, year: y, value: v, center: Point(x: x(y), y: ys(v)), radius: 4 * f, color: color))
                // A figure derived from the narrative: a hollow dot and its *, as in the tables.
                if y < e.derived.count, e.derived[y] {
                    marks.append(.circle(center: Point(x: x(y), y: ys(v)), radius: 2 * f, fill: theme.background))
                    let sw = measurer.width(of: "*", style: tickStyle)
                    marks.append(.text(TextBox(lines: ["*"], widths: [sw], lineHeight: tickLH, style: tickStyle, color: theme.text,
                                               in: Rect(x: x(y) + 3 * f, y: ys(v) - tickLH - 1 * f, width: sw, height: tickLH),
                                               alignment: .leading)))
                }
            }
            if let last = known.last, let s = e.valueLabels[last.0] {
                let w = measurer.width(of: s, style: valueStyle), lh = measurer.lineHeight(valueStyle)
                let cy = min(max(ys(last.1), plot.minY + lh / 2), plot.maxY - lh / 2)
                page.valueLabels.append(TextBox(lines: [s], widths: [w], lineHeight: lh, style: valueStyle, color: theme.text,
                                                in: Rect(x: x(last.0) + 8 * f, y: cy - lh / 2, width: w, height: lh), alignment: .leading))
            }
        }
        items += page.dots.map { .circle(center: $0.center, radius: $0.radius, fill: $0.color) } + marks
        items += page.rowLabels.map { .text($0) } + page.valueLabels.map { .text($0) }
        page.scene.items = items
        return page
    }
}
