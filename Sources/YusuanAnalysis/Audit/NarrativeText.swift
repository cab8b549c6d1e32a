import Foundation
import YusuanCore

/// The 情况说明 as the audit reads it: narrative lines joined into sentences (a line that stops
/// mid-sentence continues on the next), each character with its line, and the figures in it.
struct NarrativeText {
    var chars: [Character] = []
    var lineOf: [Int] = []
    var tokens: [Token] = []
    /// stopBefore[i]: the position after the last "。" before i (0 when none), for sentence bounds in O(1).
    private var stopBefore: [Int] = []
    private var stopFrom: [Int] = []

    enum Value: Equatable {
        case money(Money, MoneyUnit, decimals: Int)
        /// Percent times 10^decimals: "19.5%" → (195, 1).
        case percent(Int64, decimals: Int)
        case count(Int)
    }
    struct Token {
        var start: Int, end: Int, line: Int
        var value: Value
        var money: Money? { if case .money(let m, _, _) = value { return m }; return nil }
    }

    init(lines: [TextLine]) {
        var previousOpen = false
        for l in lines where l.narrative {
            let text = l.text.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if !chars.isEmpty && chars.last != "。" && !(previousOpen && !Self.startsItem(text)) { chars.append("。"); lineOf.append(l.line) }
            for c in text {
                let m: Character?
                switch c {
                case "（": m = "("
                case "）": m = ")"
                case "：": m = ":"
                case "，": m = ","
                case "；": m = ";"
                case "％": m = "%"
                case "“", "”", "\"", "‘", "’": m = nil
                case "０"..."９": m = Character(Unicode.Scalar(c.unicodeScalars.first!.value - 0xFF10 + 0x30)!)
                default: m = c
                }
                if let m { chars.append(m); lineOf.append(l.line) }
            }
            // A heading ("（三）…具体情况") ends its sentence even without a stop.
            let heading = Self.startsItem(text) && text.count <= 40 && !text.contains("元")
            previousOpen = !heading && !"。；;：:！!？?".contains(chars.last!)
        }
        tokens = Self.tokens(chars, lineOf)
        stopBefore = Array(repeating: 0, count: chars.count + 1)
        for i in 0..<chars.count { stopBefore[i + 1] = chars[i] == "。" ? i + 1 : stopBefore[i] }
        stopFrom = Array(repeating: chars.count, count: chars.count + 1)
        for i in stride(from: chars.count - 1, through: 0, by: -1) { stopFrom[i] = chars[i] == "。" ? i : stopFrom[i + 1] }
    }

    /// Indices of the tokens that start in `a..<b` (binary search: hostile texts hold many figures).
    func tokens(in a: Int, _ b: Int) -> Range<Int> {
        func lower(_ x: Int) -> Int {
            var lo = 0, hi = tokens.count
            while lo < hi { let mid = (lo + hi) / 2; if tokens[mid].start < x { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        let l = lower(a), h = lower(b)
        return l..<max(l, h)
    }

    /// "一、", "（二）", "(3)", "4、", "5.": a new heading or list item.
    static func startsItem(_ t: String) -> Bool {
        let numerals = "一二三四五六七八九十"
        var s = Substring(t)
        if let f = s.first, f == "(" || f == "（" {
            s = s.dropFirst()
            let body = s.prefix { $0.isNumber || numerals.contains($0) }
            return !body.isEmpty && s.dropFirst(body.count).first.map { $0 == ")" || $0 == "）" } == true
        }
        let head = s.prefix { numerals.contains($0) || ($0.isASCII && $0.isNumber) }
        guard !head.isEmpty, head.count <= 3, let next = s.dropFirst(head.count).first else { return false }
        return next == "、" || (next == "." && s.dropFirst(head.count + 1).first.map { !($0.isASCII && $0.isNumber) } == true)
    }

    static func tokens(_ chars: [Character], _ lineOf: [Int]) -> [Token] {
        var out: [Token] = []
        var i = 0
        func digit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            guard digit(chars[i]), i == 0 || !(digit(chars[i - 1]) || chars[i - 1] == "." || chars[i - 1] == ",") else { i += 1; continue }
            var j = i
            var numeral = ""
            while j < chars.count {
                let d = chars[j]
                if digit(d) || ((d == "," || d == ".") && j + 1 < chars.count && digit(chars[j + 1])) { numeral.append(d); j += 1; continue }
                if d == " ", let last = numeral.last, last == "," || last == ".", j + 1 < chars.count, digit(chars[j + 1]) { j += 1; continue }
                break
            }
            var k = j
            while k < chars.count, chars[k] == " " { k += 1 }
            let plain = numeral.replacingOccurrences(of: ",", with: "")
            let decimals = plain.firstIndex(of: ".").map { plain.distance(from: $0, to: plain.endIndex) - 1 } ?? 0
            var value: Value?
            var end = k
            // A year ("2024年") is not a figure.
            let isYear = plain.count == 4 && k < chars.count && (chars[k] == "年" || chars[k] == "-")
            if !isYear {
                if k + 1 < chars.count, chars[k] == "万", chars[k + 1] == "元" {
                    if case .success(let m) = Money.parse(plain: Substring(plain), unit: .wanyuan) { value = .money(m, .wanyuan, decimals: decimals) }
                    end = k + 2
                } else if k < chars.count, chars[k] == "元" {
                    if case .success(let m) = Money.parse(plain: Substring(plain), unit: .yuan) { value = .money(m, .yuan, decimals: decimals) }
                    end = k + 1
                } else if k < chars.count, chars[k] == "%" {
                    if let v = Int64(plain.replacingOccurrences(of: ".", with: "")) { value = .percent(v, decimals: decimals) }
                    end = k + 1
                } else if k < chars.count, chars[k] == "个", decimals == 0, let n = Int(plain) {
                    value = .count(n); end = k + 1
                }
            }
            if let value { out.append(Token(start: i, end: end, line: lineOf[i], value: value)) }
            i = max(j, i + 1)
        }
        return out
    }

    func text(_ a: Int, _ b: Int) -> String { a < b ? String(chars[max(0, a)..<min(chars.count, b)]) : "" }

    /// Where the sentence holding `i` starts (after the previous "。").
    func sentenceStart(_ i: Int) -> Int { stopBefore[max(0, min(i, chars.count))] }
    func sentenceEnd(_ i: Int) -> Int { stopFrom[max(0, min(i, chars.count))] }
}
