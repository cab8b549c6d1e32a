// Text measuring: the `TextMeasurer` layouts use, backed by Pango in the chart's font.
import CCairo
import YusuanCore

/// Measures text with Pango in the chart's font, caching every result.
public final class PangoTextMeasurer: TextMeasurer {
    /// The installed family in use.
    public let family: String
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private let fonts: FontDescriptions
    private var widths: [TextStyle: [NameKey: Double]] = [:]
    private var heights: [TextStyle: Double] = [:]

    /// `font` nil picks Noto Sans CJK SC, else another installed CJK font. Throws
    /// `ChartError.fontNotFound` or `.noCJKFont`.
    public init(font: String? = nil) throws {
        family = try FontResolver.resolve(font)
        context = makePangoContext()
        layout = pango_layout_new(context)
        fonts = FontDescriptions(family: family)
    }
    deinit { gUnref(layout); gUnref(context) }

    private func size(_ text: String, _ style: TextStyle) -> (Double, Double) {
        pango_layout_set_font_description(layout, fonts.get(style))
        pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return (Double(w) / pangoScale, Double(h) / pangoScale)
    }

    /// Text is measured at one reference size and scaled: with hinting and glyph-position rounding
    /// off (see `makePangoContext`), advances are linear in the size, and FreeType then loads each
    /// glyph once instead of once for every size label fitting tries — most of a cold render's time.
    private static let referenceSize = 100.0

    private func reference(_ style: TextStyle) -> TextStyle {
        var r = style
        r.size = Self.referenceSize
        return r
    }

    public func width(of text: String, style: TextStyle) -> Double {
        let ref = reference(style)
        let w: Double
        // By the label's bytes (`NameKey`): `String`'s hashing normalises every non-ASCII string, and
        // label fitting asks for the width of each candidate many times.
        let key = NameKey(text)
        if let cached = widths[ref]?[key] { w = cached } else {
            w = size(text, ref).0
            widths[ref, default: [:]][key] = w
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
