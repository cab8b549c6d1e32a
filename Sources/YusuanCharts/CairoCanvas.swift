// The canvas: `Canvas` drawing calls as Cairo paths, text laid out by Pango.
import CCairo
import CGraphics

/// A `Canvas` over a Cairo context, drawing text with Pango.
final class CairoCanvas: Canvas {
    private let cr: OpaquePointer
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private let fonts: FontDescriptions
    /// With `skipsTextOutside`, the user-space rows the surface shows: text entirely above or below
    /// them is not shaped (a band of an image drawn on two threads, see `drawInHalves`).
    private let visibleRows: ClosedRange<Double>?

    init(cr: OpaquePointer, family: String, skipsTextOutside: Bool = false) {
        self.cr = cr
        context = makePangoContext()
        gx.pango_cairo_update_context(cr, context)   // picks up the surface's transform (PNG scale)
        layout = gx.pango_layout_new(context)!
        fonts = FontDescriptions(family: family)
        if skipsTextOutside {
            var x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0
            gx.cairo_clip_extents(cr, &x1, &y1, &x2, &y2)
            visibleRows = y1...y2
        } else {
            visibleRows = nil
        }
    }
    deinit { gUnref(layout); gUnref(context) }

    private func setColor(_ c: Color) { gx.cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }

    func fill(_ rect: Rect, color: Color) {
        setColor(color)
        gx.cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        gx.cairo_fill(cr)
    }
    func stroke(_ rect: Rect, color: Color, width: Double) {
        setColor(color)
        gx.cairo_set_line_width(cr, width)
        gx.cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        gx.cairo_stroke(cr)
    }
    func line(from a: Point, to b: Point, color: Color, width: Double) {
        setColor(color)
        gx.cairo_set_line_width(cr, width)
        gx.cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        gx.cairo_move_to(cr, a.x, a.y)
        gx.cairo_line_to(cr, b.x, b.y)
        gx.cairo_stroke(cr)
    }
    func gradient(_ rect: Rect, stops: [Color]) {
        guard let first = stops.first else { return }
        guard stops.count > 1 else { fill(rect, color: first); return }
        let p = gx.cairo_pattern_create_linear(rect.minX, 0, rect.maxX, 0)!
        for (i, c) in stops.enumerated() {
            gx.cairo_pattern_add_color_stop_rgba(p, Double(i) / Double(stops.count - 1), c.r, c.g, c.b, c.a)
        }
        gx.cairo_set_source(cr, p)
        gx.cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        gx.cairo_fill(cr)
        gx.cairo_pattern_destroy(p)
    }
    func circle(center: Point, radius: Double, color: Color) {
        setColor(color)
        gx.cairo_new_path(cr)
        gx.cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
        gx.cairo_fill(cr)
    }
    /// A line of text as a layout would draw it, shaped and drawn without one (see `ShapedLine`);
    /// through a layout only what a layout treats otherwise (tabs, line breaks, right-to-left runs).
    /// Both at the reference size, scaled to the style's (`TextStyle.referenceSize`).
    func text(_ string: String, at origin: Point, style: TextStyle, color: Color) {
        // A line's glyphs lie within two sizes below its top (Noto CJK's line is 1.45 em) and
        // accents a size above it: a generous bound, text it excludes has no pixel on the surface.
        if let rows = visibleRows, origin.y + 2 * style.size < rows.lowerBound || origin.y - style.size > rows.upperBound { return }
        setColor(color)
        let font = fonts.get(style.atReferenceSize)
        gx.pango_context_set_font_description(context, font)
        if let line = ShapedLine(string, context: context), line.leftToRight {
            line.draw(cr, x: origin.x, y: origin.y, scale: style.scaleFromReference)
            return
        }
        gx.pango_layout_set_font_description(layout, font)
        gx.pango_layout_set_text(layout, string, -1)
        Self.show(layout, cr, x: origin.x, y: origin.y, scale: style.scaleFromReference)
    }

    /// Draws `layout` with its top-left corner at `(x, y)`, scaled by `scale` about that corner, in
    /// the frame `ShapedLine.draw` draws in (`enterTextFrame`).
    static func show(_ layout: OpaquePointer, _ cr: OpaquePointer, x: Double, y: Double, scale: Double) {
        enterTextFrame(cr, x: x, y: y, scale: scale)
        gx.cairo_move_to(cr, 0, 0)
        gx.pango_cairo_show_layout(cr, layout)
        gx.cairo_restore(cr)
    }
}
