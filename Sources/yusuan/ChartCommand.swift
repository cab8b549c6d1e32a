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
    @Option(help: ArgumentHelp(L("opt.56")))
    var preset: ChartPreset = .screen

    @Option(help: ArgumentHelp(L("opt.52")))
    var width: Int?

    @Option(help: ArgumentHelp(L("opt.17")))
    var height: Int?

    @Option(help: ArgumentHelp(L("opt.30")))
    var scale: Double?

    @Option(help: ArgumentHelp(L("opt.16"),
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
        discussion: L("disc.chart-bar")
    )

    @Option(help: ArgumentHelp(L("opt.37"), valueName: "file"))
    var csv: String

    @Option(help: ArgumentHelp(L("opt.09"), valueName: "column"))
    var label: String

    @Option(help: ArgumentHelp(L("opt.49"),
                               valueName: "column[,column...]"))
    var value: String

    @Option(help: ArgumentHelp(L("opt.07")))
    var title: String?

    @Option(help: ArgumentHelp(L("opt.36")))
    var subtitle: String?

    @Option(help: ArgumentHelp(L("opt.48")))
    var unit: String = "万元"

    @Option(help: ArgumentHelp(L("opt.32"), valueName: "text"))
    var source: [String] = []

    @Option(help: ArgumentHelp(L("opt.13")))
    var footnote: String?

    @Option(help: ArgumentHelp(L("opt.10")))
    var decimals: Int = 2

    @Flag(help: ArgumentHelp(L("opt.34")))
    var stacked = false

    @Flag(help: ArgumentHelp(L("opt.11")))
    var diverging = false

    @OptionGroup var render: ChartRenderArguments

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(L("opt.28"), valueName: "file"))
    var output: String

    var valueColumns: [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if stacked && diverging { throw UserError(L("bar.stackeddiverging"), code: 64) }
        if valueColumns.isEmpty { throw UserError(L("bar.novalue"), code: 64) }
        if diverging && valueColumns.count != 1 {
            throw UserError(L("bar.divergingone", ["count": String(valueColumns.count)]), code: 64)
        }
        if !(0...6).contains(decimals) { throw UserError(L("bar.decimals"), code: 64) }
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
            print(L("chart.wrote", ["path": url.path]))
        } catch let e as CSVError {
            throw UserError("\(e)")
        } catch let e as ChartError {
            throw UserError("\(e)")
        }
    }
}
