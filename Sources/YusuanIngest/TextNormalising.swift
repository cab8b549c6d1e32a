import Foundation
import YusuanCore

/// Cleaning of cells and labels as PDF text extraction damages them.
enum Clean {
    static func isCJK(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v)
            || v == 0x201C || v == 0x201D
    }

    static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" || c == "\u{2002}" || c == "\u{2003}"
    }

    /// Drops `<p>`, `<i>`, `</u>` and other HTML tags some exporters leave inside cells.
    static func stripTags(_ s: Substring) -> Substring {
        guard s.contains("<") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "<", let close = s[i...].firstIndex(of: ">"),
               s.distance(from: i, to: close) <= 12,
               s[s.index(after: i)...].first.map({ $0 == "/" || $0.isLetter }) == true {
                i = s.index(after: close)
                continue
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return Substring(out)
    }

    /// A label as printed with whitespace normalised: trimmed, runs of spaces folded, and the
    /// spaces a line wrap leaves between two Chinese characters removed.
    static func label(_ raw: Substring) -> String {
        let s = stripTags(raw)
        var out: [Character] = []
        var pendingSpace = false
        for c in s {
            if isSpace(c) { pendingSpace = !out.isEmpty; continue }
            if pendingSpace {
                if let last = out.last, !(isCJK(last) && isCJK(c)) { out.append(" ") }
                pendingSpace = false
            }
            out.append(c)
        }
        return String(out)
    }

    /// A label with all spaces removed and full-width brackets made ASCII: for matching words.
    static func key(_ s: String) -> String {
        var out = ""
        for c in s where !isSpace(c) {
            switch c {
            case "（": out.append("(")
            case "）": out.append(")")
            case "“", "”", "＂": out.append("\"")
            case "：": out.append(":")
            default: out.append(c)
            }
        }
        return out
    }
}

/// What a table cell holds.
enum CellValue: Equatable {
    case blank
    case number(Money)
    /// Text where a number might have been (kept for warnings).
    case text(String)
    /// Looked like a number but could not be one exactly (too many digits, too precise).
    case badNumber(String, Money.ParseError)
}

enum Numbers {
    /// Digits and separators normalised: full-width forms made ASCII, spaces inside removed.
    static func plainNumeral(_ raw: Substring) -> (text: String, looksNumeric: Bool) {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var sawDigit = false
        for c in Clean.stripTags(raw) {
            switch c {
            case "0"..."9": out.append(c); sawDigit = true
            case "０"..."９":
                let v = c.unicodeScalars.first!.value - 0xFF10
                out.append(Character(Unicode.Scalar(0x30 + v)!)); sawDigit = true
            case ",", "，", "、": out.append(",")
            case ".", "．", "。": out.append(".")
            case "-", "−", "－", "—": out.append("-")
            case " ", "\u{3000}", "\u{A0}", "\t": continue
            default: out.append(c)
            }
        }
        return (out, sawDigit)
    }

    /// Parses one cell in `unit`: `2, 465. 43`, `550.00.`, `1,100.00`, `1379.35`, `0` are numbers;
    /// an empty cell is blank (no fact), `68%` or `#DIV/0!` is text.
    static func cell(_ raw: Substring, unit: MoneyUnit) -> CellValue {
        let (p, looks) = plainNumeral(raw)
        if p.isEmpty { return .blank }
        if !looks { return p == "-" || p == "--" || p == "—" ? .blank : .text(p) }
        var s = Substring(p)
        // Trailing debris from the extraction: "550.00." or "20.00,".
        while let last = s.last, last == "." || last == "," { s = s.dropLast() }
        while let first = s.first, first == "," || first == "." && s.dropFirst().first == "." { s = s.dropFirst() }
        guard !s.isEmpty else { return .text(p) }
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        // Validate digit grouping: commas only between groups of three before the point.
        var intPart = s
        var fracPart: Substring = ""
        if let dot = s.firstIndex(of: ".") {
            intPart = s[..<dot]
            fracPart = s[s.index(after: dot)...]
        }
        guard !intPart.isEmpty || !fracPart.isEmpty,
              intPart.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }),
              fracPart.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .text(p) }
        if intPart.contains(",") {
            let groups = intPart.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, !head.isEmpty, head.count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .text(p) }
            intPart = Substring(groups.joined())
        }
        let plain = (negative ? "-" : "") + (intPart.isEmpty ? "0" : intPart) + (fracPart.isEmpty ? "" : "." + fracPart)
        switch Money.parse(plain: Substring(plain), unit: unit) {
        case .success(let m): return .number(m)
        case .failure(let e): return .badNumber(p, e)
        }
    }
}
