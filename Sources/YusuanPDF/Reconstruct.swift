import Foundation
import CPDFAPI

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
        let bytes = PDFBytes(data)
        let file = try PDFFile(bytes: bytes)
        var out = ReconstructedText(lines: [], geometry: [], pageStarts: [], pageCount: file.pageCount,
                                    imageOnlyPages: [], pageSizes: [])
        // Pages are independent until their columns are matched: read them on every core, each
        // thread with its own poppler document (one document is not shared between threads).
        let pages = PageResults(count: file.pageCount)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, file.pageCount / 2))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            guard let mine = try? ScannedPDF(bytes: bytes) else { return }
            for index in stride(from: w, to: mine.pageCount, by: workers) { pages.set(index, readPage(mine, index)) }
        }
        var layouts: [PageLayout?] = []
        for index in 0..<file.pageCount {
            guard var r = pages.get(index) else { throw PDFError.damaged("page \(index + 1) cannot be read") }
            // A page without text: a scanned page shows a picture (rare, so asked here, once).
            if r.layout == nil { r.imageOnly = file.page(index)?.hasImages ?? false }
            out.pageSizes.append(r.size)
            if r.imageOnly { out.imageOnlyPages.append(index + 1) }
            layouts.append(r.layout)
        }
        // Columns of tables without rules, over all pages at once (a blank line between pages).
        var free: [[Token]] = []
        for l in layouts { free += (l?.free ?? []).map { $0.words.map(\.token) }; free.append([]) }
        let ems = layouts.compactMap { $0?.em }.sorted()
        let em = ems.isEmpty ? 10 : ems[ems.count / 2]
        let left = layouts.flatMap { $0?.free.map(\.box.x0) ?? [] }.min() ?? 0
        let cells = Columns.blocks(free, gap: em, lone: left + em * 6)
        var at = 0
        for (index, layout) in layouts.enumerated() {
            if index > 0 {
                out.lines.append("")
                out.geometry.append(nil)
            }
            out.pageStarts.append(out.lines.count + 1)
            guard let layout else { at += 1; continue }
            for line in layout.lines(cells: Array(cells[at..<(at + layout.free.count)])) {
                out.lines.append(line.cells.joined(separator: "\t"))
                out.geometry.append(LineGeometry(page: index + 1, box: line.box, cellBoxes: line.cellBoxes))
            }
            at += layout.free.count + 1
        }
        if out.lines.allSatisfy({ $0.isEmpty }) {
            throw PDFError.noTextLayer(pages: out.imageOnlyPages.isEmpty ? Array(1...file.pageCount) : out.imageOnlyPages)
        }
        return out
    }
}

/// What one page gave: its size, its layout (nil for a page without text), and whether it shows
/// a picture and no text.
struct PageResult: Sendable {
    var size: (width: Double, height: Double)
    var layout: PageLayout?
    var imageOnly: Bool
}

/// Pages read on several threads, collected in page order.
final class PageResults: @unchecked Sendable {
    // Safe: every access goes through `lock`.
    private let lock = NSLock()
    private var results: [PageResult?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: PageResult?) { lock.lock(); results[i] = r; lock.unlock() }
    func get(_ i: Int) -> PageResult? { lock.lock(); defer { lock.unlock() }; return results[i] }
}

/// One page: glyphs, and for a page that seems to hold a table, its ruling lines.
func readPage(_ file: ScannedPDF, _ index: Int) -> PageResult? {
    guard let page = file.page(index) else { return nil }
    if page.glyphs.isEmpty { return PageResult(size: (page.width, page.height), layout: nil, imageOnly: false) }
    // Only pages with figures hold tables.
    var tables: [RuledTable] = []
    if page.glyphs.lazy.filter({ $0.char.isNumber }).count >= 6 {
        tables = RuledTable.find(RuleFinder.find(paints: page.paints, width: page.width, height: page.height, scale: 1.5))
    }
    return PageResult(size: (page.width, page.height), layout: PageReader.layout(glyphs: page.glyphs, tables: tables), imageOnly: false)
}
