// One line of text shaped as a one-line Pango layout shapes it, without the layout.
import CCairo
import CGraphics

/// A line of text as Pango's items, each shaped with its font: what a layout of one unwrapped line
/// holds, measured and drawn without one. A layout's extents ask each of its fonts for its metrics,
/// which Pango computes by shaping and measuring a sample text: forty-odd glyph outlines loaded
/// for every font and size a chart uses, two thirds of all the outlines a chart loaded.
final class ShapedLine {
    private let text: String
    /// The text as the items index it (UTF-8, NUL-terminated).
    private let bytes: [CChar]
    private var runs: [(item: UnsafeMutablePointer<PangoItem>, glyphs: UnsafeMutablePointer<PangoGlyphString>)] = []
    /// The sum of the glyphs' advances, in Pango units: the layout's width.
    private(set) var width = 0
    /// Whether every item runs left to right, so that the runs' logical order is their order on the
    /// line; a layout reorders right-to-left runs (bidi), which `draw` does not.
    private(set) var leftToRight = true

    /// Nil for text a layout treats otherwise: tabs (tab stops), line and paragraph breaks.
    /// `context` carries the font description to shape with.
    init?(_ text: String, context: OpaquePointer) {
        self.text = text
        let u = Array(text.utf8)
        for (i, b) in u.enumerated() where b < 0x20 || b == 0x7F
            || (b == 0xC2 && i + 1 < u.count && u[i + 1] == 0x85)
            || (b == 0xE2 && i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
            return nil
        }
        bytes = u.map { CChar(bitPattern: $0) } + [0]
        guard !u.isEmpty else { return }
        bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!, n = Int32(u.count)
            // As a layout does: its direction from the text, else the context's.
            var dir = gx.pango_find_base_dir(p, n)
            if dir == PANGO_DIRECTION_NEUTRAL { dir = gx.pango_context_get_base_dir(context) }
            let items = gx.pango_itemize_with_base_dir(context, dir, p, 0, n, nil, nil)
            defer { gx.g_list_free(items) }
            var node = items
            while let list = node {
                let item = list.pointee.data.assumingMemoryBound(to: PangoItem.self)
                if item.pointee.analysis.level % 2 == 1 { leftToRight = false }
                let glyphs = gx.pango_glyph_string_new()!
                gx.pango_shape_with_flags(p + Int(item.pointee.offset), item.pointee.length, p, n,
                                       &item.pointee.analysis, glyphs, PANGO_SHAPE_NONE)
                for g in 0..<Int(glyphs.pointee.num_glyphs) { width += Int(glyphs.pointee.glyphs[g].geometry.width) }
                runs.append((item, glyphs))
                node = list.pointee.next
            }
        }
    }

    deinit {
        for r in runs {
            gx.pango_glyph_string_free(r.glyphs)
            gx.pango_item_free(r.item)
        }
    }

    /// The line's logical ascent (its baseline below the top) and height, in Pango units, as a
    /// layout's line has them: the highest and lowest of its runs' logical extents, which come from
    /// the fonts' ascent and descent. Pango gives every glyph a font has the font's extents as its
    /// logical top and height (only the width is the glyph's), and so does the empty glyph, which
    /// is looked up without loading an outline; asking for each glyph (what
    /// `pango_glyph_string_extents` does) loaded every outline once for its metrics and again to
    /// draw it. Glyphs the font lacks (hex boxes) have extents of their own and are asked one by one.
    var ascentAndHeight: (ascent: Int, height: Int) {
        var top = 0, bottom = 0
        func include(_ r: PangoRectangle) { top = min(top, Int(r.y)); bottom = max(bottom, Int(r.y + r.height)) }
        for r in runs {
            let glyphs = r.glyphs.pointee, font = r.item.pointee.analysis.font
            var fontsOwn = false
            for g in 0..<Int(glyphs.num_glyphs) {
                let glyph = glyphs.glyphs[g].glyph
                if glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 { fontsOwn = true; continue }
                var logical = PangoRectangle()
                gx.pango_font_get_glyph_extents(font, glyph, nil, &logical)
                include(logical)
            }
            if fontsOwn {
                var logical = PangoRectangle()
                gx.pango_font_get_glyph_extents(font, Self.emptyGlyph, nil, &logical)
                include(logical)
            }
        }
        return (-top, bottom - top)
    }

    /// `PANGO_GLYPH_EMPTY` (a cast macro Swift does not import).
    private static let emptyGlyph: PangoGlyph = 0x0FFF_FFFF

    /// The line's width before each of its characters and at its end (Pango units, one more value
    /// than characters), when no glyph depends on its neighbours: every character one glyph of its
    /// own, not moved, as wide as the font's advance for it (no kerning, ligature or contextual
    /// form applied), and in one script: punctuation, digits and spaces take the script of the
    /// text around them, which a part may not have. A part of such a line, shaped alone, is as wide
    /// as the sum of its characters. Nil otherwise (and for characters of several scalars, and
    /// glyphs the font lacks).
    func contextFreeOffsets() -> [Int]? {
        guard leftToRight, let script = runs.first?.item.pointee.analysis.script,
              runs.allSatisfy({ $0.item.pointee.analysis.script == script }) else { return nil }
        var offsets = [0]
        offsets.reserveCapacity(bytes.count)
        var total = 0
        for r in runs {
            let item = r.item.pointee, g = r.glyphs.pointee
            guard g.num_glyphs == item.num_chars, let hb = gx.pango_font_get_hb_font(item.analysis.font) else { return nil }
            // The glyphs' clusters must be the item's characters one by one, in order.
            var byte = 0
            for i in 0..<Int(g.num_glyphs) {
                let info = g.glyphs[i], glyph = info.glyph
                guard g.log_clusters[i] == Int32(byte), info.geometry.x_offset == 0, info.geometry.y_offset == 0,
                      glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0,
                      Int(info.geometry.width) == Int(gx.hb_font_get_glyph_h_advance(hb, glyph)) else { return nil }
                total += Int(info.geometry.width)
                offsets.append(total)
                byte += Self.scalarLength(bytes[Int(item.offset) + byte])
            }
            guard byte == Int(item.length) else { return nil }
        }
        // One scalar a character: the offsets are the characters'.
        guard offsets.count == text.count + 1 else { return nil }
        return offsets
    }

    /// The length of the UTF-8 sequence a lead byte starts.
    private static func scalarLength(_ lead: CChar) -> Int {
        let b = UInt8(bitPattern: lead)
        return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }

    /// Draws the line with its top-left corner at `(x, y)`, glyph for glyph where a layout drawn there
    /// puts it (for a line that runs `leftToRight`), with its text for the surfaces that keep it
    /// (PDF, so that text can be searched and copied). A layout starts from the current point (which
    /// Cairo keeps in 1/256 device pixels) and adds its runs' offsets in floating point; moving the
    /// current point to each run would round each offset as well, and put some glyphs a pixel apart.
    /// So the origin is the rounded current point, as the layout's, and each run is drawn at the
    /// origin of a translated matrix (a translation does not change which Cairo font, and glyph
    /// cache, draws). `scale` scales the line about its origin (a line shaped at the reference size,
    /// drawn at another: Cairo then renders each glyph at the size it is drawn at).
    func draw(_ cr: OpaquePointer, x: Double, y: Double, scale: Double = 1) {
        let baseline = Double(ascentAndHeight.ascent) / pangoScale
        var advance = 0
        bytes.withUnsafeBufferPointer { text in
            for r in runs {
                enterTextFrame(cr, x: x, y: y, scale: scale)
                gx.cairo_translate(cr, Double(advance) / pangoScale, baseline)
                gx.cairo_new_path(cr)
                var glyphItem = PangoGlyphItem()
                glyphItem.item = r.item
                glyphItem.glyphs = r.glyphs
                gx.pango_cairo_show_glyph_item(cr, text.baseAddress, &glyphItem)
                gx.cairo_restore(cr)
                for g in 0..<Int(r.glyphs.pointee.num_glyphs) { advance += Int(r.glyphs.pointee.glyphs[g].geometry.width) }
            }
        }
    }
}

/// Saves `cr` and makes its user space a line of text's: the origin where Cairo keeps the current
/// point after moving to `(x, y)` (rounded to 1/256 device pixel, where a layout starts drawing),
/// scaled by `scale` about it. `ShapedLine.draw` and `CairoCanvas.show` (a layout) both draw in it,
/// so that they draw alike (`ShapedWidthTests`); `cairo_restore` leaves it.
func enterTextFrame(_ cr: OpaquePointer, x: Double, y: Double, scale: Double) {
    gx.cairo_move_to(cr, x, y)
    var qx = 0.0, qy = 0.0
    gx.cairo_get_current_point(cr, &qx, &qy)
    gx.cairo_save(cr)
    gx.cairo_translate(cr, qx, qy)
    gx.cairo_scale(cr, scale, scale)
}
