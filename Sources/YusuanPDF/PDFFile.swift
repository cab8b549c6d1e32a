import Foundation
import CPoppler

/// Why a PDF could not be read. Each case says what the user can do about it.
public enum PDFError: Error, Equatable, Sendable {
    case encrypted
    case damaged(String)
    case noTextLayer(pages: [Int])
}

/// One glyph as the PDF places it: its text and its box in points, y growing downwards.
public struct Glyph: Sendable, Equatable {
    public var char: Character
    public var box: Box
}

/// A rectangle in page points (origin top-left, y downwards).
public struct Box: Sendable, Equatable, Hashable, Codable {
    public var x0, y0, x1, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }
    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var midX: Double { (x0 + x1) / 2 }
    public var midY: Double { (y0 + y1) / 2 }
    public func union(_ o: Box) -> Box {
        Box(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1))
    }
}

/// Serialises drawing pages with Cairo across threads (see `raster`).
let renderLock = NSLock()

/// A PDF's bytes, copied once and shared read-only by every poppler document opened on them (one
/// per thread): a PDF is not copied per reader.
public final class PDFBytes: @unchecked Sendable {
    // Safe to share: written once in init, only read afterwards, freed with the last owner.
    let base: UnsafeMutableRawPointer
    let count: Int
    public init(_ data: Data) {
        count = data.count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count), alignment: 16)
        data.withUnsafeBytes { if let b = $0.baseAddress { base.copyMemory(from: b, byteCount: count) } }
    }
    deinit { base.deallocate() }
}

/// A PDF opened through poppler-glib. Not shared between threads: each reader opens its own.
public final class PDFFile {
    let doc: OpaquePointer
    let bytes: PDFBytes
    public let pageCount: Int

    /// Opens PDF bytes; throws `PDFError` for encrypted or damaged files.
    public convenience init(data: Data) throws { try self.init(bytes: PDFBytes(data)) }

    public init(bytes: PDFBytes) throws {
        // poppler rebuilds a cut file silently and reads what is left: a cut file is refused.
        let tail = UnsafeRawBufferPointer(start: bytes.base + max(0, bytes.count - 2048), count: min(2048, bytes.count))
        guard tail.firstRange(of: Data("%%EOF".utf8)) != nil else {
            throw PDFError.damaged("it ends before its end-of-file marker, so it was cut short")
        }
        self.bytes = bytes
        var err: UnsafeMutablePointer<GError>?
        // Not copied: `bytes` outlives the document (pages keep their file).
        let gbytes = g_bytes_new_static(bytes.base, gsize(bytes.count))
        defer { g_bytes_unref(gbytes) }
        guard let d = poppler_document_new_from_bytes(gbytes, nil, &err) else {
            let code = err?.pointee.code ?? 0
            let message = err.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let err { g_error_free(err) }
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) { throw PDFError.encrypted }
            throw PDFError.damaged(message)
        }
        doc = d
        pageCount = Int(poppler_document_get_n_pages(d))
        if pageCount == 0 { throw PDFError.damaged("the file has no pages") }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(doc)) }

    /// The document's own title from its metadata, if any.
    public var title: String? {
        guard let t = poppler_document_get_title(doc) else { return nil }
        defer { g_free(t) }
        return String(cString: t)
    }

    /// Page `index` (0-based): its size and its glyphs with their boxes.
    public func page(_ index: Int) -> PDFPage? {
        guard let p = poppler_document_get_page(doc, Int32(index)) else { return nil }
        return PDFPage(page: p, index: index, file: self)
    }
}

/// One page: size in points, glyphs, and the ruling lines of its tables.
public final class PDFPage {
    let page: OpaquePointer
    /// The file whose bytes the page reads.
    let file: PDFFile
    public let index: Int
    public let width: Double
    public let height: Double

    init(page: OpaquePointer, index: Int, file: PDFFile) {
        self.page = page
        self.index = index
        self.file = file
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        width = w; height = h
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(page)) }

    /// Every non-blank glyph with its box. poppler gives one rectangle per character of the page's text.
    public func glyphs() -> [Glyph] {
        guard let text = poppler_page_get_text(page) else { return [] }
        defer { g_free(text) }
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var n: guint = 0
        guard poppler_page_get_text_layout(page, &rects, &n) != 0, let rects else { return [] }
        defer { g_free(rects) }
        var out: [Glyph] = []
        out.reserveCapacity(Int(n))
        var i = 0
        for scalar in String(cString: text).unicodeScalars {
            guard i < Int(n) else { break }
            let r = rects[i]
            i += 1
            if scalar.properties.isWhitespace || scalar.value < 0x20 { continue }
            out.append(Glyph(char: Character(scalar), box: Box(x0: r.x1, y0: r.y1, x1: r.x2, y1: r.y2)))
        }
        return out
    }

    /// Renders the page into `cr` (a Cairo context of the caller's), as the PDF draws it.
    public func render(into cr: OpaquePointer) {
        renderLock.lock()
        defer { renderLock.unlock() }
        poppler_page_render_for_printing(page, cr)
    }

    /// The page rendered at `scale` pixels per point on white; `read` gets its xRGB rows (bytes B, G,
    /// R, x on little-endian), their stride, width and height.
    func raster<T>(scale: Double, antialias: Bool, _ read: (UnsafeMutablePointer<UInt8>, Int, Int, Int) -> T) -> T? {
        let w = max(1, Int((width * scale).rounded(.up))), h = max(1, Int((height * scale).rounded(.up)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        if !antialias { cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE) }
        // Cairo 1.16 deadlocks when two threads draw poppler's fonts at once (its scaled-font
        // locks): one page is drawn at a time in the whole process.
        renderLock.lock()
        poppler_page_render(page, cr)
        renderLock.unlock()
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        return read(data, Int(cairo_image_surface_get_stride(surface)), w, h)
    }
}
