import Foundation
import YusuanCore

/// Turns chart specs into PNG, SVG or PDF files (format from the file extension).
///
///     try ChartRenderer.render(spec, to: URL(fileURLWithPath: "sangong.png"),
///                              options: RenderOptions(width: 1600, height: 900, scale: 2))
///
/// Same spec and options give byte-identical SVG and PDF and pixel-identical PNG.
public enum ChartRenderer {
    /// Renders a bar chart to `url`. Throws `ChartError`.
    public static func render(_ spec: BarChartSpec, to url: URL, options: RenderOptions = RenderOptions()) throws {
        try write(renderData(spec, format: OutputFormat(url: url), options: options), to: url)
    }

    /// Renders a treemap to `url`. Throws `ChartError`.
    public static func render(_ spec: TreemapSpec, to url: URL, options: RenderOptions = RenderOptions()) throws {
        try write(renderData(spec, format: OutputFormat(url: url), options: options), to: url)
    }

    /// The bytes of a bar chart file.
    public static func renderData(_ spec: BarChartSpec, format: OutputFormat,
                                  options: RenderOptions = RenderOptions()) throws -> Data {
        try spec.validate()
        try options.validate()
        let measurer = try PangoTextMeasurer(font: options.font)
        let layout = BarChartLayout(spec: spec, size: size(options), measurer: measurer)
        return try renderWithCairo(layout.scene, format: format, scale: options.scale,
                                   family: measurer.family, title: spec.title)
    }

    /// The bytes of a treemap file.
    public static func renderData(_ spec: TreemapSpec, format: OutputFormat,
                                  options: RenderOptions = RenderOptions()) throws -> Data {
        try spec.validate()
        try options.validate()
        let measurer = try PangoTextMeasurer(font: options.font)
        let layout = TreemapLayout(spec: spec, size: size(options), measurer: measurer)
        return try renderWithCairo(layout.scene, format: format, scale: options.scale,
                                   family: measurer.family, title: spec.title)
    }

    /// Renders an already laid-out scene (for callers composing their own layouts).
    public static func renderData(_ scene: Scene, format: OutputFormat, options: RenderOptions = RenderOptions(),
                                  title: String = "") throws -> Data {
        try options.validate()
        let family = try FontResolver.resolve(options.font)
        return try renderWithCairo(scene, format: format, scale: options.scale, family: family, title: title)
    }

    static func size(_ o: RenderOptions) -> Size { Size(width: Double(o.width), height: Double(o.height)) }

    static func write(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw ChartError.writeFailed(path: url.path, reason: FileErrorText.reason(error, path: url.path))
        }
    }
}
