import Foundation
import CPoppler

/// Where one reconstructed line stands on its page.
public struct LineGeometry: Sendable, Equatable {
    /// 1-based page.
    public var page: Int
    public var box: Box
    public var cellBoxes: [Box?]
}

/// A PDF as text: its tables as tab-separated lines (like the text samples), its prose as lines,
/// page after page, with the page and position of every line.
public struct ReconstructedText: Sendable {
    public var lines: [String]
    /// For each line, where it stands (nil for the blank line between pages).
    public var geometry: [LineGeometry?]
    /// `pageStarts[i]`: the 1-based line on which page i + 1 begins.
    public var pageStarts: [Int]
    public var pageCount: Int
    /// Pages that show pictures but hold no text (scanned pages): nothing on them can be read.
    public var imageOnlyPages: [Int]
    /// The page size of each page, in points.
    public var pageSizes: [(width: Double, height: Double)]
    public var text: String { lines.joined(separator: "\n") }
}

public enum PDFText {
    /// Whether bytes are a PDF.
    public static func isPDF(_ data: Data) -> Bool {
        data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil
    }

    /// Reads every page: glyphs, and for pages that seem to hold a table, their ruling lines.
    public static func read(data: Data) throws -> ReconstructedText {
        let file = try PDFFile(data: data)
        var out = ReconstructedText(lines: [], geometry: [], pageStarts: [], pageCount: file.pageCount,
                                    imageOnlyPages: [], pageSizes: [])
        var carry: [Span]?
        for index in 0..<file.pageCount {
            guard let page = file.page(index) else { throw PDFError.damaged("page \(index + 1) cannot be read") }
            out.pageSizes.append((page.width, page.height))
            if index > 0 {
                out.lines.append("")
                out.geometry.append(nil)
            }
            out.pageStarts.append(out.lines.count + 1)
            let glyphs = page.glyphs()
            if glyphs.isEmpty {
                if page.hasImages { out.imageOnlyPages.append(index + 1) }
                continue
            }
            // Rendering costs more than the text: only pages with figures are searched for rules.
            var tables: [RuledTable] = []
            if glyphs.lazy.filter({ $0.char.isNumber }).count >= 6 {
                let scale = 1.5
                let raster = page.greyPixels(scale: scale)
                let rules = RuleFinder.find(grey: raster.pixels, width: raster.width, height: raster.height, scale: scale)
                tables = RuledTable.find(rules)
                if let dir = ProcessInfo.processInfo.environment["YUSUAN_DEBUG_RULES"] {
                    var pgm = Data("P5 \(raster.width) \(raster.height) 255\n".utf8)
                    pgm.append(contentsOf: raster.pixels)
                    try? pgm.write(to: URL(fileURLWithPath: dir + "/page-\(index + 1).pgm"))
                    FileHandle.standardError.write(Data("page \(index + 1): \(rules.filter(\.horizontal).count) h, \(rules.filter { !$0.horizontal }.count) v rules, tables \(tables.map { "\($0.box) \($0.xs.count)x\($0.ys.count)" })\n".utf8))
                }
            }
            for line in PageReader.lines(glyphs: glyphs, tables: tables, carry: &carry) {
                out.lines.append(line.cells.joined(separator: "\t"))
                out.geometry.append(LineGeometry(page: index + 1, box: line.box, cellBoxes: line.cellBoxes))
            }
        }
        if out.lines.allSatisfy({ $0.isEmpty }) {
            throw PDFError.noTextLayer(pages: out.imageOnlyPages.isEmpty ? Array(1...file.pageCount) : out.imageOnlyPages)
        }
        return out
    }
}

extension PDFPage {
    /// Whether the page draws any picture (a scanned page is one big picture).
    var hasImages: Bool {
        guard let list = poppler_page_get_image_mapping(page) else { return false }
        poppler_page_free_image_mapping(list)
        return true
    }
}
