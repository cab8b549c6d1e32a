import Foundation
import YusuanCore

/// How far apart two folded names are: the entity registry's test for a misprint (one character
/// apart, and not a numeral or direction that makes them two entities).
extension NameFolding {
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
