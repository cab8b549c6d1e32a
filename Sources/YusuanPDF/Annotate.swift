import CCairo
import CGraphics
import Foundation

/// One finding drawn on a page: a red box around what it concerns, with its number.
public struct AnnotationMark: Sendable, Equatable {
    /// 1-based page.
    public var page: Int
    /// PDF points, y down, on the source page.
    public var box: Box
    public var number: Int
    /// The numbered message written in the page's margin.
    public var note: String
    /// A lesser finding (a rounding difference): drawn in a lighter colour.
    public var light: Bool
    public init(page: Int, box: Box, number: Int, note: String, light: Bool = false) {
        self.page = page; self.box = box; self.number = number; self.note = note; self.light = light
    }
}

/// A copy of a PDF with findings marked: each source page rendered by poppler into a Cairo PDF
/// surface (text stays text, so it stays selectable), widened by a right margin that lists the
/// page's numbered messages, each finding boxed in red. Same page count as the source;
/// byte-identical across runs (the creation date is fixed).
public enum PDFAnnotator {
    public static let margin = 220.0
    static let pad = 1.5

    /// Writes the annotated copy of `source` to `path`; returns the boxes as drawn (padded).
    @discardableResult
    public static func write(source: PDFFile, marks: [AnnotationMark], to path: String) throws -> [AnnotationMark] {
        try PDFDrawing.load()
        guard let first = source.page(0),
              let surface = gx.cairo_pdf_surface_create(path, first.width + margin, first.height) else { throw PDFError.damaged("cannot write \(path)") }
        defer { gx.cairo_surface_destroy(surface) }
        gx.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        gx.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "yusuan check --annotate")
        var drawn: [AnnotationMark] = []
        for i in 0..<source.pageCount {
            guard let page = source.page(i) else { continue }
            gx.cairo_pdf_surface_set_size(surface, page.width + margin, page.height)
            guard let cr = gx.cairo_create(surface) else { continue }
            page.render(into: cr)
            let here = marks.filter { $0.page == i + 1 }
            gx.cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            for m in here {
                let b = Box(x0: m.box.x0 - pad, y0: m.box.y0 - pad, x1: m.box.x1 + pad, y1: m.box.y1 + pad)
                setColour(cr, light: m.light)
                gx.cairo_set_line_width(cr, 1)
                gx.cairo_rectangle(cr, b.x0, b.y0, b.width, b.height)
                gx.cairo_stroke(cr)
                gx.cairo_set_font_size(cr, 7)
                gx.cairo_move_to(cr, b.x1 + 1, b.y0 + 6)
                gx.cairo_show_text(cr, String(m.number))
                drawn.append(AnnotationMark(page: m.page, box: b, number: m.number, note: m.note, light: m.light))
            }
            notes(here, in: cr, x: page.width + 8, width: margin - 16, height: page.height)
            gx.cairo_show_page(cr)
            gx.cairo_destroy(cr)
        }
        gx.cairo_surface_finish(surface)
        guard gx.cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw PDFError.damaged("cannot write \(path)") }
        return drawn
    }

    /// The page's messages in its margin, wrapped to `width`; what does not fit ends with "…".
    /// Red for a finding, a light orange for a rounding difference.
    static func setColour(_ cr: OpaquePointer, light: Bool) {
        if light { gx.cairo_set_source_rgb(cr, 0.95, 0.6, 0.2) } else { gx.cairo_set_source_rgb(cr, 0.85, 0, 0) }
    }

    static func notes(_ marks: [AnnotationMark], in cr: OpaquePointer, x: Double, width: Double, height: Double) {
        gx.cairo_set_font_size(cr, 6.5)
        var y = 24.0
        for m in marks {
            setColour(cr, light: m.light)
            for line in wrap("\(m.number). \(m.note)", cr: cr, width: width) {
                if y > height - 16 { gx.cairo_move_to(cr, x, y); gx.cairo_show_text(cr, "…"); return }
                gx.cairo_move_to(cr, x, y)
                gx.cairo_show_text(cr, line)
                y += 8.5
            }
            y += 3
        }
    }

    static func wrap(_ s: String, cr: OpaquePointer, width: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for c in s {
            var ext = cairo_text_extents_t()
            gx.cairo_text_extents(cr, current + String(c), &ext)
            if ext.x_advance > width && !current.isEmpty { lines.append(current); current = "" }
            current.append(c)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension PDFPage {
    /// The page rasterised at `scale` pixels per point as RGB triples (for tests of drawn marks).
    public func rgbPixels(scale: Double) -> (pixels: [UInt8], width: Int, height: Int) {
        raster(scale: scale, antialias: true) { data, stride, w, h in
            var out = [UInt8](repeating: 255, count: w * h * 3)
            for y in 0..<h {
                for x in 0..<w {
                    let px = data + y * stride + x * 4
                    out[(y * w + x) * 3] = px[2]; out[(y * w + x) * 3 + 1] = px[1]; out[(y * w + x) * 3 + 2] = px[0]
                }
            }
            return (out, w, h)
        } ?? ([], 0, 0)
    }
}
