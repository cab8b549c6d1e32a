import Foundation

/// Folding of printed names for comparison only: the printed text itself is never replaced.
///
/// Two names are "the same as printed" when they differ only in full-width vs half-width forms
/// (`（）` vs `()`, `１` vs `1`), bracket style (`〔〕【】[]` → `()`), quote style or whitespace
/// (including line wraps repaired into a space, e.g. `缴费支 出`).
public enum NameFolding {
    /// What a folding changes beyond its core (spaces, tabs, no-break and ideographic spaces dropped;
    /// `（）` → `()`, `：` → `:`, `“”＂` → `"`), so that names and the reader's words fold in one place.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The whole full-width ASCII block made ASCII (`１` → `1`, `；` → `;`), not only brackets, colon, quote.
        public static let fullWidth = Options(rawValue: 1)
        /// Line breaks, zero-width spaces and byte-order marks dropped (a wrap repaired into a name).
        public static let lineBreaks = Options(rawValue: 2)
        /// En and em spaces dropped.
        public static let typographicSpaces = Options(rawValue: 4)
        /// `[ 〔 【 〖 {` → `(` and their closers → `)`.
        public static let brackets = Options(rawValue: 8)
        /// `「」'‘’` → `"`.
        public static let quotes = Options(rawValue: 16)

        /// Printed names compared as the same (`fold`'s default).
        public static let names: Options = [.fullWidth, .lineBreaks, .brackets, .quotes]
        /// The reader's word matching (`Clean.key` in Ingest): narrower, because the word files and the
        /// title rules are written against text whose other full-width forms and brackets are kept.
        public static let words: Options = [.typographicSpaces]
    }

    public static func fold(_ s: String) -> String { fold(s, .names) }

    /// `s` folded with `options`; `s` itself when nothing changes (the common case, no copy).
    public static func fold(_ s: String, _ options: Options) -> String {
        var bytes = s
        return bytes.withUTF8 { folding($0, options) } ?? s
    }

    /// `fold(String(s), options)`, without the copy when the folding changes something.
    public static func fold(_ s: Substring, _ options: Options) -> String {
        s.utf8.withContiguousStorageIfAvailable { folding($0, options) ?? String(s) } ?? fold(String(s), options)
    }

    /// `u` (valid UTF-8) folded, or nil when nothing changes. One pass by the byte: scalars are
    /// decoded only where one that some folding changes can start (an ASCII space, tab, line
    /// break, bracket or quote, or C2 A0, E2 80, E3 80, EF BB, EF BC, EF BD), and the text between
    /// changes is copied in runs (decoding every scalar of a paragraph and encoding it again was
    /// the reader's largest single cost).
    static func folding(_ u: UnsafeBufferPointer<UInt8>, _ options: Options) -> String? {
        var out: [UInt8] = []
        var changed = false, run = 0, i = 0
        while i < u.count {
            let b = u[i]
            var v: UInt32, n: Int
            switch b {
            case 0x09, 0x0A, 0x0D, 0x20, 0x27, 0x5B, 0x5D, 0x7B, 0x7D: v = UInt32(b); n = 1
            case 0xC2 where i + 1 < u.count && u[i + 1] == 0xA0: v = 0xA0; n = 2
            case 0xE2, 0xE3, 0xEF:
                guard i + 2 < u.count, case let b1 = u[i + 1], b == 0xEF ? (0xBB...0xBD).contains(b1) : b1 == 0x80 else { i += 3; continue }
                v = (UInt32(b) & 0x0F) << 12 | (UInt32(b1) & 0x3F) << 6 | (UInt32(u[i + 2]) & 0x3F); n = 3
            // Any other scalar never folds: passed whole (a CJK ideograph, most of a Chinese text, in one step).
            default: i += ByteSearch.sequenceLength(b); continue
            }
            let f = folded(v, options)
            if f == v { i += n; continue }
            if !changed { changed = true; out.reserveCapacity(u.count) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i]))
            if f != dropped, let scalar = Unicode.Scalar(f) { UTF8.encode(scalar) { out.append($0) } }
            i += n
            run = i
        }
        guard changed else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count]))
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold` scalar by scalar (what `folding` must agree with).
    static func foldByScalars(_ s: String, _ options: Options) -> String {
        if !s.unicodeScalars.contains(where: { folded($0.value, options) != $0.value }) { return s }
        var out: [UInt8] = []
        for u in s.unicodeScalars {
            let v = folded(u.value, options)
            if v == dropped { continue }
            if v == u.value { UTF8.encode(u) { out.append($0) } } else if let scalar = Unicode.Scalar(v) { UTF8.encode(scalar) { out.append($0) } }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Marks a scalar the folding drops (not a Unicode scalar value).
    @inline(__always) public static var dropped: UInt32 { 0xFFFF_FFFF }

    /// The scalar `v` folds to, or `dropped`.
    @inline(__always)
    public static func folded(_ u: UInt32, _ o: Options) -> UInt32 {
        var v = u
        if o.contains(.fullWidth) {
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
        } else if v == 0xFF08 || v == 0xFF09 || v == 0xFF1A || v == 0xFF02 {
            v -= 0xFEE0                                                   // （ ） ： ＂ → ( ) : "
        }
        switch v {
        case 0x20, 0x09, 0x3000, 0xA0: return dropped
        case 0x0A, 0x0D, 0x200B, 0xFEFF: return o.contains(.lineBreaks) ? dropped : v
        case 0x2002, 0x2003: return o.contains(.typographicSpaces) ? dropped : v
        case 0x201C, 0x201D: return 0x22
        case 0x5B, 0x3014, 0x3010, 0x3016, 0x7B: return o.contains(.brackets) ? 0x28 : v      // [ 〔 【 〖 { → (
        case 0x5D, 0x3015, 0x3011, 0x3017, 0x7D: return o.contains(.brackets) ? 0x29 : v      // ] 〕 】 〗 } → )
        case 0x300C, 0x300D, 0x27, 0x2018, 0x2019: return o.contains(.quotes) ? 0x22 : v      // 「 」 ' ‘ ’ → "
        default: return v
        }
    }

    /// Whether two printed names are equal up to width, bracket, quote and whitespace differences.
    public static func equivalent(_ a: String, _ b: String) -> Bool { fold(a) == fold(b) }

    /// A name without the `（本级）`/`本级` that marks a department's own level (as against its
    /// subordinate units): one rule for the ingest reader and the entity registry. A name that is
    /// nothing but the mark is kept.
    public static func withoutOwnLevel(_ s: String) -> String {
        var s = s
        for suffix in ["（本级）", "(本级)", "本级"] where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count)
        }
        return s
    }

    /// Whether a name ends with the `（本级）` mark.
    public static func isOwnLevel(_ s: String) -> Bool { s.hasSuffix("本级）") || s.hasSuffix("本级)") }
}
