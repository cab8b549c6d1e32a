import ArgumentParser
import Foundation
import YusuanCharts
import YusuanCore
import YusuanIngest

/// `yusuan chart …`: publication-quality charts as PNG, SVG or PDF.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: L("help.chart"),
        subcommands: [ChartBarCommand.self] + chartDataSubcommands
    )
}

/// Chart sizes for common uses.
enum ChartPreset: String, ExpressibleByArgument, CaseIterable {
    /// 1600×900, a slide or a screen.
    case screen
    /// 1080×1440, a phone or a portrait page.
    case portrait
    /// A4 landscape at 150 px per inch (1754×1240), PNG at twice that density.
    case print
    var size: (width: Int, height: Int, scale: Double) {
        switch self {
        case .screen: (1600, 900, 1)
        case .portrait: (1080, 1440, 1)
        case .print: (1754, 1240, 2)
        }
    }
}

/// Size, density and font, shared by every chart subcommand.
struct ChartRenderArguments: ParsableArguments {
    @Option(help: "screen (1600×900), portrait (1080×1440) or print (A4 landscape, PNG at 300 dpi).")
    var preset: ChartPreset = .screen

    @Option(help: "Width in pixels (points for SVG and PDF); default from --preset.")
    var width: Int?

    @Option(help: "Height in pixels (points for SVG and PDF); default from --preset.")
    var height: Int?

    @Option(help: "Pixel density of a PNG, e.g. 2 for a 3200×1800 image at 1600×900; default from --preset.")
    var scale: Double?

    @Option(help: ArgumentHelp("Font family (fontconfig name) with Chinese glyphs; default Noto Sans CJK SC.",
                               valueName: "family"))
    var font: String?

    var options: RenderOptions {
        let p = preset.size
        return RenderOptions(width: width ?? p.width, height: height ?? p.height, scale: scale ?? p.scale, font: font)
    }

    func validate() throws {
        do { try options.validate() } catch { throw ValidationError("\(error)") }
    }
}

/// `yusuan chart bar`: a horizontal bar chart from CSV columns.
struct ChartBarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bar",
        abstract: L("help.chart-bar"),
        discussion: """
        One value column draws one bar per row; several (comma-separated) draw grouped bars, one per column, e.g. --value 2024年,2025年. --stacked puts them end to end (e.g. the four parts of 三公); --diverging draws one column of changes from a zero line in two colours.

        The CSV is RFC 4180, UTF-8 with or without a BOM, or GBK/GB18030; the first row names the columns. Values may have thousands separators.

        Example:
          yusuan chart bar --csv sangong.csv --label 项目 --value 2024年,2025年 \\
            --title "“三公”经费预算" --unit 万元 --source "2025年部门预算" -o sangong.png
        """
    )

    @Option(help: ArgumentHelp("The CSV file to read.", valueName: "file"))
    var csv: String

    @Option(help: ArgumentHelp("Column with the bar labels.", valueName: "column"))
    var label: String

    @Option(help: ArgumentHelp("Value column(s), comma-separated; several draw grouped or stacked bars.",
                               valueName: "column[,column...]"))
    var value: String

    @Option(help: "Chart title (default: the value column names).")
    var title: String?

    @Option(help: "Subtitle under the title, e.g. the entity and year.")
    var subtitle: String?

    @Option(help: "Unit of the values, shown on labels and in the footnote.")
    var unit: String = "万元"

    @Option(help: ArgumentHelp("Source document for the footnote (repeatable).", valueName: "text"))
    var source: [String] = []

    @Option(help: "Extra footnote text.")
    var footnote: String?

    @Option(help: "Decimal places of value labels.")
    var decimals: Int = 2

    @Flag(help: "Stack the value columns end to end instead of side by side.")
    var stacked = false

    @Flag(help: "Draw one column of changes from a zero line: increases and decreases in two colours.")
    var diverging = false

    @OptionGroup var render: ChartRenderArguments

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Output file: .png, .svg or .pdf.", valueName: "file"))
    var output: String

    var valueColumns: [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if stacked && diverging { throw ValidationError("--stacked and --diverging cannot be combined.") }
        if valueColumns.isEmpty { throw ValidationError("--value needs at least one column name.") }
        if diverging && valueColumns.count != 1 {
            throw ValidationError("--diverging takes exactly one value column (the changes), got \(valueColumns.count).")
        }
        if !(0...6).contains(decimals) { throw ValidationError("--decimals must be between 0 and 6.") }
        do { _ = try OutputFormat(url: URL(fileURLWithPath: output)) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        do {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: csv)) } catch { throw UserError(L("read.failed", ["reason": describe(error)])) }
            guard let text = TextFile.decode(data) else { throw UserError(L("csv.encoding", ["file": csv])) }
            let table = try CSVTable(text: text, file: csv)
            let (labels, series) = try table.labelsAndSeries(label: label, values: valueColumns)
            let spec = BarChartSpec(
                title: title ?? valueColumns.joined(separator: "、"), subtitle: subtitle, footnote: footnote,
                sources: source, unit: unit, categories: labels, series: series,
                style: diverging ? .diverging : stacked ? .stacked : .grouped, valueDecimals: decimals)
            let url = URL(fileURLWithPath: output)
            try ChartRenderer.render(spec, to: url, options: render.options)
            print(url.path)
        } catch let e as CSVError {
            throw UserError("\(e)")
        } catch let e as ChartError {
            throw UserError("\(e)")
        }
    }
}
