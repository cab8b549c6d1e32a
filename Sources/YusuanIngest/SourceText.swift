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
    /// Space-aligned text: lines (numbered from 1) whose figures were not placed with confidence.
    /// Their cells are kept (the rows still shape their table) but give no facts, and are said.
    public var unsure: Set<Int> = []
    public var text: String { joined ?? split.joined(separator: "\n") }

    init(lines: [String], text: String? = nil, pages: PageMap?, geometry: [LineGeometry?], pageCount: Int?,
         pageSizes: [(width: Double, height: Double)], imageOnlyPages: [Int], lossy: Bool, realigned: Bool) {
        self.split = lines; self.joined = text; self.pages = pages; self.geometry = geometry; self.pageCount = pageCount
        self.pageSizes = pageSizes; self.imageOnlyPages = imageOnlyPages; self.lossy = lossy; self.realigned = realigned
    }

    /// Reads bytes of any supported kind; throws `IngestError` naming `name` for what cannot be read.
    public static func load(data: Data, name: String) throws -> SourceText {
        try load(taking: data, name: name)
    }

    /// `load(data:name:)`, letting the bytes go once decoded when the caller gives them up.
    static func load(taking data: consuming Data, name: String) throws -> SourceText {
        if PDFText.isPDF(data) {
            let r: ReconstructedText
            do { r = try PDFText.read(data: data) } catch let e as PDFError {
                switch e {
                case .encrypted: throw IngestError.encryptedPDF(file: name)
                case .damaged(let why): throw IngestError.damagedPDF(file: name, reason: why)
                case .noTextLayer(let pages): throw IngestError.scannedPDF(file: name, pages: pages)
                case .readerMissing(let why), .drawingMissing(let why): throw IngestError.pdfReaderMissing(file: name, reason: why)
                }
            }
            return SourceText(lines: r.lines, pages: PageMap(starts: r.pageStarts), geometry: r.geometry,
                              pageCount: r.pageCount, pageSizes: r.pageSizes, imageOnlyPages: r.imageOnlyPages,
                              lossy: false, realigned: false)
        }
        let decoded = try TextDecoding.decode(data, file: name)
        _ = consume data
        // Split on the byte: newlines are normalised, and "\n" always ends a character, so this is
        // the split by `Character` without its grapheme breaking.
        let aligned = AlignedText.isSpaceAligned(alignmentProbe(decoded.text))
        guard aligned else {
            return SourceText(lines: [], text: decoded.text, pages: nil, geometry: [], pageCount: nil, pageSizes: [],
                              imageOnlyPages: [], lossy: decoded.lossy, realigned: false)
        }
        let raw = decoded.text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        let marked = AlignedText.marked(raw)
        var source = SourceText(lines: marked.lines, pages: nil, geometry: [], pageCount: nil, pageSizes: [],
                                imageOnlyPages: [], lossy: decoded.lossy, realigned: true)
        source.unsure = Set(marked.unsure.map { $0 + 1 })
        return source
    }

    /// What `AlignedText.isSpaceAligned` needs to judge the whole text, without a `Substring` for each
    /// of its lines (they were more than the text itself, issue #16): it counts the lines without a
    /// tab that are aligned rows against those with a tab, and wants more than half as many aligned
    /// ones. So the lines without a tab that may be table rows (`mayBeTableLine`, by the byte) are
    /// given, and as many lines of one tab as there are, up to twice those: more cannot change the
    /// answer, and the other lines count neither way.
    static func alignmentProbe(_ text: String) -> [Substring] {
        var plain: [Substring] = []
        var tabbed = 0
        let v = text.utf8
        var bytes = text
        bytes.withUTF8 { u in
            var start = 0
            while start <= u.count {
                let end = ByteSearch.next(0x0A, in: u, from: start)
                let line = UnsafeBufferPointer(rebasing: u[start..<end])
                if ByteSearch.next(0x09, in: line, from: 0) < line.count {
                    tabbed += 1
                } else if AlignedText.mayBeTableLine(line) {
                    plain.append(Substring(v[v.index(v.startIndex, offsetBy: start)..<v.index(v.startIndex, offsetBy: end)]))
                }
                start = end + 1
            }
        }
        return plain + Array(repeating: Substring("\t"), count: min(tabbed, 2 * plain.count))
    }
}
