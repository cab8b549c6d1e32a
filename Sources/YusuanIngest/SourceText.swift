import Foundation
import YusuanCore
import YusuanPDF

/// A document's text as the readers take it — tab-separated table rows, prose lines — whatever it
/// came as: a PDF (rebuilt from positions), space-aligned text (`pdftotext -layout`), or text
/// already split by tabs, in UTF-8, GB18030 or UTF-16.
public struct SourceText: Sendable {
    /// The lines, split from `text` when asked for.
    public var lines: [String] {
        get { joined.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? split }
        set { split = newValue; joined = nil }
    }
    /// Text input is kept as the one string it was decoded to (a string per line took three times
    /// the file); a PDF's or space-aligned text's lines as rebuilt.
    private var joined: String?
    private var split: [String] = []
    /// For a PDF: the page of each line.
    public var pages: PageMap?
    /// For a PDF: where each line stands on its page.
    public var geometry: [LineGeometry?]
    public var pageCount: Int?
    public var pageSizes: [(width: Double, height: Double)]
    /// Pages of a PDF that hold a picture and no text.
    public var imageOnlyPages: [Int]
    /// Set when invalid bytes had to be replaced while decoding.
    public var lossy: Bool
    /// Set when columns were found from aligned spaces.
    public var realigned: Bool
    public var text: String { joined ?? split.joined(separator: "\n") }

    init(lines: [String], text: String? = nil, pages: PageMap?, geometry: [LineGeometry?], pageCount: Int?,
         pageSizes: [(width: Double, height: Double)], imageOnlyPages: [Int], lossy: Bool, realigned: Bool) {
        self.split = lines; self.joined = text; self.pages = pages; self.geometry = geometry; self.pageCount = pageCount
        self.pageSizes = pageSizes; self.imageOnlyPages = imageOnlyPages; self.lossy = lossy; self.realigned = realigned
    }

    /// Reads bytes of any supported kind; throws `IngestError` naming `name` for what cannot be read.
    public static func load(data: Data, name: String) throws -> SourceText {
        if PDFText.isPDF(data) {
            let r: ReconstructedText
            do { r = try PDFText.read(data: data) } catch let e as PDFError {
                switch e {
                case .encrypted: throw IngestError.encryptedPDF(file: name)
                case .damaged(let why): throw IngestError.damagedPDF(file: name, reason: why)
                case .noTextLayer(let pages): throw IngestError.scannedPDF(file: name, pages: pages)
                }
            }
            return SourceText(lines: r.lines, pages: PageMap(starts: r.pageStarts), geometry: r.geometry,
                              pageCount: r.pageCount, pageSizes: r.pageSizes, imageOnlyPages: r.imageOnlyPages,
                              lossy: false, realigned: false)
        }
        let decoded = try TextDecoding.decode(data, file: name)
        // Split on the byte: newlines are normalised, and "\n" always ends a character, so this is
        // the split by `Character` without its grapheme breaking.
        let raw = decoded.text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        let aligned = AlignedText.isSpaceAligned(raw)
        return SourceText(lines: aligned ? AlignedText.tabulate(raw) : [], text: aligned ? nil : decoded.text, pages: nil, geometry: [],
                          pageCount: nil, pageSizes: [], imageOnlyPages: [], lossy: decoded.lossy, realigned: aligned)
    }
}
