import Foundation
import YusuanCore

// `contains` on text, without Foundation. Foundation's `StringProtocol.contains(_:)` bridges both
// strings to UTF-16 and searches with canonical equivalence on every call: about a fifth of the CPU
// of an ingest went there (perf, 1,000-document corpus). Over scalars that neither decompose nor
// join the scalar before them into one character — ASCII but CR, the CJK unified ideographs, CJK
// punctuation, full-width ASCII forms — canonical matching and a byte search agree, so the byte
// search answers there; any other text goes to Foundation as before.

extension String {
    func contains(_ other: String) -> Bool { LiteralSearch.contains(self, other) }
}

extension Substring {
    func contains(_ other: String) -> Bool { LiteralSearch.contains(self, other) }
}

enum LiteralSearch {
    static func contains<S: StringProtocol>(_ text: S, _ other: String) -> Bool {
        guard isPlain(text.unicodeScalars), isPlain(other.unicodeScalars) else {
            return text.range(of: other) != nil
        }
        if other.isEmpty { return false }   // as Foundation answers
        return ByteSearch.contains(text, other)
    }

    /// Scalars that never combine with a neighbour or decompose (see above).
    static func isPlain<V: Sequence>(_ scalars: V) -> Bool where V.Element == Unicode.Scalar {
        scalars.allSatisfy { u in
            let v = u.value
            return (v < 0x80 && v != 0x0D) || (0x4E00...0x9FFF).contains(v) || (0x3000...0x3029).contains(v)
                || (0xFF01...0xFF5E).contains(v)
        }
    }
}
