import Foundation
import CPDFAPI

/// A rectangle a page paints, filled or stroked, in painting order (see `YSPaint` in CPDFAPI).
struct Paint: Sendable, Equatable {
    var box: Box
    /// Darker than near-white; a light paint covers what is under it.
    var dark: Bool
}

/// A PDF read through poppler's core, one pass per page: glyphs and painted rectangles. Not shared
/// between threads: each reader opens its own.
final class ScannedPDF {
    private let api: YSPDFAPI
    private let doc: OpaquePointer
    /// The bytes poppler reads (not copied): kept as long as the document.
    private let bytes: PDFBytes
    let pageCount: Int

    init(bytes: PDFBytes) throws {
        var status: Int32 = 0
        api = try PDFLibrary.api()
        self.bytes = bytes
        let opened = api.document_open(bytes.base.assumingMemoryBound(to: CChar.self), bytes.count, &status)
        guard let opened else {
            throw status == Int32(YS_ENCRYPTED) ? PDFError.encrypted : PDFError.damaged("poppler cannot open it")
        }
        doc = opened
        pageCount = Int(api.document_page_count(doc))
    }

    deinit { api.document_close(doc) }

    /// Page `index` (0-based): its size, its non-blank glyphs in poppler's reading order, and what it paints.
    func page(_ index: Int) -> (width: Double, height: Double, glyphs: [Glyph], paints: [Paint])? {
        var page = YSPage()
        guard api.document_read_page(doc, Int32(index), &page) != 0 else { return nil }
        defer { api.page_free(&page) }
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(page.glyphCount)
        for i in 0..<page.glyphCount {
            let g = page.glyphs[i]
            guard let scalar = Unicode.Scalar(g.scalar), !scalar.properties.isWhitespace, scalar.value >= 0x20 else { continue }
            glyphs.append(Glyph(char: Character(scalar), box: Box(x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1)))
        }
        var paints: [Paint] = []
        paints.reserveCapacity(page.paintCount)
        for i in 0..<page.paintCount {
            let p = page.paints[i]
            paints.append(Paint(box: Box(x0: p.x0, y0: p.y0, x1: p.x1, y1: p.y1), dark: p.dark != 0))
        }
        return (page.width, page.height, glyphs, paints)
    }
}

extension RuleFinder {
    /// The rules a page's paints draw, as the raster of the page at `scale` pixels per point
    /// would show them, without drawing it: each paint covers the pixels whose centres it
    /// contains (at least the one under its middle, as hairlines are drawn), dark paints add ink
    /// and light ones cover it, in painting order; then the long runs of each pixel row and
    /// column are found as on a raster.
    static func find(paints: [Paint], width: Double, height: Double, scale: Double) -> [Rule] {
        let w = max(1, Int((width * scale).rounded(.up))), h = max(1, Int((height * scale).rounded(.up)))
        let minH = Int(24 * scale), minV = Int(12 * scale)
        // A shaded band (a header row filled grey) gives its edges along its length; across it,
        // where a raster shows one block of ink that swallows the rules crossing it, it is left
        // out, so that the column rules through a shaded header stay rules.
        let boxes = paints.map { p in
            (x: pixels(p.box.x0, p.box.x1, scale: scale, limit: w), y: pixels(p.box.y0, p.box.y1, scale: scale, limit: h),
             dark: p.dark,
             rows: !(p.dark && p.box.width > 4 && p.box.height > 3 * p.box.width),
             columns: !(p.dark && p.box.height > 4 && p.box.width > 3 * p.box.height))
        }
        // Only a pixel line that dark paints cover for at least a rule's length can hold a rule:
        // the others are not followed (most rows and columns of a page).
        var rowInk = [Int](repeating: 0, count: h + 1), columnInk = [Int](repeating: 0, count: w + 1)
        for b in boxes where b.dark && !b.x.isEmpty && !b.y.isEmpty {
            if b.rows { rowInk[b.y.lowerBound] += b.x.count; rowInk[b.y.upperBound] -= b.x.count }
            if b.columns { columnInk[b.x.lowerBound] += b.y.count; columnInk[b.x.upperBound] -= b.y.count }
        }
        func candidates(_ ink: [Int], _ minimum: Int) -> [Bool] {
            var sum = 0
            return ink.dropLast().map { sum += $0; return sum >= minimum }
        }
        let rowCandidates = candidates(rowInk, minH), columnCandidates = candidates(columnInk, minV)
        // What each candidate line is painted with, in order; resolved into runs once at the end.
        var rows: [[(Int, Int, Bool)]] = Array(repeating: [], count: h)
        var columns: [[(Int, Int, Bool)]] = Array(repeating: [], count: w)
        for b in boxes where !b.x.isEmpty && !b.y.isEmpty {
            if b.rows { for y in b.y where rowCandidates[y] { rows[y].append((b.x.lowerBound, b.x.upperBound, b.dark)) } }
            if b.columns { for x in b.x where columnCandidates[x] { columns[x].append((b.y.lowerBound, b.y.upperBound, b.dark)) } }
        }
        let rowRuns = rows.map { runs(of: $0, minimum: minH) }, columnRuns = columns.map { runs(of: $0, minimum: minV) }
        return lines(horizontal: true, rowRuns, scale: scale) + lines(horizontal: false, columnRuns, scale: scale)
    }

    /// The runs at least `minimum` long that the paints of one pixel line leave dark: sorted and
    /// joined where they touch, or, where something light is painted, replayed in painting order.
    static func runs(of paints: [(Int, Int, Bool)], minimum: Int) -> [(Int, Int)] {
        guard !paints.isEmpty else { return [] }
        var out: [(Int, Int)] = []
        if paints.allSatisfy(\.2) {
            for p in paints.sorted(by: { $0.0 < $1.0 }) {
                if let last = out.last, p.0 <= last.1 { out[out.count - 1].1 = max(last.1, p.1) } else { out.append((p.0, p.1)) }
            }
        } else {
            for p in paints { paint(&out, p.0, p.1, dark: p.2) }
        }
        out.removeAll { $0.1 - $0.0 < minimum }
        return out
    }

    /// The pixels from `a` to `b` points covers: those whose centres lie inside, or the one under
    /// its middle when it is thinner than that.
    static func pixels(_ a: Double, _ b: Double, scale: Double, limit: Int) -> Range<Int> {
        let first = Int((a * scale - 0.5).rounded(.up)), end = Int((b * scale - 0.5).rounded(.up))
        var r = first..<max(first, end)
        if r.isEmpty {
            let mid = Int(((a + b) / 2 * scale).rounded(.down))
            r = mid..<(mid + 1)
        }
        return r.clamped(to: 0..<limit)
    }

    /// Adds the run `a..<b` to the sorted, disjoint runs of one pixel line (joining those it
    /// touches), or takes it out of them.
    static func paint(_ runs: inout [(Int, Int)], _ a: Int, _ b: Int, dark: Bool) {
        if runs.isEmpty { if dark { runs.append((a, b)) }; return }
        var out: [(Int, Int)] = []
        out.reserveCapacity(runs.count + 1)
        var lo = a, hi = b
        for r in runs {
            if r.1 < a || r.0 > b || (!dark && (r.1 <= a || r.0 >= b)) {
                out.append(r)
            } else if dark {
                lo = min(lo, r.0); hi = max(hi, r.1)
            } else {
                if r.0 < a { out.append((r.0, a)) }
                if r.1 > b { out.append((b, r.1)) }
            }
        }
        if dark { out.append((lo, hi)); out.sort { $0.0 < $1.0 } }
        runs = out
    }
}

extension Box {
    var isEmpty: Bool { x1 <= x0 || y1 <= y0 }
}
