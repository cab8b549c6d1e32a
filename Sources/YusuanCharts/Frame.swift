import Foundation

/// One legend entry: a colour swatch and its name, or a gradient scale with end labels.
public enum LegendEntry: Equatable, Sendable {
    case swatch(Color, String)
    /// A diverging scale: title, colours left to right, labels under evenly spaced ticks.
    case scale(title: String, stops: [Color], tickLabels: [String])
}

/// The parts every chart shares, laid out around a body rectangle: title and subtitle at the
/// top, a legend under them, the footnote at the bottom.
struct FrameLayout {
    var items: [SceneItem] = []
    /// What is left for the plot.
    var body: Rect
    var legendRects: [Rect] = []
    /// The body's height before clamping at zero (negative when the footnote overflows).
    var spare = 0.0

    init(size: Size, title: String, subtitle: String?, footnote: String, legend: [LegendEntry],
         theme: Theme, measurer: TextMeasurer) {
        let m = theme.margin
        let width = size.width - 2 * m
        body = Rect(x: m, y: m, width: width, height: 0)
        var y = m * 0.8
        if !title.isEmpty, let w = TextFitter.wrap(title, maxWidth: width, maxLines: 2, style: theme.title, measurer: measurer) {
            let lh = measurer.lineHeight(theme.title)
            let box = TextBox(lines: w.lines, widths: w.widths, lineHeight: lh, style: theme.title, color: theme.text,
                              in: Rect(x: m, y: y, width: width, height: lh * Double(w.lines.count)),
                              alignment: .leading, truncated: w.truncated)
            items.append(.text(box)); y = box.rect.maxY + 4 * theme.factor
        }
        if let subtitle, !subtitle.isEmpty,
           let w = TextFitter.wrap(subtitle, maxWidth: width, maxLines: 2, style: theme.subtitle, measurer: measurer) {
            let lh = measurer.lineHeight(theme.subtitle)
            let box = TextBox(lines: w.lines, widths: w.widths, lineHeight: lh, style: theme.subtitle,
                              color: theme.secondaryText,
                              in: Rect(x: m, y: y, width: width, height: lh * Double(w.lines.count)),
                              alignment: .leading, truncated: w.truncated)
            items.append(.text(box)); y = box.rect.maxY
        }
        y += 14 * theme.factor
        if !legend.isEmpty {
            y = layoutLegend(legend, x: m, y: y, width: width, theme: theme, measurer: measurer) + 14 * theme.factor
        }
        var bottom = size.height - m * 0.7
        // The footnote takes as many lines as it needs: sources and notes are never cut.
        if !footnote.isEmpty,
           let w = TextFitter.wrap(footnote, maxWidth: width, maxLines: 1000, style: theme.footnote, measurer: measurer) {
            let lh = measurer.lineHeight(theme.footnote)
            let h = lh * Double(w.lines.count)
            let box = TextBox(lines: w.lines, widths: w.widths, lineHeight: lh, style: theme.footnote,
                              color: theme.mutedText, in: Rect(x: m, y: bottom - h, width: width, height: h),
                              alignment: .leading, truncated: w.truncated)
            items.append(.text(box))
            bottom -= h + 14 * theme.factor
        }
        spare = bottom - y
        body = Rect(x: m, y: y, width: width, height: max(0, spare))
    }

    /// The plot keeps at least this share of the canvas height; a longer footnote grows the canvas.
    static let minBodyShare = 0.45

    /// The frame of the canvas, or of a taller one when the whole footnote would leave the plot
    /// less than `minBodyShare` of the height. Returns the frame and the size used.
    static func growing(size: Size, title: String, subtitle: String?, footnote: String, legend: [LegendEntry],
                        theme: Theme, measurer: TextMeasurer) -> (FrameLayout, Size) {
        var frame = FrameLayout(size: size, title: title, subtitle: subtitle, footnote: footnote, legend: legend,
                                theme: theme, measurer: measurer)
        let short = size.height * minBodyShare - frame.spare
        guard short > 0 else { return (frame, size) }
        let grown = Size(width: size.width, height: (size.height + short / (1 - minBodyShare)).rounded(.up))
        frame = FrameLayout(size: grown, title: title, subtitle: subtitle, footnote: footnote, legend: legend,
                            theme: theme, measurer: measurer)
        return (frame, grown)
    }

    /// Legend entries left to right, wrapping onto new rows. Returns the bottom edge.
    private mutating func layoutLegend(_ entries: [LegendEntry], x: Double, y: Double, width: Double,
                                       theme: Theme, measurer: TextMeasurer) -> Double {
        let style = theme.legend
        let lh = measurer.lineHeight(style)
        let sw = 16 * theme.factor, gap = 8 * theme.factor, between = 26 * theme.factor
        var cx = x, cy = y, rowH = lh
        for e in entries {
            switch e {
            case let .swatch(color, name):
                guard let t = TextFitter.wrap(name, maxWidth: width - sw - gap, maxLines: 1, style: style, measurer: measurer)
                else { continue }
                let w = sw + gap + t.maxWidth
                if cx > x, cx + w > x + width { cx = x; cy += rowH + 6 * theme.factor; rowH = lh }
                let sr = Rect(x: cx, y: cy + (lh - sw) / 2, width: sw, height: sw)
                items.append(.rect(sr, fill: color))
                items.append(.text(TextBox(lines: t.lines, widths: t.widths, lineHeight: lh, style: style,
                                           color: theme.text, in: Rect(x: cx + sw + gap, y: cy, width: t.maxWidth, height: lh),
                                           alignment: .leading, truncated: t.truncated)))
                legendRects.append(Rect(x: cx, y: cy, width: w, height: lh))
                cx += w + between
            case let .scale(title, stops, ticks):
                let tickStyle = theme.tickLabel
                let tlh = measurer.lineHeight(tickStyle)
                let barW = min(width, 300 * theme.factor), barH = 14 * theme.factor
                let tw = measurer.width(of: title, style: style)
                let labelWidths = ticks.map { measurer.width(of: $0, style: tickStyle) }
                let pad = (labelWidths.first ?? 0) / 2, padR = (labelWidths.last ?? 0) / 2
                let w = tw + gap * 1.5 + pad + barW + padR
                if cx > x, cx + w > x + width { cx = x; cy += rowH + 6 * theme.factor }
                items.append(.text(TextBox(lines: [title], widths: [tw], lineHeight: lh, style: style, color: theme.text,
                                           in: Rect(x: cx, y: cy, width: tw, height: lh), alignment: .leading)))
                let bx = cx + tw + gap * 1.5 + pad
                let bar = Rect(x: bx, y: cy + (lh - barH) / 2, width: barW, height: barH)
                items.append(.gradient(bar, stops: stops))
                for (i, label) in ticks.enumerated() {
                    let tx = ticks.count == 1 ? bar.midX : bar.minX + bar.width * Double(i) / Double(ticks.count - 1)
                    items.append(.line(from: Point(x: tx, y: bar.maxY), to: Point(x: tx, y: bar.maxY + 4 * theme.factor),
                                       color: theme.axis, width: 1 * theme.factor))
                    items.append(.text(TextBox(lines: [label], widths: [labelWidths[i]], lineHeight: tlh, style: tickStyle,
                                               color: theme.secondaryText,
                                               in: Rect(x: tx - labelWidths[i] / 2, y: bar.maxY + 4 * theme.factor,
                                                        width: labelWidths[i], height: tlh),
                                               alignment: .center)))
                }
                rowH = max(rowH, barH / 2 + lh / 2 + 4 * theme.factor + tlh)
                legendRects.append(Rect(x: cx, y: cy, width: w, height: rowH))
                cx += w + between
            }
        }
        return cy + rowH
    }
}
