import Foundation
import YusuanCore

// `contains` on text, without Foundation. Foundation's `StringProtocol.contains(_:)` bridges both
// strings to UTF-16 and searches with canonical equivalence on every call: about a fifth of the CPU
// of an ingest went there (perf, 1,000-document corpus). Over scalars that neither decompose nor
// join the scalar before them into one character — ASCII but CR, the CJK unified ideographs, CJK
// punctuation, full-width ASCII forms, general punctuation (“ ” — …) — canonical matching and a byte
// search agree, so the byte
// search answers there; any other text goes to Foundation as before.

extension String {
    func contains(_ other: String) -> Bool { LiteralSearch.contains(self, other) }
}

extension Substring {
    func contains(_ other: String) -> Bool { LiteralSearch.contains(self, other) }
}

enum LiteralSearch {
    static func contains(_ text: String, _ other: String) -> Bool {
        guard isPlain(text.utf8), isPlain(other.utf8) else { return text.range(of: other) != nil }
        if other.isEmpty { return false }   // as Foundation answers
        return ByteSearch.contains(text, other)
    }

    static func contains(_ text: Substring, _ other: String) -> Bool {
        guard isPlain(text.utf8), isPlain(other.utf8) else { return text.range(of: other) != nil }
        if other.isEmpty { return false }   // as Foundation answers
        return ByteSearch.contains(text, other)
    }

    /// Whether `text` contains any of `needles`, as `contains` answers each: the text's plainness
    /// told once, not once per needle.
    static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        guard isPlain(text.utf8) else { return needles.contains { !$0.isEmpty && text.range(of: $0) != nil } }
        return needles.contains { n in
            if n.isEmpty { return false }
            return isPlain(n.utf8) ? ByteSearch.contains(text, n) : text.range(of: n) != nil
        }
    }

    /// `s` without its spaces, as `replacingOccurrences(of: " ", with: "")` gives it, by the byte in
    /// plain text.
    static func withoutSpaces(_ s: String) -> String {
        guard ByteSearch.has(0x20, in: s) else { return s }
        guard isPlain(s.utf8) else { return s.replacingOccurrences(of: " ", with: "") }
        return String(decoding: s.utf8.filter { $0 != 0x20 }, as: UTF8.self)
    }

    /// The last occurrence of `needle` in `s`, as `range(of:options: .backwards)` finds it, by the
    /// byte in plain text (where every scalar is a character of its own).
    static func lastRange<S: StringProtocol>(of needle: String, in s: S) -> Range<String.Index>? {
        guard !needle.isEmpty, isPlain(s.utf8), isPlain(needle.utf8) else { return s.range(of: needle, options: .backwards) }
        let h = Array(s.utf8), n = Array(needle.utf8)
        var i = h.count - n.count
        while i >= 0 {
            if h[i] == n[0], h[i..<(i + n.count)].elementsEqual(n) {
                let lower = s.utf8.index(s.utf8.startIndex, offsetBy: i)
                return lower..<s.utf8.index(lower, offsetBy: n.count)
            }
            i -= 1
        }
        return nil
    }

    /// The first occurrence of `needle` in `s`, as `range(of:)` finds it, by the byte in plain text.
    static func firstRange(of needle: String, in s: String) -> Range<String.Index>? {
        guard !needle.isEmpty, isPlain(s.utf8), isPlain(needle.utf8) else { return s.range(of: needle) }
        var h = s, n = needle
        guard let at = h.withUTF8({ hb in n.withUTF8 { ByteSearch.offset(of: $0, in: hb) } }) else { return nil }
        let lower = s.utf8.index(s.utf8.startIndex, offsetBy: at)
        return lower..<s.utf8.index(lower, offsetBy: needle.utf8.count)
    }

    static func isPlain(_ utf8: some Collection<UInt8>) -> Bool {
        utf8.withContiguousStorageIfAvailable(ByteSearch.isPlain) ?? isPlain(String(decoding: utf8, as: UTF8.self).unicodeScalars)
    }

    /// Scalars that never combine with a neighbour or decompose (see above).
    static func isPlain<V: Sequence>(_ scalars: V) -> Bool where V.Element == Unicode.Scalar {
        scalars.allSatisfy { u in
            let v = u.value
            return (v < 0x80 && v != 0x0D) || (0x4E00...0x9FFF).contains(v) || (0x3000...0x3029).contains(v)
                || (0xFF01...0xFF5E).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
        }
    }
}
