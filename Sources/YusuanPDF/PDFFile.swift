import Foundation
import CPDFAPI
import CCairo
import CGraphics

/// Why a PDF could not be read. Each case says what the user can do about it.
public enum PDFError: Error, Equatable, Sendable {
    case encrypted
    case damaged(String)
    case noTextLayer(pages: [Int])
    /// libYusuanPDFScan.so, which reads PDFs, could not be loaded (the reason).
    case readerMissing(String)
    /// Cairo, which draws marked pages, could not be loaded (the reason).
    case drawingMissing(String)
}

/// A C library's table of functions from its loader (`load(message, size)`, NULL with a sentence
/// in `message` when the library cannot be loaded), or `missing` with that sentence.
private func table<T>(_ load: (UnsafeMutablePointer<CChar>, Int) -> UnsafePointer<T>?,
                      missing: (String) -> PDFError) -> Result<T, PDFError> {
    var message = [CChar](repeating: 0, count: 1024)
    guard let table = load(&message, message.count) else {
        return .failure(missing(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
    }
    return .success(table.pointee)
}

/// poppler, loaded the first time a PDF is read (see Sources/CPDFAPI): the other commands start
/// without it.
enum PDFLibrary {
    static let loaded = table({ ys_pdf_api_load($0, $1) }, missing: PDFError.readerMissing)
    static func api() throws -> YSPDFAPI { try loaded.get() }
}

/// Cairo's functions (Sources/CGraphics), loaded the first time a page is drawn: reading a PDF
/// needs none of them. Drawing starts with `PDFDrawing.load()`; after it, `gx` cannot fail.
enum PDFDrawing {
    static let loaded = table({ ys_graphics_load($0, $1) }, missing: PDFError.drawingMissing)
    static func load() throws { _ = try loaded.get() }
}

let gx: YSGraphics = {
    switch PDFDrawing.loaded {
    case .success(let table): return table
    case .failure(let e): fatalError("yusuan: \(e)")
    }
}()

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
    let api: YSPDFAPI
    let doc: UnsafeMutableRawPointer
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
        api = try PDFLibrary.api()
        self.bytes = bytes
        var status: Int32 = 0
        var message: UnsafeMutablePointer<CChar>?
        // Not copied: `bytes` outlives the document (pages keep their file).
        guard let d = api.glib_open(bytes.base.assumingMemoryBound(to: CChar.self), bytes.count, &status, &message) else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            api.release(message)
            if status == Int32(YS_ENCRYPTED) { throw PDFError.encrypted }
            throw PDFError.damaged(text)
        }
        doc = d
        pageCount = Int(api.glib_page_count(d))
        if pageCount == 0 { throw PDFError.damaged("the file has no pages") }
    }

    deinit { api.unref(doc) }

    /// The document's own title from its metadata, if any.
    public var title: String? {
        guard let t = api.glib_title(doc) else { return nil }
        defer { api.release(t) }
        return String(cString: t)
    }

    /// Page `index` (0-based): its size and its glyphs with their boxes.
    public func page(_ index: Int) -> PDFPage? {
        guard let p = api.glib_page(doc, Int32(index)) else { return nil }
        return PDFPage(page: p, index: index, file: self)
    }
}

/// One page: size in points, glyphs, and the ruling lines of its tables.
public final class PDFPage {
    let page: UnsafeMutableRawPointer
    /// The file whose bytes the page reads.
    let file: PDFFile
    public let index: Int
    public let width: Double
    public let height: Double

    init(page: UnsafeMutableRawPointer, index: Int, file: PDFFile) {
        self.page = page
        self.index = index
        self.file = file
        var w = 0.0, h = 0.0
        file.api.glib_page_size(page, &w, &h)
        width = w; height = h
    }

    deinit { file.api.unref(page) }

    /// Every non-blank glyph with its box. poppler gives one rectangle per character of the page's text.
    public func glyphs() -> [Glyph] {
        var text: UnsafeMutablePointer<CChar>?
        var boxes: UnsafeMutablePointer<Double>?
        let n = Int(file.api.glib_page_text(page, &text, &boxes))
        defer { file.api.release(text); file.api.release(boxes) }
        guard let text, let boxes, n > 0 else { return [] }
        var out: [Glyph] = []
        out.reserveCapacity(n)
        var i = 0
        for scalar in String(cString: text).unicodeScalars {
            guard i < n else { break }
            let r = boxes + 4 * i
            i += 1
            if scalar.properties.isWhitespace || scalar.value < 0x20 { continue }
            out.append(Glyph(char: Character(scalar), box: Box(x0: r[0], y0: r[1], x1: r[2], y1: r[3])))
        }
        return out
    }

    /// Whether the page draws any picture (a scanned page is one big picture).
    var hasImages: Bool { file.api.glib_page_has_images(page) != 0 }

    /// Renders the page into `cr` (a Cairo context of the caller's), as the PDF draws it.
    public func render(into cr: OpaquePointer) {
        renderLock.lock()
        defer { renderLock.unlock() }
        file.api.glib_page_render(page, UnsafeMutableRawPointer(cr), 1)
    }

    /// The page rendered at `scale` pixels per point on white; `read` gets its xRGB rows (bytes B, G,
    /// R, x on little-endian), their stride, width and height.
    func raster<T>(scale: Double, antialias: Bool, _ read: (UnsafeMutablePointer<UInt8>, Int, Int, Int) -> T) -> T? {
        guard (try? PDFDrawing.load()) != nil else { return nil }
        let w = max(1, Int((width * scale).rounded(.up))), h = max(1, Int((height * scale).rounded(.up)))
        guard let surface = gx.cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h)) else { return nil }
        defer { gx.cairo_surface_destroy(surface) }
        let cr = gx.cairo_create(surface)
        gx.cairo_set_source_rgb(cr, 1, 1, 1)
        gx.cairo_paint(cr)
        gx.cairo_scale(cr, scale, scale)
        if !antialias { gx.cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE) }
        // Cairo 1.16 deadlocks when two threads draw poppler's fonts at once (its scaled-font
        // locks): one page is drawn at a time in the whole process.
        renderLock.lock()
        file.api.glib_page_render(page, UnsafeMutableRawPointer(cr), 0)
        renderLock.unlock()
        gx.cairo_destroy(cr)
        gx.cairo_surface_flush(surface)
        guard let data = gx.cairo_image_surface_get_data(surface) else { return nil }
        return read(data, Int(gx.cairo_image_surface_get_stride(surface)), w, h)
    }
}
