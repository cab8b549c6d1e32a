import Foundation
import YusuanCore
import YusuanPDF

/// Where findings stand on a PDF's pages: at the figure the message quotes first — a table's cell,
/// or the figure's own glyphs in a line of prose — else at the whole line the finding names.
public enum FindingMarks {
    static let minHeight = 10.0

    /// Whether `source` is the text a stored document with `contentHash` was read from (the hash
    /// ingest computes, over the same text).
    public static func isSource(_ source: SourceText, ofHash contentHash: String) -> Bool {
        TextDecoding.contentHash(SafeText.strippingControls(source.text).text) == contentHash
    }

    /// `note` writes a finding's margin text (the caller's language: this module has no catalogue).
    public static func marks(_ findings: [Diagnostic], source: SourceText, pdf: PDFFile? = nil,
                             note: (Diagnostic) -> String = { $0.message }) -> [AnnotationMark] {
        var out: [AnnotationMark] = []
        var glyphsOfPage: [Int: [Glyph]] = [:]
        for d in findings {
            guard d.line >= 1, d.line <= source.geometry.count, let g = source.geometry[d.line - 1] else { continue }
            let figures = quotedFigures(d.message)
            var box = g.box
            if let b = cellBox(figures, line: source.lines[d.line - 1], geometry: g) {
                box = b
            } else if let pdf {
                if glyphsOfPage[g.page] == nil { glyphsOfPage[g.page] = pdf.page(g.page - 1)?.glyphs() ?? [] }
                if let b = glyphBox(figures, in: glyphsOfPage[g.page]!, line: g.box) { box = b }
            }
            // Some fonts report glyph boxes a few points tall: a box is drawn at least text-high.
            if box.height < minHeight {
                box = Box(x0: box.x0, y0: box.midY - minHeight / 2, x1: box.x1, y1: box.midY + minHeight / 2)
            }
            out.append(AnnotationMark(page: g.page, box: box, number: out.count + 1, note: note(d), light: d.severity == .rounding))
        }
        return out
    }

    /// Figures the message quotes, in its order, without separators: those with a decimal point
    /// or a thousands comma (page and line numbers are neither).
    static func quotedFigures(_ message: String) -> [String] {
        var out: [String] = []
        var current = ""
        var marked = false
        for c in message + " " {
            if c.isASCIIDigit { current.append(c); continue }
            if (c == "." || c == ","), !current.isEmpty { marked = true; if c == "." { current.append(c) }; continue }
            if marked, current.count >= 2 { out.append(current.hasSuffix(".") ? String(current.dropLast()) : current) }
            current = ""; marked = false
        }
        return out
    }

    static func cellBox(_ figures: [String], line: String, geometry g: LineGeometry) -> Box? {
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard cells.count > 1 else { return nil }
        for f in figures {
            for (i, cell) in cells.enumerated() where i < g.cellBoxes.count {
                let v = cell.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
                if v == f, let b = g.cellBoxes[i] { return b }
            }
        }
        return nil
    }

    /// The glyphs of the first quoted figure printed within the line's box.
    static func glyphBox(_ figures: [String], in glyphs: [Glyph], line: Box) -> Box? {
        let row = glyphs.filter { $0.box.midY >= line.y0 && $0.box.midY <= line.y1 && $0.box.midX >= line.x0 - 1 && $0.box.midX <= line.x1 + 1 && $0.char != "," }
        let chars = row.map(\.char)
        for f in figures {
            let p = Array(f)
            guard p.count <= chars.count else { continue }
            for i in 0...(chars.count - p.count) where Array(chars[i..<(i + p.count)]) == p {
                // Not a piece of a longer number.
                if i > 0, chars[i - 1].isASCIIDigit || chars[i - 1] == "." { continue }
                if i + p.count < chars.count, chars[i + p.count].isASCIIDigit { continue }
                return row[i..<(i + p.count)].map(\.box).reduce(row[i].box) { $0.union($1) }
            }
        }
        return nil
    }
}
