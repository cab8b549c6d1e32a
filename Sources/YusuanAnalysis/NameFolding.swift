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

    /// Characters that make an otherwise one-character difference meaningful (第一/第二 中学).
    static let numerals: Set<Character> = Set("0123456789一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾东南西北上下甲乙丙丁")

    /// Levenshtein distance, capped: returns `cap + 1` as soon as the distance exceeds `cap`.
    static func editDistance(_ a: [Character], _ b: [Character], cap: Int) -> Int {
        if abs(a.count - b.count) > cap { return cap + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > cap { return cap + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The characters by which two strings at edit distance 1 differ (one from each side; a
    /// missing side for an insertion is nil).
    static func singleDifference(_ a: [Character], _ b: [Character]) -> (Character?, Character?) {
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        let ca: Character? = i < a.count ? a[i] : nil
        let cb: Character? = i < b.count ? b[i] : nil
        if a.count == b.count { return (ca, cb) }
        return a.count > b.count ? (ca, nil) : (nil, cb)
    }
}
