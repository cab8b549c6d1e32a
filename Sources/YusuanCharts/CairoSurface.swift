// Surface writing: a scene drawn onto a Cairo image, SVG or PDF surface and returned as the
// file's bytes.
import CCairo
import CGraphics
import Foundation
#if os(Linux)
import Glibc
#endif

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
        throw ChartError.cairo("\(what): \(String(cString: gx.cairo_status_to_string(status)!))")
    }
}

/// Draws `scene` onto a fresh Cairo surface of `format` and returns the file's bytes.
/// Output is deterministic: no dates, no pointer-dependent ids (checked by the tests).
func renderWithCairo(_ scene: Scene, format: OutputFormat, scale: Double, family: String, title: String,
                     inBands: Bool = true) throws -> Data {
    try renderWithCairo(pages: [scene], format: format, scale: scale, family: family, title: title, inBands: inBands)
}

/// Several scenes as the pages of one PDF (PNG and SVG take the first page only). `inBands`: a PNG
/// drawn in two halves at once (`drawInHalves`); false draws it on one surface (the tests' reference).
func renderWithCairo(pages: [Scene], format: OutputFormat, scale: Double, family: String, title: String,
                     inBands: Bool = true) throws -> Data {
    guard let scene = pages.first else { throw ChartError.invalidSpec("nothing to draw") }
    try Graphics.load()
    let sink = ByteSink()
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    let w = scene.size.width, h = scene.size.height
    let surface: OpaquePointer
    var pixels: PixelBuffer?
    defer { pixels?.free() }   // after the surface is destroyed (deferred below, so run first)
    switch format {
    case .png:
        pixels = PixelBuffer(width: Int((w * scale).rounded()), height: Int((h * scale).rounded()))
        surface = pixels.map { gx.cairo_image_surface_create_for_data($0.base, CAIRO_FORMAT_RGB24, Int32($0.width), Int32($0.height), Int32($0.stride))! }
            ?? gx.cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((w * scale).rounded()), Int32((h * scale).rounded()))!
    case .svg:
        surface = gx.cairo_svg_surface_create_for_stream(writeToSink, closure, w, h)!
        gx.cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
    case .pdf:
        surface = gx.cairo_pdf_surface_create_for_stream(writeToSink, closure, w, h)!
        // Cairo stamps the current time by default; a fixed date keeps the bytes reproducible.
        gx.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        gx.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "2000-01-01T00:00:00Z")
        if !title.isEmpty { gx.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        gx.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "yusuan")
    }
    defer { gx.cairo_surface_destroy(surface) }
    try check(gx.cairo_surface_status(surface), "creating the \(format.rawValue) surface")
    if format == .png, inBands, let pixels, pixels.height >= 64 {
        try drawInHalves(scene, pixels, scale: scale, family: family)
        gx.cairo_surface_mark_dirty(surface)
        if let png = PNGEncoder.encode(surface) { return png }
        try check(gx.cairo_surface_write_to_png_stream(surface, writeToSink, closure), "encoding PNG")
        return sink.data
    }
    let cr = gx.cairo_create(surface)!
    if format == .png { gx.cairo_scale(cr, scale, scale) }
    do {
        let canvas = CairoCanvas(cr: cr, family: family)
        scene.draw(on: canvas)
        if format == .pdf {
            for page in pages.dropFirst() {
                gx.cairo_show_page(cr)
                gx.cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
                page.draw(on: canvas)
            }
        }
    }
    let drawStatus = gx.cairo_status(cr)
    gx.cairo_destroy(cr)
    try check(drawStatus, "drawing")
    if format == .png {
        gx.cairo_surface_flush(surface)
        if let png = PNGEncoder.encode(surface) { return png }
        try check(gx.cairo_surface_write_to_png_stream(surface, writeToSink, closure), "encoding PNG")
    } else {
        gx.cairo_surface_finish(surface)   // writes the last page and closes the document
        try check(gx.cairo_surface_status(surface), "finishing the \(format.rawValue) document")
    }
    return format == .svg ? renumberSurfaceIDs(sink.data) : sink.data
}

/// Draws `scene` into the top and bottom halves of `pixels` at once, on two threads: each half its
/// own Cairo surface over its rows (so neither writes where the other does), the whole scene drawn
/// onto each with the text that falls outside skipped. Rasterising is local to a pixel and the
/// halves meet on a whole device row, so the image is the one a single surface gives, byte for
/// byte. The gain is small (docs/PERFORMANCE.md, fifth session): most of the drawing is FreeType
/// loading and rasterising glyphs, which Cairo does one at a time per face.
private func drawInHalves(_ scene: Scene, _ pixels: PixelBuffer, scale: Double, family: String) throws {
    let split = pixels.height / 2
    let bands = [0..<split, split..<pixels.height]
    var statuses = [cairo_status_t](repeating: CAIRO_STATUS_SUCCESS, count: bands.count)
    statuses.withUnsafeMutableBufferPointer { out in
        nonisolated(unsafe) let out = out, base = pixels.base
        let width = pixels.width, stride = pixels.stride
        DispatchQueue.concurrentPerform(iterations: bands.count) { i in
            let rows = bands[i]
            let band = gx.cairo_image_surface_create_for_data(base + rows.lowerBound * stride, CAIRO_FORMAT_RGB24,
                                                           Int32(width), Int32(rows.count), Int32(stride))!
            let cr = gx.cairo_create(band)!
            gx.cairo_translate(cr, 0, -Double(rows.lowerBound))
            gx.cairo_scale(cr, scale, scale)
            // A Pango context per thread: Pango's font maps are (its default one is per thread).
            scene.draw(on: CairoCanvas(cr: cr, family: family, skipsTextOutside: true))
            out[i] = gx.cairo_status(cr)
            gx.cairo_destroy(cr)
            gx.cairo_surface_flush(band)
            gx.cairo_surface_destroy(band)
        }
    }
    for status in statuses { try check(status, "drawing") }
}

/// The pixels of a PNG surface, mapped with transparent huge pages where the kernel offers them
/// (`madvise`): a 1600×900 image is 1,400 page faults in 4 KiB pages, 3 in 2 MiB ones. Fresh
/// anonymous memory is zeros, as Cairo's own image surfaces start.
private struct PixelBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let width: Int, height: Int, stride: Int
    private let mapping: UnsafeMutableRawPointer, length: Int
    private static let huge = 2 << 20

    init?(width: Int, height: Int) {
        #if !os(Linux)
        return nil   // Cairo's own allocation
        #else
        let stride = Int(gx.cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, Int32(width)))
        guard width > 0, height > 0, stride > 0 else { return nil }
        // Whole huge pages: the kernel backs only a 2 MiB range that lies entirely in the advised
        // one, so a last partial range would be faulted 4 KiB at a time (440 faults at 1600×900).
        let pages = (stride * height + Self.huge - 1) / Self.huge * Self.huge
        let length = pages + Self.huge
        guard let m = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), m != MAP_FAILED else { return nil }
        let aligned = (Int(bitPattern: m) + Self.huge - 1) & ~(Self.huge - 1)
        _ = madvise(UnsafeMutableRawPointer(bitPattern: aligned), pages, MADV_HUGEPAGE)
        base = UnsafeMutablePointer(bitPattern: aligned)!
        self.width = width; self.height = height; self.stride = stride
        mapping = m; self.length = length
        #endif
    }

    func free() { munmap(mapping, length) }
}
