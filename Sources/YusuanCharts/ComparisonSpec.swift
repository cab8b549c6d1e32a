import Foundation

/// How a comparison of many entities over a few years is drawn.
public enum ComparisonStyle: String, Sendable, CaseIterable {
    /// One group per entity, its years side by side in distinct colours (optionally split into parts).
    case grouped
    /// One row per entity: a dot per year joined by a line coloured by direction, the change at the end.
    case dumbbell
    /// Diverging bars of each entity's change from a zero line.
    case change
    /// Small multiples: one panel per entity, a line over the years, one shared scale.
    case lines
}

/// One entity of a comparison. Numbers position marks; the printed labels come from the caller's
/// exact formatter (money or percent), never from these doubles.
public struct ComparisonEntry: Equatable, Sendable {
    public var label: String
    /// One per year of the spec; nil where the entity has no figure that year.
    public var values: [Double?]
    /// The printed figure of each year (e.g. `36.50 万元`, `0.68%`, `207.09 万元*`).
    public var valueLabels: [String?]
    /// Per year, the figure split by the spec's `partNames` (nil = no split for that year).
    public var parts: [[Double]?]
    /// The change shown by `.dumbbell` and `.change`, and its printed label.
    public var change: Double?
    public var changeLabel: String?
    /// Per year, whether the figure is derived from the narrative (marked on `.lines`); may be empty.
    public var derived: [Bool]

    public init(label: String, values: [Double?], valueLabels: [String?], parts: [[Double]?] = [],
                change: Double? = nil, changeLabel: String? = nil, derived: [Bool] = []) {
        self.label = label; self.values = values; self.valueLabels = valueLabels
        self.parts = parts; self.change = change; self.changeLabel = changeLabel; self.derived = derived
    }
}

/// A comparison chart of 2 to 40 (or more) entities over one or more years.
public struct ComparisonChartSpec: Equatable, Sendable {
    public var title: String
    public var subtitle: String?
    public var footnote: String?
    public var sources: [String]
    /// Unit of the values (`万元`, `%`): the footnote names it.
    public var unit: String
    /// The series along each entity, e.g. `["2023", "2024"]`.
    public var years: [String]
    /// Names of the stacked parts (empty: bars are not split).
    public var partNames: [String]
    public var entries: [ComparisonEntry]
    public var style: ComparisonStyle
    public var increaseLabel: String
    public var decreaseLabel: String

    public init(title: String, subtitle: String? = nil, footnote: String? = nil, sources: [String] = [],
                unit: String = "万元", years: [String], partNames: [String] = [], entries: [ComparisonEntry],
                style: ComparisonStyle = .grouped, increaseLabel: String = "增加", decreaseLabel: String = "减少") {
        self.title = title; self.subtitle = subtitle; self.footnote = footnote; self.sources = sources
        self.unit = unit; self.years = years; self.partNames = partNames; self.entries = entries
        self.style = style; self.increaseLabel = increaseLabel; self.decreaseLabel = decreaseLabel
    }

    public func validate() throws {
        guard !entries.isEmpty else { throw ChartError.invalidSpec("comparison chart has no entities") }
        guard !years.isEmpty else { throw ChartError.invalidSpec("comparison chart has no years") }
        for e in entries {
            guard e.values.count == years.count, e.valueLabels.count == years.count else {
                throw ChartError.invalidSpec("\"\(e.label)\" has \(e.values.count) values for \(years.count) years")
            }
            guard e.values.allSatisfy({ $0?.isFinite ?? true }), e.change?.isFinite ?? true else {
                throw ChartError.invalidSpec("\"\(e.label)\" has a non-finite value")
            }
            guard e.parts.isEmpty || e.parts.count == years.count,
                  e.parts.allSatisfy({ $0 == nil || $0!.count == partNames.count }) else {
                throw ChartError.invalidSpec("\"\(e.label)\" has parts that do not match the part names")
            }
        }
        if style == .change, !entries.contains(where: { $0.change != nil }) {
            throw ChartError.invalidSpec("no entity has a change to draw")
        }
    }
}

/// What to do when the rows do not fit at a legible size.
public enum ComparisonPaging: Sendable {
    /// Further pages of the same size (PDF).
    case pages
    /// One taller canvas (PNG, SVG).
    case grow
}

extension ChartRenderer {
    /// Renders a comparison chart to `url`: rows that do not fit go to further PDF pages, or make
    /// a PNG or SVG taller.
    public static func render(_ spec: ComparisonChartSpec, to url: URL, options: RenderOptions = RenderOptions()) throws {
        try write(renderData(spec, format: OutputFormat(url: url), options: options), to: url)
    }

    public static func renderData(_ spec: ComparisonChartSpec, format: OutputFormat,
                                  options: RenderOptions = RenderOptions()) throws -> Data {
        try spec.validate()
        try options.validate()
        let measurer = try PangoTextMeasurer(font: options.font)
        let layout = ComparisonLayout(spec: spec, size: size(options), measurer: measurer,
                                      paging: format == .pdf ? .pages : .grow)
        var grown = options
        grown.height = Int(layout.pages[0].scene.size.height.rounded(.up))
        try grown.validate()
        return try renderWithCairo(pages: layout.pages.map(\.scene), format: format, scale: options.scale,
                                   family: measurer.family, title: spec.title)
    }
}
