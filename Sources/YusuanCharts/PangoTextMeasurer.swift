// Text measuring: the `TextMeasurer` layouts use, backed by Pango in the chart's font.
import CCairo
import CGraphics
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
    private struct Prepared: Hashable { let style: TextStyle; let text: NameKey }
    /// Texts `prepareSplits` has seen, in the reference style.
    private var prepared: Set<Prepared> = []
    /// For each of them that no glyph of depends on its neighbours, the line's width before each of
    /// its tokens and at its end (Pango units): any run of whole tokens is as wide as its difference.
    private var tokenOffsets: [Prepared: (tokens: [String], offsets: [Int])] = [:]
    /// The last tokens `width(of:_:style:)` looked up, held (so that their storage cannot be reused
    /// for other tokens while it is compared by address), and what it found: wrapping asks for
    /// span after span of one array, and joining and comparing a long footnote's tokens for each
    /// cost more than the shaping the offsets saved.
    private var lastSpans: (tokens: [String], style: TextStyle, offsets: [Int]?)?

    /// `font` nil picks Noto Sans CJK SC, else another installed CJK font. Throws
    /// `ChartError.fontNotFound`, `.noCJKFont` or `.graphicsUnavailable`.
    public init(font: String? = nil) throws {
        try Graphics.load()
        family = try FontResolver.resolve(font)
        context = makePangoContext()
        layout = gx.pango_layout_new(context)!
        fonts = FontDescriptions(family: family)
    }
    deinit { gUnref(layout); gUnref(context) }

    private func size(_ text: String, _ style: TextStyle) -> (Double, Double) {
        gx.pango_layout_set_font_description(layout, fonts.get(style))
        gx.pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        gx.pango_layout_get_size(layout, &w, &h)
        return (Double(w) / pangoScale, Double(h) / pangoScale)
    }

    /// The width of one line of `text` as a layout gives it, from Pango's items and shaping alone
    /// (`ShapedLine`): the sum of the glyphs' advances, which is what a layout of one unwrapped line
    /// adds up. A layout also breaks the text into lines and asks cairo for every glyph's extents,
    /// loading its outline (CFF, for CJK fonts), which was most of the time of measuring a chart's
    /// labels. Nil for text a layout treats otherwise: tabs (tab stops), line and paragraph breaks.
    func shapedWidth(_ text: String, _ style: TextStyle) -> Double? {
        shaped(text, style).map { Double($0.width) / pangoScale }
    }

    func shaped(_ text: String, _ style: TextStyle) -> ShapedLine? {
        gx.pango_context_set_font_description(context, fonts.get(style))
        return ShapedLine(text, context: context)
    }

    /// The height a layout gives one line of `text` (what `ShapedLine.ascentAndHeight` must equal).
    func layoutHeight(_ text: String, _ style: TextStyle) -> Double { size(text, style).1 }

    /// The baseline of a layout's first line, below its top.
    func layoutBaseline(_ text: String, _ style: TextStyle) -> Double {
        _ = size(text, style)
        return Double(gx.pango_layout_get_baseline(layout)) / pangoScale
    }

    /// The width a layout gives (what `shapedWidth` must equal).
    func layoutWidth(_ text: String, _ style: TextStyle) -> Double { size(text, style).0 }

    private func reference(_ style: TextStyle) -> TextStyle { style.atReferenceSize }

    public func width(of text: String, style: TextStyle) -> Double {
        let ref = reference(style)
        let w: Double
        // By the label's bytes (`NameKey`): `String`'s hashing normalises every non-ASCII string, and
        // label fitting asks for the width of each candidate many times.
        let key = NameKey(text)
        if let cached = widths[ref]?[key] { w = cached } else {
            w = shapedWidth(text, ref) ?? size(text, ref).0
            widths[ref, default: [:]][key] = w
        }
        return w * style.size / TextStyle.referenceSize
    }

    /// The widths of the text before and after every break between `tokens`, from one shaping of
    /// the whole when no glyph of it depends on its neighbours (`ShapedLine.contextFreeOffsets`):
    /// wrapping a name into two lines measured each of its breaks by shaping both parts, most of
    /// the shaping a chart's layout did. Widths are those shaping each part gives (`ShapedWidthTests`).
    public func prepareSplits(_ tokens: [String], style: TextStyle) {
        guard tokens.count >= 2 else { return }
        let ref = reference(style)
        let full = tokens.joined()
        guard prepared.insert(Prepared(style: ref, text: NameKey(full))).inserted,
              let line = shaped(full, ref), let offsets = line.contextFreeOffsets() else { return }
        var cache = widths[ref, default: [:]]
        cache[NameKey(full)] = Double(line.width) / pangoScale
        // `contextFreeOffsets` holds one scalar a character: scalars count the characters, and the
        // suffix starts at the prefix's bytes (no walk over graphemes from the start at each break).
        var prefix = "", characters = 0, bytes = 0
        let utf8 = Array(full.utf8)
        var boundaries = [0]
        boundaries.reserveCapacity(tokens.count + 1)
        for (k, t) in tokens.enumerated() where k < tokens.count - 1 {
            prefix += t
            characters += t.unicodeScalars.count
            bytes += t.utf8.count
            boundaries.append(offsets[characters])
            cache[NameKey(prefix)] = Double(offsets[characters]) / pangoScale
            cache[NameKey(String(decoding: utf8[bytes...], as: UTF8.self))] = Double(offsets[offsets.count - 1] - offsets[characters]) / pangoScale
        }
        boundaries.append(offsets[offsets.count - 1])
        tokenOffsets[Prepared(style: ref, text: NameKey(full))] = (tokens, boundaries)
        lastSpans = nil
        widths[ref] = cache
    }

    /// A run of whole tokens of a text `prepareSplits` has seen: the difference of two of its
    /// offsets (`testTokenSpansAreAsWideAsShapedAlone`), computed as `width(of:style:)` computes a
    /// width from the reference size's, so that the two give the same number.
    public func width(of tokens: [String], _ range: Range<Int>, style: TextStyle) -> Double {
        guard tokens.count >= 2 else { return width(of: tokens[range].joined(), style: style) }
        let ref = reference(style)
        let offsets: [Int]?
        if let last = lastSpans, last.style == ref, Self.sameStorage(last.tokens, tokens) {
            offsets = last.offsets
        } else {
            // The same tokens, not only the same text: the offsets are at those tokens' boundaries.
            offsets = tokenOffsets[Prepared(style: ref, text: NameKey(tokens.joined()))].flatMap { $0.tokens == tokens ? $0.offsets : nil }
            lastSpans = (tokens, ref, offsets)
        }
        if let offsets {
            return Double(offsets[range.upperBound] - offsets[range.lowerBound]) / pangoScale * style.size / TextStyle.referenceSize
        }
        return width(of: tokens[range].joined(), style: style)
    }

    /// One array's storage (an array's elements cannot change while another array shares it).
    private static func sameStorage(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { p in b.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
    }

    public func lineHeight(_ style: TextStyle) -> Double {
        let ref = reference(style)
        let h: Double
        if let cached = heights[ref] { h = cached } else {
            // CJK plus Latin ascender/descender: the tallest line we draw. Shaped, not laid out: a
            // layout would make Pango compute the font's metrics from a sample text (see `ShapedLine`).
            let sample = "国Ag"
            h = shaped(sample, ref).map { Double($0.ascentAndHeight.height) / pangoScale } ?? size(sample, ref).1
            heights[ref] = h
        }
        return h * style.size / TextStyle.referenceSize
    }
}
