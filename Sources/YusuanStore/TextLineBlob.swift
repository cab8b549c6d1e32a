import Foundation
import YusuanCore

/// A document's text lines as a few values of `document_text.lines` (store v7), each of whole
/// lines and about `chunkBytes` long: as rows of their own (`text_line`, v4–v6) they were twice as
/// many rows as the facts, each written into two B-trees (the table and its key), the larger part
/// of an ingest's writing thread; in chunks, a long document is not held twice in memory.
///
/// Each line, little-endian: Int32 line number, Int32 page (`Int32.min`: none), UInt8 narrative
/// (0 or 1), UInt32 length of the text in UTF-8, then the text.
enum TextLineBlob {
    static let headerSize = 13
    static let chunkBytes = 1 << 16
    private static let noPage = Int32.min

    /// Calls `body` with each chunk, in order (none for no lines).
    static func encode(_ lines: TextLineList, chunkBytes: Int = chunkBytes, _ body: ([UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(min(chunkBytes, lines.count * (headerSize + 48)) + headerSize + 64)
        try lines.forEachLine { line, page, text, narrative in
            if !out.isEmpty, out.count + headerSize + text.count > chunkBytes {
                try body(out)
                out.removeAll(keepingCapacity: true)
            }
            // The header made on the stack and appended at once (its four fields appended one by
            // one cost more than the text).
            var header: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &header) { raw in
                raw.storeBytes(of: Int32(clamping: line).littleEndian, toByteOffset: 0, as: Int32.self)
                raw.storeBytes(of: (page.map { Int32(clamping: $0) } ?? noPage).littleEndian, toByteOffset: 4, as: Int32.self)
                raw[8] = narrative ? 1 : 0
                raw.storeBytes(of: UInt32(clamping: text.count).littleEndian, toByteOffset: 9, as: UInt32.self)
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<headerSize]))
            }
            out.append(contentsOf: text)
        }
        if !out.isEmpty { try body(out) }
    }

    /// The lines of one chunk appended to `lines`; false for bytes this encoding did not write
    /// (cut short, a length past the end, text that is not UTF-8).
    static func decode(_ bytes: Data, into lines: inout [TextLine]) -> Bool {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            var at = 0
            while at < raw.count {
                guard raw.count - at >= headerSize else { return false }
                let line = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self))
                let page = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4, as: Int32.self))
                let narrative = raw[at + 8]
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 9, as: UInt32.self)))
                at += headerSize
                guard narrative <= 1, length <= raw.count - at,
                      let text = String(validating: raw[at..<at + length], as: UTF8.self) else { return false }
                at += length
                lines.append(TextLine(line: Int(line), page: page == noPage ? nil : Int(page), text: text, narrative: narrative == 1))
            }
            return true
        }
    }
}
