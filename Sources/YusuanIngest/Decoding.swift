import Foundation
import YusuanCore
#if canImport(Glibc)
import Glibc
#endif

/// Why a file was refused as a whole. Each message names the file and what was expected.
public enum IngestError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case pdf(file: String)
    case binary(file: String, detail: String)
    case notADisclosure(file: String, reason: String)
    case truncated(file: String, line: Int, reason: String)
    case encryptedPDF(file: String)
    case damagedPDF(file: String, reason: String)
    case scannedPDF(file: String, pages: [Int])
    /// PDF reading (libYusuanPDFScan.so) could not be loaded: the loader's reason.
    case pdfReaderMissing(file: String, reason: String)

    public var file: String {
        switch self {
        case .unreadable(let f, _), .empty(let f), .pdf(let f), .binary(let f, _),
             .notADisclosure(let f, _), .truncated(let f, _, _), .encryptedPDF(let f),
             .damagedPDF(let f, _), .scannedPDF(let f, _), .pdfReaderMissing(let f, _): return f
        }
    }

    /// In the language of the message catalogue; the reason a reader gives is quoted as it is.
    public var description: String {
        switch self {
        case .unreadable(let f, let r): return L("err.unreadable", ["file": f, "reason": r])
        case .empty(let f): return L("err.empty", ["file": f])
        case .pdf(let f): return L("err.pdfheader", ["file": f])
        case .binary(let f, let d): return L("err.binary", ["file": f, "detail": d])
        case .notADisclosure(let f, let r): return L("err.notdisclosure", ["file": f, "reason": r])
        case .truncated(let f, let l, let r): return L("err.truncated", ["file": f, "line": String(l), "reason": r])
        case .encryptedPDF(let f): return L("err.encrypted", ["file": f])
        case .damagedPDF(let f, let r): return L("err.damaged", ["file": f, "reason": r])
        case .scannedPDF(let f, let pages): return L("err.scanned", ["file": f, "pages": PageList.describe(pages)])
        case .pdfReaderMissing(let f, let r): return L("err.pdfreader", ["file": f, "reason": r])
        }
    }
}

/// Bytes to text: UTF-8 (with or without BOM) or GB18030; CRLF and CR become LF.
enum TextDecoding {
    struct Decoded {
        var text: String
        var encoding: String
        /// Set when invalid bytes had to be replaced.
        var lossy: Bool
    }

    static func decode(_ data: Data, file: String) throws -> Decoded {
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw IngestError.empty(file: file)
        }
        if data.starts(with: Array("%PDF".utf8)) { throw IngestError.pdf(file: file) }
        if let s = utf16(data) {
            return Decoded(text: normaliseNewlines(s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s), encoding: "UTF-16", lossy: false)
        }
        let head = data.prefix(8192)
        // Counted only when there is one (`memchr`): the byte-by-byte count walked every file's head.
        let nuls = head.withUnsafeBytes { memchr($0.baseAddress!, 0, $0.count) == nil } ? 0 : head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nuls > 0 {
            // UTF-16 is text, but not a form disclosures are published in here.
            throw IngestError.binary(file: file, detail: "\(nuls) NUL bytes in the first \(head.count) bytes")
        }
        var bytes = data
        var encoding = "UTF-8"
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3); encoding = "UTF-8 with BOM" }
        // Validated from the contiguous bytes (from `Data` the bytes went through its iterator).
        if let s = bytes.withUnsafeBytes({ String(validating: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }) {
            return Decoded(text: normaliseNewlines(s), encoding: encoding, lossy: false)
        }
        // Invalid bytes only in the last three: the file was cut inside a character.
        if bytes.count > 4, String(validating: bytes.dropLast(3), as: UTF8.self) != nil || String(validating: bytes.dropLast(2), as: UTF8.self) != nil || String(validating: bytes.dropLast(1), as: UTF8.self) != nil,
           iconvDecode(bytes, from: "GB18030") == nil {
            let text = String(decoding: bytes, as: UTF8.self)
            throw IngestError.truncated(file: file, line: text.split(separator: "\n", omittingEmptySubsequences: false).count,
                                        reason: L("reason.cutchar"))
        }
        if let s = iconvDecode(bytes, from: "GB18030") {
            return Decoded(text: normaliseNewlines(s), encoding: "GB18030", lossy: false)
        }
        let s = String(decoding: bytes, as: UTF8.self)
        return Decoded(text: normaliseNewlines(s), encoding: "UTF-8 (invalid bytes replaced)", lossy: true)
    }

    /// UTF-16 with a byte-order mark (Excel's “Unicode 文本”, Notepad), or without one when every
    /// other byte of an ASCII-heavy start is NUL.
    static func utf16(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(2))
        var encoding: String.Encoding?
        if b == [0xFF, 0xFE] { encoding = .utf16LittleEndian } else if b == [0xFE, 0xFF] { encoding = .utf16BigEndian }
        if encoding == nil, data.count >= 8, data.count % 2 == 0 {
            let head = [UInt8](data.prefix(512))
            let oddNul = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
            let evenNul = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
            if oddNul * 10 >= head.count / 2 * 4, evenNul == 0 { encoding = .utf16LittleEndian }
            if evenNul * 10 >= head.count / 2 * 4, oddNul == 0 { encoding = .utf16BigEndian }
        }
        guard let encoding else { return nil }
        let body = (b == [0xFF, 0xFE] || b == [0xFE, 0xFF]) ? data.dropFirst(2) : data
        return String(data: Data(body), encoding: encoding)
    }

    static func normaliseNewlines(_ s: String) -> String {
        guard ByteSearch.has(13, in: s) else { return s }
        // CRLF and a lone CR become LF, by the byte (Foundation's replacing bridged to UTF-16 twice):
        // the text between CRs copied in runs.
        var s = s
        let out: [UInt8] = s.withUTF8 { u in
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            var from = 0
            while from < u.count {
                let cr = ByteSearch.next(13, in: u, from: from)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[from..<cr]))
                if cr == u.count { break }
                out.append(10)
                from = cr + 1 < u.count && u[cr + 1] == 10 ? cr + 2 : cr + 1
            }
            return out
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Strict conversion through glibc's iconv; nil on any invalid sequence.
    static func iconvDecode(_ data: Data, from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        output.removeSubrange(produced...)
        return String(validating: output, as: UTF8.self)
    }

    /// FNV-1a over the decoded text: the same content re-encoded or re-lined hashes the same.
    static func contentHash(_ text: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        var h2: UInt64 = 0x84222325cbf29ce4
        var text = text
        text.withUTF8 { u in
            for b in u {
                h = (h ^ UInt64(b)) &* 0x100000001b3
                h2 = (h2 ^ UInt64(b)) &* 0x100000001b3 &+ 0x9e3779b97f4a7c15
            }
        }
        return String(h, radix: 16).leftPadded(16) + String(h2, radix: 16).leftPadded(16)
    }
}

/// “pages 3, 5–7”: a list of page numbers for people.
public enum PageList {
    public static func describe(_ pages: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < pages.count {
            var j = i
            while j + 1 < pages.count, pages[j + 1] == pages[j] + 1 { j += 1 }
            parts.append(j > i ? "\(pages[i])–\(pages[j])" : "\(pages[i])")
            i = j + 1
        }
        return L(pages.count == 1 ? "pages.one" : "pages.many", ["pages": parts.joined(separator: L("pages.sep"))])
    }
}

extension String {
    func leftPadded(_ n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}
