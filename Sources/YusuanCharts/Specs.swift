import Foundation
import YusuanCore

/// One series of a bar chart: a name for the legend (e.g. a year) and one value per category.
public struct BarSeries: Equatable, Sendable {
    public var name: String
    public var values: [Double]
    /// Overrides the theme colour for this series.
    public var color: Color?
    /// The exact amounts behind `values` (same count), when the series is money: value labels are
    /// then formatted from them by `Money.label`, never from the floats.
    public var amounts: [Money]?
    public init(name: String, values: [Double], color: Color? = nil) {
        self.name = name; self.values = values; self.color = color
    }
    /// A money series: positions from `amounts` in `unit`, labels from the amounts themselves.
    public init(name: String, amounts: [Money], unit: MoneyUnit, color: Color? = nil) {
        self.name = name; self.values = amounts.map { $0.value(in: unit) }; self.color = color; self.amounts = amounts
    }
}

/// How several series share a category's band.
public enum BarStyle: String, Sendable, CaseIterable {
    /// Bars side by side, one per series (e.g. 2024 and 2025 per item).
    case grouped
    /// Segments end to end, one per series (e.g. the four parts of 三公), total at the end.
    case stacked
    /// One bar per category from a zero line: increases and decreases in two colours.
    case diverging
}

/// A horizontal bar chart: categories down the side (long Chinese labels wrap onto two lines),
/// values along a nice axis, value labels with thousands separators and the unit.
public struct BarChartSpec: Equatable, Sendable {
    public var title: String
    public var subtitle: String?
    /// Free text after the unit and sources line, e.g. a note on what 0 means.
    public var footnote: String?
    /// Source documents, listed in the footnote as 资料来源.
    public var sources: [String]
    /// Unit of every value, e.g. "万元" or "%"; shown on value labels, the axis and the footnote.
    public var unit: String
    public var categories: [String]
    public var series: [BarSeries]
    public var style: BarStyle
    /// Decimal places of value labels (2 suits 万元 with fen precision).
    public var valueDecimals: Int
    /// Legend names of the two colours of a diverging chart.
    public var increaseLabel: String
    public var decreaseLabel: String
    /// The unit of the series' `amounts`; with it, labels come from the exact amounts.
    public var moneyUnit: MoneyUnit?
    /// Stacked bars: the printed total of each category, labelled at the bar's end instead of the
    /// sum of the drawn parts (nil entries fall back to the parts).
    public var totals: [Money?]?

    public init(title: String, subtitle: String? = nil, footnote: String? = nil, sources: [String] = [],
                unit: String = "万元", categories: [String], series: [BarSeries], style: BarStyle = .grouped,
                valueDecimals: Int = 2, increaseLabel: String = L("chart.increase"), decreaseLabel: String = L("chart.decrease")) {
        self.title = title; self.subtitle = subtitle; self.footnote = footnote; self.sources = sources
        self.unit = unit; self.categories = categories; self.series = series; self.style = style
        self.valueDecimals = valueDecimals; self.increaseLabel = increaseLabel; self.decreaseLabel = decreaseLabel
    }

    /// Throws when the spec cannot be drawn (no data, ragged series, NaN).
    public func validate() throws {
        guard !categories.isEmpty else { throw ChartError.invalidSpec("bar chart has no categories") }
        guard !series.isEmpty else { throw ChartError.invalidSpec("bar chart has no series") }
        for s in series {
            guard s.values.count == categories.count else {
                throw ChartError.invalidSpec("series \"\(s.name)\" has \(s.values.count) values for \(categories.count) categories")
            }
            if let bad = s.values.firstIndex(where: { !$0.isFinite }) {
                throw ChartError.invalidSpec("series \"\(s.name)\" has a non-finite value for \"\(categories[bad])\"")
            }
        }
        for s in series { if let a = s.amounts, a.count != s.values.count {
            throw ChartError.invalidSpec("series \"\(s.name)\" has \(a.count) amounts for \(s.values.count) values")
        } }
        if let t = totals, t.count != categories.count {
            throw ChartError.invalidSpec("\(t.count) totals for \(categories.count) categories")
        }
        if style == .diverging, series.count != 1 {
            throw ChartError.invalidSpec("a diverging bar chart takes exactly one series of changes, got \(series.count)")
        }
    }
}

/// One rectangle of a treemap. A node with children is a group (e.g. a 类) whose children
/// (its 款) are tiled inside it; a node without children is a cell.
public struct TreemapNode: Equatable, Sendable {
    public var name: String
    /// Amount in the spec's unit. For a group, nil means the sum of its children; a given value
    /// sizes the group, and its children share the group's area in proportion to their own values.
    public var value: Double?
    /// Change against the prior year as a ratio (0.125 = +12.5%), for `.byChange` colouring.
    public var change: Double?
    /// The exact amount of `value` (or of the group), labelled by `Money.label` in the spec's `moneyUnit`.
    public var amount: Money?
    public var children: [TreemapNode]
    public init(name: String, value: Double? = nil, change: Double? = nil, children: [TreemapNode] = []) {
        self.name = name; self.value = value; self.change = change; self.children = children
    }
    /// The weight the node is tiled with.
    public var total: Double { value ?? children.reduce(0) { $0 + $1.total } }
}

/// How treemap cells are coloured.
public enum TreemapColorMode: String, Sendable, CaseIterable {
    /// One hue per top-level group (类), children in shades of it.
    case byClass
    /// A diverging scale on each node's `change`, with a legend; no change = grey.
    case byChange
}

/// A squarified treemap of up to two levels, e.g. 类 → 款.
public struct TreemapSpec: Equatable, Sendable {
    public var title: String
    public var subtitle: String?
    public var footnote: String?
    public var sources: [String]
    public var unit: String
    public var nodes: [TreemapNode]
    public var colorMode: TreemapColorMode
    public var valueDecimals: Int
    /// Legend title of the `.byChange` scale.
    public var changeLegendTitle: String
    /// The unit of the nodes' `amount`s; with it, labels come from the exact amounts.
    public var moneyUnit: MoneyUnit?

    public init(title: String, subtitle: String? = nil, footnote: String? = nil, sources: [String] = [],
                unit: String = "万元", nodes: [TreemapNode], colorMode: TreemapColorMode = .byClass,
                valueDecimals: Int = 2, changeLegendTitle: String = L("chart.change.legend"), moneyUnit: MoneyUnit? = nil) {
        self.title = title; self.subtitle = subtitle; self.footnote = footnote; self.sources = sources
        self.unit = unit; self.nodes = nodes; self.colorMode = colorMode; self.valueDecimals = valueDecimals
        self.changeLegendTitle = changeLegendTitle; self.moneyUnit = moneyUnit
    }

    public func validate() throws {
        guard nodes.contains(where: { $0.total > 0 }) else {
            throw ChartError.invalidSpec("treemap has no positive values")
        }
        func check(_ n: TreemapNode) throws {
            if let v = n.value, !v.isFinite { throw ChartError.invalidSpec("\"\(n.name)\" has a non-finite value") }
            if let c = n.change, !c.isFinite { throw ChartError.invalidSpec("\"\(n.name)\" has a non-finite change") }
            for c in n.children { try check(c) }
        }
        for n in nodes { try check(n) }
    }
}

/// Output size, pixel density and font.
public struct RenderOptions: Equatable, Sendable {
    /// Width and height in CSS pixels (SVG and PDF use them as points).
    public var width: Int
    public var height: Int
    /// PNG pixel density: 2 gives a 3200×1800 image for a 1600×900 chart. Ignored for SVG and PDF.
    public var scale: Double
    /// Font family looked up through fontconfig; nil = Noto Sans CJK SC, else any installed CJK font.
    public var font: String?
    public init(width: Int = 1600, height: Int = 900, scale: Double = 1, font: String? = nil) {
        self.width = width; self.height = height; self.scale = scale; self.font = font
    }
    public func validate() throws {
        guard (64...20000).contains(width), (64...20000).contains(height) else {
            throw ChartError.invalidOptions("width and height must be between 64 and 20000 px, got \(width)×\(height)")
        }
        guard scale.isFinite, scale >= 0.25, scale <= 8, Double(width) * scale * Double(height) * scale <= 2.5e8 else {
            throw ChartError.invalidOptions("scale must be between 0.25 and 8 and the PNG at most 250 megapixels, got \(scale)")
        }
    }
}

/// The file format of a chart, chosen by the output file's extension.
public enum OutputFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
    /// `.png`, `.svg` or `.pdf` (any case); throws `ChartError.unsupportedFormat` otherwise.
    public init(url: URL) throws {
        guard let f = OutputFormat(rawValue: url.pathExtension.lowercased()) else {
            throw ChartError.unsupportedFormat(url.pathExtension)
        }
        self = f
    }
}

/// Why a chart could not be drawn or written.
public enum ChartError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// No installed font covers Chinese.
    case noCJKFont
    /// The requested font family is not installed, or cannot show Chinese.
    case fontNotFound(String, available: [String])
    case unsupportedFormat(String)
    case invalidSpec(String)
    case invalidOptions(String)
    /// Cairo reported an error status.
    case cairo(String)
    /// Cairo, Pango or fontconfig could not be loaded (`Graphics.load`): the loader's reason.
    case graphicsUnavailable(String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .noCJKFont: return L("charterr.nocjk")
        case let .fontNotFound(name, available):
            return L("charterr.font", ["name": name, "fonts": available.isEmpty ? "-" : available.joined(separator: "、")])
        case let .unsupportedFormat(ext): return L("charterr.format", ["ext": ext.isEmpty ? "-" : "." + ext])
        case let .invalidSpec(s): return L("charterr.spec", ["detail": s])
        case let .invalidOptions(s): return L("charterr.options", ["detail": s])
        case let .cairo(s): return L("charterr.cairo", ["detail": s])
        case let .graphicsUnavailable(s): return L("charterr.graphics", ["detail": s])
        case let .writeFailed(path, reason): return L("charterr.write", ["path": path, "reason": reason])
        }
    }
    public var errorDescription: String? { description }
}

/// The footnote line shared by both chart kinds: unit, then sources, then free text.
func footnoteText(unit: String, sources: [String], note: String?) -> String {
    var parts: [String] = []
    if !unit.isEmpty { parts.append(L("chart.unit", ["unit": unit])) }
    if !sources.isEmpty { parts.append(L("chart.sources", ["sources": sources.joined(separator: L("chart.sources.sep"))])) }
    if let note, !note.isEmpty { parts.append(note) }
    return parts.joined(separator: L("chart.foot.sep"))
}
