import Foundation

/// Folding of printed names for comparison only: the printed text itself is never replaced.
///
/// Two names are "the same as printed" when they differ only in full-width vs half-width forms
/// (`（）` vs `()`, `１` vs `1`), bracket style (`〔〕【】[]` → `()`), quote style or whitespace
/// (including line wraps repaired into a space, e.g. `缴费支 出`).
public enum NameFolding {
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            var v = u.value
            // Full-width ASCII block → ASCII.
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            switch v {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xA0, 0x200B, 0xFEFF: continue
            case 0x5B, 0x3014, 0x3010, 0x3016, 0x7B: v = 0x28      // [ 〔 【 〖 { → (
            case 0x5D, 0x3015, 0x3011, 0x3017, 0x7D: v = 0x29      // ] 〕 】 〗 } → )
            case 0x201C, 0x201D, 0x300C, 0x300D, 0x27, 0x2018, 0x2019: v = 0x22 // quotes → "
            default: break
            }
            if let scalar = Unicode.Scalar(v) { out.append(scalar) }
        }
        return String(out)
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
