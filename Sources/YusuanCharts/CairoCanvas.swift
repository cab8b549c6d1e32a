// The only file that calls Cairo, Pango or fontconfig (through Pango). Everything above it
// works in chart pixels through `Canvas` and `TextMeasurer`.
import CCairo
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Pango units per pixel (PANGO_SCALE is a macro Swift cannot import).
private let pangoScale = 1024.0
/// What the default font resolves to, in order of preference.
private let preferredCJKFamilies = [
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN",
]
private let cacheLock = NSLock()
// Read and written only with `cacheLock` held.
nonisolated(unsafe) private var resolvedFamilies: [String: String] = [:]

/// A Pango context whose metrics do not depend on the surface or its scale: no hinting, no
/// rounding of glyph positions. Measuring and drawing with the same settings is what keeps a
/// label that fits in the layout inside its box on every surface.
private func makeContext() -> OpaquePointer {
    let fontMap = pango_cairo_font_map_get_default()!   // per thread, owned by Pango
    let ctx = pango_font_map_create_context(fontMap)!
    let opts = cairo_font_options_create()
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
    pango_cairo_context_set_font_options(ctx, opts)
    cairo_font_options_destroy(opts)
    pango_context_set_round_glyph_positions(ctx, 0)
    return ctx
}

private func unref(_ p: OpaquePointer?) { if let p { g_object_unref(UnsafeMutableRawPointer(p)) } }

/// Font lookup through fontconfig, via Pango's font map.
enum FontResolver {
    /// Whether `family` is installed under that name and has the glyph 中.
    static func coversChinese(_ family: String, context: OpaquePointer) -> Bool {
        let desc = pango_font_description_new()!
        defer { pango_font_description_free(desc) }
        pango_font_description_set_family(desc, family)
        pango_font_description_set_absolute_size(desc, 12 * pangoScale)
        guard let font = pango_font_map_load_font(pango_cairo_font_map_get_default(), context, desc) else { return false }
        defer { g_object_unref(font) }
        // fontconfig substitutes a default for unknown names: check we got the family we asked for.
        let got = pango_font_describe(font)!
        defer { pango_font_description_free(got) }
        guard let fam = pango_font_description_get_family(got),
              String(cString: fam).caseInsensitiveCompare(family) == .orderedSame else { return false }
        return pango_font_has_char(font, 0x4E2D) != 0
    }

    static func installedFamilies() -> [String] {
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>? = nil
        var n: Int32 = 0
        pango_font_map_list_families(pango_cairo_font_map_get_default(), &families, &n)
        defer { g_free(families) }
        var names: [String] = []
        for i in 0..<Int(n) {
            if let f = families?[i], let name = pango_font_family_get_name(f) { names.append(String(cString: name)) }
        }
        return names.sorted()
    }

    /// Installed families that can draw Chinese (slow: loads each family; error path only).
    static func cjkFamilies(context: OpaquePointer) -> [String] {
        installedFamilies().filter { coversChinese($0, context: context) }
    }

    /// The installed spelling of the family to draw with.
    static func resolve(_ requested: String?) throws -> String {
        let key = requested ?? ""
        cacheLock.lock(); defer { cacheLock.unlock() }
        if let hit = resolvedFamilies[key] { return hit }
        let ctx = makeContext()
        defer { unref(ctx) }
        let installed = installedFamilies()
        func installedName(_ name: String) -> String? {
            installed.first { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        let found: String
        if let requested {
            guard let name = installedName(requested), coversChinese(name, context: ctx) else {
                throw ChartError.fontNotFound(requested, available: cjkFamilies(context: ctx))
            }
            found = name
        } else if let name = preferredCJKFamilies.lazy.compactMap(installedName).first(where: { coversChinese($0, context: ctx) }) {
            found = name
        } else if let any = installed.first(where: { coversChinese($0, context: ctx) }) {
            found = any
        } else {
            throw ChartError.noCJKFont
        }
        resolvedFamilies[key] = found
        return found
    }
}

/// Shared font descriptions for the styles in use, one set per family.
private final class FontDescriptions {
    let family: String
    private var cache: [TextStyle: OpaquePointer] = [:]
    init(family: String) { self.family = family }
    func get(_ style: TextStyle) -> OpaquePointer {
        if let d = cache[style] { return d }
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, family)
        pango_font_description_set_absolute_size(d, style.size * pangoScale)
        pango_font_description_set_weight(d, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        cache[style] = d
        return d
    }
    deinit { for d in cache.values { pango_font_description_free(d) } }
}

/// Measures text with Pango in the chart's font, caching every result.
public final class PangoTextMeasurer: TextMeasurer {
    /// The installed family in use.
    public let family: String
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private let fonts: FontDescriptions
    private var widths: [TextStyle: [String: Double]] = [:]
    private var heights: [TextStyle: Double] = [:]

    /// `font` nil picks Noto Sans CJK SC, else another installed CJK font. Throws
    /// `ChartError.fontNotFound` or `.noCJKFont`.
    public init(font: String? = nil) throws {
        family = try FontResolver.resolve(font)
        context = makeContext()
        layout = pango_layout_new(context)
        fonts = FontDescriptions(family: family)
    }
    deinit { unref(layout); unref(context) }

    private func size(_ text: String, _ style: TextStyle) -> (Double, Double) {
        pango_layout_set_font_description(layout, fonts.get(style))
        pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return (Double(w) / pangoScale, Double(h) / pangoScale)
    }

    /// Text is measured at one reference size and scaled: with hinting and glyph-position rounding
    /// off (see `makeContext`), advances are linear in the size, and FreeType then loads each glyph
    /// once instead of once for every size label fitting tries — most of a cold render's time.
    private static let referenceSize = 100.0

    private func reference(_ style: TextStyle) -> TextStyle {
        var r = style
        r.size = Self.referenceSize
        return r
    }

    public func width(of text: String, style: TextStyle) -> Double {
        let ref = reference(style)
        let w: Double
        if let cached = widths[ref]?[text] { w = cached } else {
            w = size(text, ref).0
            widths[ref, default: [:]][text] = w
        }
        return w * style.size / Self.referenceSize
    }

    public func lineHeight(_ style: TextStyle) -> Double {
        let ref = reference(style)
        let h: Double
        if let cached = heights[ref] { h = cached } else {
            h = size("国Ag", ref).1   // CJK plus Latin ascender/descender: the tallest line we draw
            heights[ref] = h
        }
        return h * style.size / Self.referenceSize
    }
}

/// A `Canvas` over a Cairo context, drawing text with Pango.
final class CairoCanvas: Canvas {
    private let cr: OpaquePointer
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private let fonts: FontDescriptions

    init(cr: OpaquePointer, family: String) {
        self.cr = cr
        context = makeContext()
        pango_cairo_update_context(cr, context)   // picks up the surface's transform (PNG scale)
        layout = pango_layout_new(context)
        fonts = FontDescriptions(family: family)
    }
    deinit { unref(layout); unref(context) }

    private func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }

    func fill(_ rect: Rect, color: Color) {
        setColor(color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }
    func stroke(_ rect: Rect, color: Color, width: Double) {
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
    }
    func line(from a: Point, to b: Point, color: Color, width: Double) {
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        cairo_move_to(cr, a.x, a.y)
        cairo_line_to(cr, b.x, b.y)
        cairo_stroke(cr)
    }
    func gradient(_ rect: Rect, stops: [Color]) {
        guard let first = stops.first else { return }
        guard stops.count > 1 else { fill(rect, color: first); return }
        let p = cairo_pattern_create_linear(rect.minX, 0, rect.maxX, 0)!
        for (i, c) in stops.enumerated() {
            cairo_pattern_add_color_stop_rgba(p, Double(i) / Double(stops.count - 1), c.r, c.g, c.b, c.a)
        }
        cairo_set_source(cr, p)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
        cairo_pattern_destroy(p)
    }
    func circle(center: Point, radius: Double, color: Color) {
        setColor(color)
        cairo_new_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_fill(cr)
    }
    func text(_ string: String, at origin: Point, style: TextStyle, color: Color) {
        setColor(color)
        pango_layout_set_font_description(layout, fonts.get(style))
        pango_layout_set_text(layout, string, -1)
        cairo_move_to(cr, origin.x, origin.y)
        pango_cairo_show_layout(cr, layout)
    }
}

/// Collects a surface's output stream in memory.
private final class ByteSink { var data = Data() }

private let writeToSink: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}

private func check(_ status: cairo_status_t, _ what: String) throws {
    guard status == CAIRO_STATUS_SUCCESS else {
        throw ChartError.cairo("\(what): \(String(cString: cairo_status_to_string(status)))")
    }
}

/// Draws `scene` onto a fresh Cairo surface of `format` and returns the file's bytes.
/// Output is deterministic: no dates, no pointer-dependent ids (checked by the tests).
func renderWithCairo(_ scene: Scene, format: OutputFormat, scale: Double, family: String, title: String) throws -> Data {
    try renderWithCairo(pages: [scene], format: format, scale: scale, family: family, title: title)
}

/// Several scenes as the pages of one PDF (PNG and SVG take the first page only).
func renderWithCairo(pages: [Scene], format: OutputFormat, scale: Double, family: String, title: String) throws -> Data {
    guard let scene = pages.first else { throw ChartError.invalidSpec("nothing to draw") }
    let sink = ByteSink()
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    let w = scene.size.width, h = scene.size.height
    let surface: OpaquePointer
    switch format {
    case .png:
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((w * scale).rounded()), Int32((h * scale).rounded()))
    case .svg:
        surface = cairo_svg_surface_create_for_stream(writeToSink, closure, w, h)
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
    case .pdf:
        surface = cairo_pdf_surface_create_for_stream(writeToSink, closure, w, h)
        // Cairo stamps the current time by default; a fixed date keeps the bytes reproducible.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "2000-01-01T00:00:00Z")
        if !title.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "yusuan")
    }
    defer { cairo_surface_destroy(surface) }
    try check(cairo_surface_status(surface), "creating the \(format.rawValue) surface")
    let cr = cairo_create(surface)!
    if format == .png { cairo_scale(cr, scale, scale) }
    do {
        let canvas = CairoCanvas(cr: cr, family: family)
        scene.draw(on: canvas)
        if format == .pdf {
            for page in pages.dropFirst() {
                cairo_show_page(cr)
                cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
                page.draw(on: canvas)
            }
        }
    }
    let drawStatus = cairo_status(cr)
    cairo_destroy(cr)
    try check(drawStatus, "drawing")
    if format == .png {
        cairo_surface_flush(surface)
        if let png = FastPNG.encode(surface) { return png }
        try check(cairo_surface_write_to_png_stream(surface, writeToSink, closure), "encoding PNG")
    } else {
        cairo_surface_finish(surface)   // writes the last page and closes the document
        try check(cairo_surface_status(surface), "finishing the \(format.rawValue) document")
    }
    return format == .svg ? renumberSurfaceIDs(sink.data) : sink.data
}

/// Cairo names SVG groups after a process-wide surface counter (`id="surface1499"`), so the
/// second chart of a run would differ from the first. Renumber them by first appearance.
private func renumberSurfaceIDs(_ data: Data) -> Data {
    let word = Array("surface".utf8)
    let bytes = [UInt8](data)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + 16)
    var mapping: [ArraySlice<UInt8>: [UInt8]] = [:]
    var i = 0
    while i < bytes.count {
        if bytes[i] == word[0], i + word.count < bytes.count, bytes[i..<(i + word.count)].elementsEqual(word) {
            var j = i + word.count
            while j < bytes.count, (0x30...0x39).contains(bytes[j]) { j += 1 }
            if j > i + word.count {
                let id = bytes[i..<j]
                let new = mapping[id] ?? {
                    let n = Array("surface\(mapping.count + 1)".utf8); mapping[id] = n; return n
                }()
                out += new
                i = j
                continue
            }
        }
        out.append(bytes[i]); i += 1
    }
    return Data(out)
}

/// PNG encoding of an RGB24 image surface, about three times faster than
/// `cairo_surface_write_to_png`: libpng's adaptive filtering and zlib level 6 were two thirds of
/// the time of a 1600×900 chart. Here every row uses the "Up" filter (flat chart areas become
/// zero runs) and zlib level 1. zlib is already loaded by Cairo's libpng; it is looked up at run
/// time because the CCairo module map exposes only Cairo and Pango. Returns nil (and the caller
/// falls back to Cairo's encoder) if zlib cannot be found.
private enum FastPNG {
    typealias Compress2 = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?,
                                          UnsafePointer<UInt8>?, UInt, Int32) -> Int32
    typealias CompressBound = @convention(c) (UInt) -> UInt
    typealias CRC32 = @convention(c) (UInt, UnsafePointer<UInt8>?, UInt32) -> UInt

    typealias DeflateInit2 = @convention(c) (UnsafeMutableRawPointer?, Int32, Int32, Int32, Int32, Int32,
                                             UnsafePointer<CChar>?, Int32) -> Int32
    typealias Deflate = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32
    typealias DeflateEnd = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias ZlibVersion = @convention(c) () -> UnsafePointer<CChar>?

    struct Zlib {
        let compress2: Compress2; let bound: CompressBound; let crc32: CRC32
        let deflateInit2: DeflateInit2?; let deflate: Deflate?; let deflateEnd: DeflateEnd?; let version: ZlibVersion?
    }
    static let zlib: Zlib? = {
        guard let h = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.so", RTLD_NOW),
              let c = dlsym(h, "compress2"), let b = dlsym(h, "compressBound"), let r = dlsym(h, "crc32") else { return nil }
        return Zlib(compress2: unsafeBitCast(c, to: Compress2.self), bound: unsafeBitCast(b, to: CompressBound.self),
                    crc32: unsafeBitCast(r, to: CRC32.self),
                    deflateInit2: dlsym(h, "deflateInit2_").map { unsafeBitCast($0, to: DeflateInit2.self) },
                    deflate: dlsym(h, "deflate").map { unsafeBitCast($0, to: Deflate.self) },
                    deflateEnd: dlsym(h, "deflateEnd").map { unsafeBitCast($0, to: DeflateEnd.self) },
                    version: dlsym(h, "zlibVersion").map { unsafeBitCast($0, to: ZlibVersion.self) })
    }()

    /// zlib's `z_stream` on LP64: next_in, avail_in, total_in, next_out, avail_out, total_out, msg,
    /// state, zalloc, zfree, opaque, data_type, adler, reserved.
    struct ZStream {
        var nextIn: UnsafeMutablePointer<UInt8>? = nil; var availIn: UInt32 = 0; var totalIn: UInt = 0
        var nextOut: UnsafeMutablePointer<UInt8>? = nil; var availOut: UInt32 = 0; var totalOut: UInt = 0
        var msg: UnsafePointer<CChar>? = nil; var state: OpaquePointer? = nil
        var zalloc: OpaquePointer? = nil; var zfree: OpaquePointer? = nil; var opaque: OpaquePointer? = nil
        var dataType: Int32 = 0; var adler: UInt = 0; var reserved: UInt = 0
    }

    /// Deflate with the Z_RLE strategy (matches at distance one only): charts are flat colour, so it
    /// compresses them almost as well as level 1 in a fraction of the time. nil when unavailable.
    static func deflateRLE(_ z: Zlib, _ input: inout [UInt8]) -> [UInt8]? {
        guard let initFn = z.deflateInit2, let deflateFn = z.deflate, let endFn = z.deflateEnd,
              let version = z.version?(), MemoryLayout<ZStream>.size == 112 else { return nil }
        var out = [UInt8](repeating: 0, count: Int(z.bound(UInt(input.count))) + 64)
        var strm = ZStream()
        let produced: Int? = input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                withUnsafeMutablePointer(to: &strm) { sp -> Int? in
                    // level 1, Z_DEFLATED, 15-bit window, memLevel 8, Z_RLE (3)
                    guard initFn(sp, 1, 8, 15, 8, 3, version, Int32(MemoryLayout<ZStream>.size)) == 0 else { return nil }
                    defer { _ = endFn(sp) }
                    sp.pointee.nextIn = src.baseAddress; sp.pointee.availIn = UInt32(src.count)
                    sp.pointee.nextOut = dst.baseAddress; sp.pointee.availOut = UInt32(dst.count)
                    guard deflateFn(sp, 4) == 1 else { return nil }   // Z_FINISH → Z_STREAM_END
                    return Int(sp.pointee.totalOut)
                }
            }
        }
        guard let produced else { return nil }
        out.removeSubrange(produced...)
        return out
    }

    static func encode(_ surface: OpaquePointer) -> Data? {
        guard let z = zlib, cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24,
              let pixels = cairo_image_surface_get_data(surface) else { return nil }
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let rowBytes = 1 + 3 * w
        var raw = [UInt8](repeating: 0, count: rowBytes * h)
        raw.withUnsafeMutableBufferPointer { out in
            var prev = [UInt8](repeating: 0, count: 3 * w)
            var cur = [UInt8](repeating: 0, count: 3 * w)
            for y in 0..<h {
                // Cairo's RGB24 is a native-endian 0x00RRGGBB word per pixel.
                let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<w {
                    let p = row[x]
                    cur[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
                    cur[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                    cur[3 * x + 2] = UInt8(truncatingIfNeeded: p)
                }
                let base = y * rowBytes
                out[base] = 2   // filter type Up
                for i in 0..<(3 * w) { out[base + 1 + i] = cur[i] &- prev[i] }
                swap(&prev, &cur)
            }
        }
        var compressed: [UInt8]
        var zlen: UInt
        if let rle = deflateRLE(z, &raw) {
            compressed = rle
            zlen = UInt(rle.count)
        } else {
            zlen = z.bound(UInt(raw.count))
            compressed = [UInt8](repeating: 0, count: Int(zlen))
            let status = compressed.withUnsafeMutableBufferPointer { dst in
                raw.withUnsafeBufferPointer { src in z.compress2(dst.baseAddress, &zlen, src.baseAddress, UInt(src.count), 1) }
            }
            guard status == 0 else { return nil }
        }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ body: ArraySlice<UInt8>) {
            let typed = Array(type.utf8) + body
            png.append(contentsOf: be32(body.count))
            png.append(contentsOf: typed)
            let crc = typed.withUnsafeBufferPointer { z.crc32(0, $0.baseAddress, UInt32($0.count)) }
            png.append(contentsOf: be32(Int(crc)))
        }
        // 8-bit truecolour, no interlace.
        chunk("IHDR", ArraySlice(be32(w) + be32(h) + [8, 2, 0, 0, 0]))
        chunk("IDAT", compressed[0..<Int(zlen)])
        chunk("IEND", [])
        return png
    }
}
