import Foundation
import YusuanCore
#if canImport(Glibc)
import Glibc
#endif

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

    /// Whole or not at all: written beside the target and renamed over it. Not through Foundation's
    /// `Data.write`, which flushes the file to disk (fsync) even when not atomic: a chart is drawn
    /// again in milliseconds, and a flush can cost more than the drawing.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).part")
        func fail(_ code: Int32) -> ChartError {
            let error = POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            return ChartError.writeFailed(path: url.path, reason: FileErrorText.reason(error, path: url.path))
        }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let code = errno
            // The folder is missing or not writable, or the target is a folder: said of the target.
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { throw fail(EISDIR) }
            throw fail(code)
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count, failure == 0 {
                let n = writeBytes(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno != EINTR { failure = errno } } else { done += n }
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary.path, url.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary.path)
            throw fail(failure)
        }
    }
}

/// write(2), named apart from `ChartRenderer.write`.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}
