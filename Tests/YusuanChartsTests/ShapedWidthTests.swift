import CCairo
import Foundation
import XCTest
@testable import YusuanCharts
import YusuanTestSupport

/// Labels are measured from Pango's items and shaping alone (`shapedWidth`), not through a layout:
/// the widths must be the layout's to the Pango unit, or a label would fit, wrap or shorten
/// differently. Every cell of the four samples (item names, codes, amounts, titles), in the two
/// weights, and text that mixes scripts, widths, punctuation and spaces.
final class ShapedWidthTests: XCTestCase {
    /// Every cell of the four samples and text that mixes scripts, widths, punctuation and spaces.
    static func labels() throws -> [String] {
        var texts: Set<String> = ["", " ", "  两个空格  ", "GDP增长 3.5%", "AVATAR To Wa", "ﬁ office fi", "（一）一般公共服务",
                                  "“三公”经费", "‘引号’ 'quote'", "Ａｂｃ１２３", "合计 884.01 万元 • 91.0%", "较上年 -2.8%",
                                  "2010101\u{3000}行政运行", "…", "政府办公厅（室）及相关机构事务…", "٣ عربى", "עברית abc",
                                  "😀 无字形", "e\u{301} 组合", "a\u{200B}b", "上海普陀区 · 普陀区"]
        for file in Repo.sampleNames {
            let text = try String(contentsOf: Repo.sample(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                for cell in line.split(separator: "\t") { texts.insert(String(cell)) }
            }
        }
        return texts.sorted()
    }

    func testEveryLabelIsAsWideAsItsLayout() throws {
        let m = try PangoTextMeasurer()
        let texts = try Self.labels()
        XCTAssertGreaterThan(texts.count, 1000)
        var compared = 0
        for t in texts {
            for style in [TextStyle(size: 100), TextStyle(size: 100, weight: .bold), TextStyle(size: 13)] {
                guard let shaped = m.shapedWidth(t, style) else { continue }
                XCTAssertEqual(shaped, m.layoutWidth(t, style), "“\(t)” \(style)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 3000)
        // What a layout treats otherwise is measured by the layout.
        for t in ["a\tb", "两行\n文字", "a\rb", "a\u{2028}b", "a\u{85}b"] {
            XCTAssertNil(m.shapedWidth(t, TextStyle(size: 100)), t)
        }
        XCTAssertEqual(m.width(of: "一\t二", style: TextStyle(size: 100)), m.layoutWidth("一\t二", TextStyle(size: 100)))
    }

    /// A shaped line is as high as its layout and has its baseline where the layout's first line has
    /// it (what `lineHeight` and drawing without a layout rely on).
    func testEveryLineIsAsHighAsItsLayout() throws {
        let m = try PangoTextMeasurer()
        var compared = 0
        for t in try Self.labels() {
            for style in [TextStyle(size: 100), TextStyle(size: 100, weight: .bold), TextStyle(size: 13)] {
                guard let line = m.shaped(t, style), !t.isEmpty else { continue }
                let (ascent, height) = line.ascentAndHeight
                XCTAssertEqual(Double(height) / pangoScale, m.layoutHeight(t, style), "“\(t)” \(style)")
                XCTAssertEqual(Double(ascent) / pangoScale, m.layoutBaseline(t, style), "“\(t)” \(style)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 3000)
        XCTAssertEqual(m.lineHeight(TextStyle(size: 100)), m.layoutHeight("国Ag", TextStyle(size: 100)))
    }

    /// The canvas draws a line of text without a layout, pixel for pixel where the layout draws it:
    /// at twice the size (a PNG's scale) from fractional positions, in both weights, each shaped at
    /// the reference size and scaled to its own (as the canvas draws every text).
    func testShapedLinesDrawWhereTheirLayoutsDo() throws {
        let family = try FontResolver.resolve(nil)
        // A sixth of the cells, and every mixed text (right-to-left runs are drawn through a layout).
        let texts = Set(try Self.labels().enumerated().filter { $0.offset % 6 == 0 }.map(\.element))
            .union(["עברית abc", "٣ عربى", "😀 无字形", "e\u{301} 组合", "GDP增长 3.5%", "ﬁ office fi", "上海普陀区 · 普陀区"]).sorted()
        XCTAssertGreaterThan(texts.count, 150)
        let w: Int32 = 1400, h: Int32 = 80
        func pixels(_ text: String, _ style: TextStyle, viaLayout: Bool, atOwnSize: Bool = false) -> [UInt8] {
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
            let cr = cairo_create(surface)!
            defer { cairo_destroy(cr); cairo_surface_destroy(surface) }
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, 2, 2)
            let origin = Point(x: 3.37, y: 5.71)
            if atOwnSize {
                // A layout in the style's own size, drawn where it stands: what scaling must look like.
                let ctx = makePangoContext()
                pango_cairo_update_context(cr, ctx)
                let layout = pango_layout_new(ctx)
                let fonts = FontDescriptions(family: family)
                pango_layout_set_font_description(layout, fonts.get(style))
                pango_layout_set_text(layout, text, -1)
                cairo_set_source_rgba(cr, 0.1, 0.2, 0.3, 1)
                cairo_move_to(cr, origin.x, origin.y)
                pango_cairo_show_layout(cr, layout)
                gUnref(layout); gUnref(ctx)
            } else if viaLayout {
                let ctx = makePangoContext()
                pango_cairo_update_context(cr, ctx)
                let layout = pango_layout_new(ctx)
                let fonts = FontDescriptions(family: family)
                pango_layout_set_font_description(layout, fonts.get(style.atReferenceSize))
                pango_layout_set_text(layout, text, -1)
                cairo_set_source_rgba(cr, 0.1, 0.2, 0.3, 1)
                CairoCanvas.show(layout!, cr, x: origin.x, y: origin.y, scale: style.scaleFromReference)
                gUnref(layout); gUnref(ctx)
            } else {
                CairoCanvas(cr: cr, family: family).text(text, at: origin, style: style, color: Color(r: 0.1, g: 0.2, b: 0.3, a: 1))
            }
            cairo_surface_flush(surface)
            let data = cairo_image_surface_get_data(surface)!
            return Array(UnsafeBufferPointer(start: data, count: Int(cairo_image_surface_get_stride(surface) * h)))
        }
        /// The inked rows and columns (any channel not white).
        func ink(_ p: [UInt8]) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
            let stride = p.count / Int(h)
            var rows: ClosedRange<Int>?, columns: ClosedRange<Int>?
            for y in 0..<Int(h) {
                for x in 0..<Int(w) where p[y * stride + 4 * x] != 0xFF || p[y * stride + 4 * x + 1] != 0xFF || p[y * stride + 4 * x + 2] != 0xFF {
                    rows = min(rows?.lowerBound ?? y, y)...max(rows?.upperBound ?? y, y)
                    columns = min(columns?.lowerBound ?? x, x)...max(columns?.upperBound ?? x, x)
                }
            }
            return rows.flatMap { r in columns.map { (r, $0) } }
        }
        var inked = 0
        for t in texts {
            for style in [TextStyle(size: 13), TextStyle(size: 17.5, weight: .bold)] {
                let shaped = pixels(t, style, viaLayout: false)
                XCTAssertTrue(shaped == pixels(t, style, viaLayout: true), "“\(t)” \(style)")
                guard let drawn = ink(shaped) else { continue }
                inked += 1
                // Scaled from the reference size, the text covers what it covers in its own size,
                // to the pixel (glyph positions differ by fractions of a Pango unit).
                let own = try XCTUnwrap(ink(pixels(t, style, viaLayout: true, atOwnSize: true)), t)
                for (a, b) in [(drawn.rows.lowerBound, own.rows.lowerBound), (drawn.rows.upperBound, own.rows.upperBound),
                               (drawn.columns.lowerBound, own.columns.lowerBound), (drawn.columns.upperBound, own.columns.upperBound)] {
                    XCTAssertLessThanOrEqual(abs(a - b), 1, "“\(t)” \(style): \(drawn) against \(own)")
                }
            }
        }
        XCTAssertGreaterThan(inked, 300)
    }

    /// Every run of whole tokens inside a context-free line (not only its prefixes and suffixes) is as
    /// wide shaped alone as the offsets say: what `width(of:_:style:)` answers for the lines wrapping
    /// tries, a footnote's second and later lines among them (spans of digits and CJK punctuation
    /// alone, which take no script from the text around them, included).
    func testTokenSpansAreAsWideAsShapedAlone() throws {
        let m = try PangoTextMeasurer()
        let notes = ["单位：万元。资料来源：《重庆经济技术开发区管理委员会2025年部门预算》。图中未标注的小项：行政事业单位医疗 405.86、自然资源海洋气象等支出 412.23、自然资源事务 412.23、住房保障支出 308.43、住房改革支出 308.43。",
                     "注：2024 年决算数 1,234.56 万元，较上年 -2.8%（“三公”经费 12.50 → 6.00）。"]
        var spans = 0
        for (k, t) in (try Self.labels() + notes).enumerated() where k % 4 == 0 || notes.contains(t) {
            let toks = TextFitter.tokens(t)
            guard toks.count >= 3 else { continue }
            for style in [TextStyle(size: 100), TextStyle(size: 100, weight: .bold)] {
                guard m.shaped(t, style)?.contextFreeOffsets() != nil else { continue }
                m.prepareSplits(toks, style: style)
                let step = max(1, toks.count / 12)
                for i in stride(from: 1, to: toks.count - 1, by: step) {
                    for j in stride(from: i + 1, to: toks.count, by: step) {
                        let part = toks[i..<j].joined()
                        XCTAssertEqual(m.width(of: toks, i..<j, style: style), m.shapedWidth(part, style), "“\(t)” [\(i), \(j)): “\(part)”")
                        spans += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(spans, 3000)
    }

    /// Where no glyph of a line depends on its neighbours (`contextFreeOffsets`), every part of it
    /// (each prefix and suffix at every character) is as wide shaped alone as the offsets say: what
    /// `prepareSplits` fills the cache with instead of shaping each part. And where a glyph does
    /// depend on them (kerning, ligatures, combining marks), there are no offsets.
    func testContextFreeWidthsAreThoseOfTheParts() throws {
        let m = try PangoTextMeasurer()
        var lines = 0, parts = 0
        for t in try Self.labels() where t.count >= 2 {
            for style in [TextStyle(size: 100), TextStyle(size: 100, weight: .bold)] {
                guard let offsets = m.shaped(t, style)?.contextFreeOffsets() else { continue }
                lines += 1
                let chars = Array(t)
                XCTAssertEqual(offsets.count, chars.count + 1, t)
                for k in 1..<chars.count {
                    XCTAssertEqual(Double(offsets[k]) / pangoScale, m.shapedWidth(String(chars[..<k]), style), "“\(t)” before \(k)")
                    XCTAssertEqual(Double(offsets[chars.count] - offsets[k]) / pangoScale, m.shapedWidth(String(chars[k...]), style),
                                   "“\(t)” after \(k)")
                    parts += 2
                }
            }
        }
        XCTAssertGreaterThan(lines, 1000)
        XCTAssertGreaterThan(parts, 20000)
        for t in ["AVATAR To Wa", "ﬁ office fi", "e\u{301} 组合", "😀 无字形", "עברית abc"] {
            XCTAssertNil(m.shaped(t, TextStyle(size: 100))?.contextFreeOffsets(), t)
        }
        // Wrapping with the splits prepared measures what it measures without.
        let plain = try PangoTextMeasurer()
        for t in try Self.labels() where t.count >= 4 {
            let style = TextStyle(size: 13)
            XCTAssertEqual(TextFitter.wrap(t, maxWidth: 60, maxLines: 2, style: style, measurer: m)?.widths,
                           TextFitter.wrap(t, maxWidth: 60, maxLines: 2, style: style, measurer: UnpreparedMeasurer(plain))?.widths, t)
        }
    }
}

/// A measurer that ignores `prepareSplits`: every width shaped.
private final class UnpreparedMeasurer: TextMeasurer {
    let inner: PangoTextMeasurer
    init(_ inner: PangoTextMeasurer) { self.inner = inner }
    func width(of text: String, style: TextStyle) -> Double { inner.width(of: text, style: style) }
    func lineHeight(_ style: TextStyle) -> Double { inner.lineHeight(style) }
}
