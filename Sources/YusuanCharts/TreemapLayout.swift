import Foundation
import YusuanCore

/// A top-level rectangle of a treemap (e.g. one 类).
public struct TreemapGroup: Equatable, Sendable {
    public var name: String
    public var value: Double
    /// Share of the treemap total, 0...1.
    public var share: Double
    /// The exact squarified tile; its area is proportional to `value`.
    public var tile: Rect
    /// `tile` less the white gutter that separates groups.
    public var rect: Rect
    /// The group's title band, when the group has children and room for it.
    public var header: TextBox?
    /// Indices into `TreemapLayout.cells`.
    public var cells: [Int]
}

/// A leaf rectangle of a treemap (e.g. one 款, or a 类 without children).
public struct TreemapCell: Equatable, Sendable {
    public var name: String
    /// Name of the group it belongs to (equal to `name` for a childless top-level node).
    public var group: String
    public var value: Double
    public var share: Double
    public var change: Double?
    /// The exact tile inside its group's child area (area proportional to value within the group).
    public var tile: Rect
    /// What is drawn: `tile` less the gutter between cells.
    public var rect: Rect
    public var color: Color
    /// Name, then amount / share lines; empty when nothing fits. Always inside `rect`.
    public var labels: [TextBox]
}

/// The geometry of a two-level squarified treemap: pure, from spec, size and a text measurer.
public struct TreemapLayout: Sendable {
    public var scene: Scene
    public var plot: Rect
    public var groups: [TreemapGroup]
    public var cells: [TreemapCell]
    /// Cells (and group headers) drawn without their amount, as `name amount`: listed in the
    /// footnote so every figure is on the chart.
    public var unlabelled: [String]
    /// The half-width of the change colour scale (e.g. 0.2 = ±20%), for `.byChange`.
    public var changeDomain: Double?

    public init(spec: TreemapSpec, size: Size, measurer: TextMeasurer) {
        var result = TreemapLayout.pass(spec: spec, size: size, measurer: measurer, extraNote: nil)
        // The cells without their amount go into the footnote, which takes height from the plot,
        // which can change what fits: re-run with every cell listed so far until each cell drawn
        // without its amount is listed (the list only grows, so this ends).
        var listed: [String] = []
        while true {
            let missing = result.unlabelled.filter { !listed.contains($0) }
            if missing.isEmpty { break }
            listed += missing
            result = TreemapLayout.pass(spec: spec, size: size, measurer: measurer,
                                        extraNote: TreemapLayout.unlabelledNote(listed, spec: spec))
        }
        result.unlabelled = listed
        self = result
    }

    private init(scene: Scene, plot: Rect, groups: [TreemapGroup], cells: [TreemapCell],
                 unlabelled: [String], changeDomain: Double?) {
        self.scene = scene; self.plot = plot; self.groups = groups; self.cells = cells
        self.unlabelled = unlabelled; self.changeDomain = changeDomain
    }

    static func unlabelledNote(_ names: [String], spec: TreemapSpec) -> String? {
        guard !names.isEmpty else { return nil }
        // Every cell drawn without its amount, with the amount: the footnote wraps, never cuts.
        return L("chart.unlabelled", ["names": names.joined(separator: L("list.sep"))])
    }

    /// Candidate half-widths of the change scale; the smallest covering every change is used.
    static let changeDomains: [Double] = [0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0]

    private static func pass(spec: TreemapSpec, size: Size, measurer: TextMeasurer, extraNote: String?) -> TreemapLayout {
        let theme = Theme.forSize(size)
        let f = theme.factor
        let top = spec.nodes.filter { $0.total > 0 }
        let total = top.reduce(0) { $0 + $1.total }

        // Change scale, from the leaves that will be drawn.
        var changeDomain: Double? = nil
        var anyMissing = false
        if spec.colorMode == .byChange {
            var maxAbs = 0.0
            for n in top {
                let leaves = n.children.contains { $0.total > 0 } ? n.children.filter { $0.total > 0 } : [n]
                for l in leaves {
                    if let c = l.change { maxAbs = max(maxAbs, abs(c)) } else { anyMissing = true }
                }
            }
            changeDomain = changeDomains.first { $0 >= maxAbs - 1e-12 } ?? changeDomains.last!
        }
        func changeColor(_ c: Double?) -> Color {
            guard let c, let d = changeDomain else { return theme.missing }
            let t = max(-1, min(1, c / d))
            return t < 0 ? theme.neutral.mixed(with: theme.decrease, -t) : theme.neutral.mixed(with: theme.increase, t)
        }
        var legend: [LegendEntry] = []
        if let d = changeDomain {
            let ticks = [-d, -d / 2, 0, d / 2, d].map { v -> String in
                v == 0 ? "0" : NumberFormat.percent(v, places: (v * 100).rounded() == v * 100 ? 0 : 1, signed: true)
            }
            legend.append(.scale(title: spec.changeLegendTitle, stops: [theme.decrease, theme.neutral, theme.increase],
                                 tickLabels: ticks))
            if anyMissing { legend.append(.swatch(theme.missing, L("chart.noprior"))) }
        }

        var note = spec.footnote ?? ""
        if let extraNote { note = note.isEmpty ? extraNote : note + "。" + extraNote }
        let (frame, size) = FrameLayout.growing(size: size, title: spec.title, subtitle: spec.subtitle,
                                                footnote: footnoteText(unit: spec.unit, sources: spec.sources, note: note),
                                                legend: legend, theme: theme, measurer: measurer)
        var items = frame.items
        let plot = frame.body

        let order = top.indices.sorted { top[$0].total != top[$1].total ? top[$0].total > top[$1].total : $0 < $1 }
        let tiles = squarify(order.map { top[$0].total }, in: plot)
        let groupGap = 3 * f, cellGap = 1.2 * f
        var groups: [TreemapGroup] = [], cells: [TreemapCell] = [], unlabelled: [String] = []
        var cellItems: [SceneItem] = [], labelItems: [SceneItem] = []
        let headerStyle = theme.groupHeader
        let headerLH = measurer.lineHeight(headerStyle)
        // Labels from the exact amounts when the spec carries them (one formatter with the tables).
        func amount(_ n: TreemapNode) -> String {
            if let u = spec.moneyUnit, let a = n.amount { return a.label(in: u, places: spec.valueDecimals) }
            return NumberFormat.label(n.total, unit: spec.unit, places: spec.valueDecimals)
        }
        func bare(_ n: TreemapNode) -> String {
            if let u = spec.moneyUnit, let a = n.amount { return a.decimalString(in: u, places: spec.valueDecimals, grouping: true) }
            return NumberFormat.grouped(n.total, places: spec.valueDecimals)
        }

        for (rank, idx) in order.enumerated() {
            let node = top[idx]
            let tile = tiles[rank]
            let rect = tile.insetBy(groupGap / 2)
            let share = node.total / total
            let classColor = theme.classPalette[rank % theme.classPalette.count]
            let kids = node.children.filter { $0.total > 0 }
            var group = TreemapGroup(name: node.name, value: node.total, share: share, tile: tile, rect: rect,
                                     header: nil, cells: [])
            if kids.isEmpty {
                let color = spec.colorMode == .byClass ? classColor : changeColor(node.change)
                var details = [amount(node), NumberFormat.percent(share)]
                if spec.colorMode == .byChange { details.append(changeText(node.change)) }
                let labels = fitCellLabel(node.name, details: details, in: rect, color: color, theme: theme, measurer: measurer)
                if labels.count < 2 { unlabelled.append(node.name + " " + bare(node)) }
                group.cells = [cells.count]
                cells.append(TreemapCell(name: node.name, group: node.name, value: node.total, share: share,
                                         change: node.change, tile: tile, rect: rect, color: color, labels: labels))
                groups.append(group)
                continue
            }
            // A group with children: a light backdrop, a title band when there is room, children below.
            var childArea = rect
            let pad = 6 * f
            let fullHeader = "\(node.name)  \(amount(node)) · \(NumberFormat.percent(share))"
            if rect.height >= headerLH * 2.6, rect.width > pad * 2 {
                let candidates = [fullHeader, "\(node.name)  \(NumberFormat.percent(share))", node.name]
                let maxW = rect.width - 2 * pad
                var text: (String, Double)? = nil
                for c in candidates {
                    let w = measurer.width(of: c, style: headerStyle)
                    if w <= maxW { text = (c, w); break }
                }
                if let (s, w) = text {
                    let band = Rect(x: rect.minX, y: rect.minY, width: rect.width, height: headerLH + pad)
                    group.header = TextBox(lines: [s], widths: [w], lineHeight: headerLH, style: headerStyle, color: theme.text,
                                           in: band.insetBy(dx: pad, dy: 0), alignment: .leading, verticalCenter: true,
                                           truncated: s.hasSuffix("…"))
                    childArea = Rect(x: rect.minX, y: band.maxY, width: rect.width, height: rect.height - band.height)
                }
            }
            let groupAt = unlabelled.count
            let backdrop = spec.colorMode == .byClass ? classColor.mixed(with: .white, 0.55) : theme.neutral
            cellItems.append(.rect(rect, fill: backdrop))
            if let h = group.header { labelItems.append(.text(h)) }

            let kidOrder = kids.indices.sorted { kids[$0].total != kids[$1].total ? kids[$0].total > kids[$1].total : $0 < $1 }
            let kidTiles = squarify(kidOrder.map { kids[$0].total }, in: childArea)
            for (j, k) in kidOrder.enumerated() {
                let kid = kids[k]
                let kt = kidTiles[j]
                let kr = kt.insetBy(cellGap / 2)
                // Shades of the class colour, darkest for the largest child.
                let color = spec.colorMode == .byClass
                    ? classColor.mixed(with: .white, kids.count > 1 ? 0.45 * Double(j) / Double(kids.count - 1) : 0)
                    : changeColor(kid.change)
                let kshare = kid.total / total
                var details = [amount(kid), NumberFormat.percent(kshare)]
                if spec.colorMode == .byChange { details.append(changeText(kid.change)) }
                let labels = fitCellLabel(kid.name, details: details, in: kr, color: color, theme: theme, measurer: measurer)
                if labels.count < 2 { unlabelled.append(kid.name + " " + bare(kid)) }
                group.cells.append(cells.count)
                cells.append(TreemapCell(name: kid.name, group: node.name, value: kid.total, share: kshare,
                                         change: kid.change, tile: kt, rect: kr, color: color, labels: labels))
            }
            // A header without the amount (name, or name and share) lists the group's amount,
            // unless its one child shows that same amount.
            let shownByChild = kids.count == 1 && kids[0].total == node.total && (cells.last?.labels.count ?? 0) >= 2
            if group.header?.text != fullHeader, !shownByChild { unlabelled.insert(node.name + " " + bare(node), at: groupAt) }
            groups.append(group)
        }
        for c in cells where c.rect.area > 0 { cellItems.append(.rect(c.rect, fill: c.color)) }
        for c in cells { labelItems += c.labels.map { .text($0) } }
        items += cellItems + labelItems
        return TreemapLayout(scene: Scene(size: size, background: theme.background, items: items), plot: plot,
                             groups: groups, cells: cells, unlabelled: unlabelled, changeDomain: changeDomain)
    }

    static func changeText(_ c: Double?) -> String {
        guard let c else { return L("chart.noprior") }
        return L("chart.vsprior", ["pct": NumberFormat.percent(c, places: 1, signed: true)])
    }

    /// The richest label that fits `cell`: the name (up to two lines, bold) and as many detail
    /// lines as fit, at the largest size that fits; else the name shortened with "…"; else nothing.
    static func fitCellLabel(_ name: String, details: [String], in cell: Rect, color: Color, theme: Theme,
                             measurer: TextMeasurer) -> [TextBox] {
        let f = theme.factor
        let pad = min(7 * f, cell.width * 0.08, cell.height * 0.08)
        let inner = cell.insetBy(pad)
        guard inner.width > 4, inner.height > 4 else { return [] }
        let textColor = color.luminance > 0.36 ? theme.text : Color.white
        let detailColor = color.luminance > 0.36 ? theme.text.mixed(with: color, 0.25) : Color.white.mixed(with: color, 0.1)
        let minSize = 11 * f
        let ceiling = max(minSize, min(22 * f, sqrt(cell.area) / 9))
        // The steps of one ladder (22, 18.9, 16.3, 14, 12, 11, times the theme's factor), not a size
        // per cell: like cells get like labels, and each size's fonts and glyphs are made once for
        // the whole chart (a detail line's size is the next step's).
        var sizes: [Double] = []
        var s = 22 * f
        while s >= minSize - 1e-9 { if s <= ceiling + 1e-9 { sizes.append(s) }; s *= 0.86 }
        if sizes.last.map({ $0 > minSize + 1e-9 }) ?? true { sizes.append(minSize) }

        for k in stride(from: details.count, through: 0, by: -1) {
            for size in sizes {
                let nameStyle = TextStyle(size: size, weight: .bold)
                let detStyle = TextStyle(size: size * 0.86)
                guard let nameW = TextFitter.wrap(name, maxWidth: inner.width, maxLines: 2, style: nameStyle,
                                                  measurer: measurer, allowTruncation: false) else { continue }
                let nlh = measurer.lineHeight(nameStyle), dlh = measurer.lineHeight(detStyle)
                var detLines: [String] = [], detWidths: [Double] = []
                if k > 0 {
                    let parts = Array(details.prefix(k))
                    let joined = parts.joined(separator: " · ")
                    let jw = measurer.width(of: joined, style: detStyle)
                    if jw <= inner.width { detLines = [joined]; detWidths = [jw] } else {
                        let ws = parts.map { measurer.width(of: $0, style: detStyle) }
                        if ws.contains(where: { $0 > inner.width }) { continue }
                        detLines = parts; detWidths = ws
                    }
                }
                let nameH = nlh * Double(nameW.lines.count)
                let gap = detLines.isEmpty ? 0 : 2 * f
                let h = nameH + gap + dlh * Double(detLines.count)
                if h > inner.height { continue }
                var boxes = [TextBox(lines: nameW.lines, widths: nameW.widths, lineHeight: nlh, style: nameStyle,
                                     color: textColor, in: Rect(x: inner.minX, y: inner.minY, width: inner.width, height: nameH),
                                     alignment: .leading)]
                if !detLines.isEmpty {
                    boxes.append(TextBox(lines: detLines, widths: detWidths, lineHeight: dlh, style: detStyle, color: detailColor,
                                         in: Rect(x: inner.minX, y: inner.minY + nameH + gap, width: inner.width,
                                                  height: dlh * Double(detLines.count)),
                                         alignment: .leading))
                }
                return boxes
            }
        }
        // A name is never cut: a cell too small for it is listed in the footnote with its amount.
        return []
    }
}
