import Foundation
import YusuanCore

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
    /// The number inside a negative as accountants print it: `△1,234.00`, `▲5`, `(1,234.00)`,
    /// `（1,234）`. Parentheses count only around a grouped or decimal number, so that a row
    /// number `(1)` stays a label.
    static func negativeMarked(_ raw: Substring) -> Substring? {
        guard let first = raw.unicodeScalars.first(where: { !Clean.isSpaceScalar($0.value) }),
              first == "△" || first == "▲" || first == "(" || first == "（" else { return nil }
        var t = Substring(Clean.label(raw))
        if t.first == "△" || t.first == "▲" { return t.dropFirst() }
        guard t.count > 2, t.last == ")" || t.last == "）" else { return nil }
        t = t.dropFirst().dropLast()
        return t.contains(".") || t.contains(",") || t.contains("，") ? t : nil
    }

    /// Digits and separators normalised: full-width forms made ASCII, spaces inside removed.
    /// `spaced` tells whether a space was dropped, so that only such cells need `spacesAreGrouping`.
    static func plainNumeral(_ raw: Substring) -> (text: String, looksNumeric: Bool, spaced: Bool) {
        let stripped = Clean.stripTags(raw)
        return stripped.utf8.withContiguousStorageIfAvailable(plainNumeral(bytes:)) ?? plainNumeral(scalars: stripped)
    }

    /// `plainNumeral` of valid UTF-8, by the byte: the scalars it maps are told by their bytes, and
    /// the text between them is copied in runs (a long text cell passed scalar by scalar).
    static func plainNumeral(bytes u: UnsafeBufferPointer<UInt8>) -> (text: String, looksNumeric: Bool, spaced: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var sawDigit = false, spaced = false
        var run = 0, i = 0
        while i < u.count {
            let b = u[i]
            // What the scalar at i becomes: a byte, nothing (a space), or itself (nil).
            var mapped: UInt8?, dropped = false, n = 1
            switch b {
            case 0x30...0x39: sawDigit = true
            case 0x20, 0x09: dropped = true
            case 0xC2 where i + 1 < u.count && u[i + 1] == 0xA0: dropped = true; n = 2
            case 0xE2, 0xE3, 0xEF:
                guard i + 2 < u.count else { break }
                n = 3
                switch (b, u[i + 1], u[i + 2]) {
                case (0xE3, 0x80, 0x80): dropped = true                        // 　
                case (0xE3, 0x80, 0x81), (0xEF, 0xBC, 0x8C): mapped = 0x2C     // 、 ，
                case (0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x8E): mapped = 0x2E     // 。 ．
                case (0xE2, 0x88, 0x92), (0xE2, 0x80, 0x94), (0xEF, 0xBC, 0x8D): mapped = 0x2D   // − — －
                case (0xEF, 0xBC, 0x90...0x99): mapped = u[i + 2] - 0x90 + 0x30; sawDigit = true  // ０…９
                default: break
                }
            default: break
            }
            // Kept as it is (ASCII digits and separators, other scalars' bytes one by one).
            if mapped == nil && !dropped { i += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i]))
            if let m = mapped {
                out.append(m)
            } else {
                spaced = spaced || !out.isEmpty
            }
            i += n
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count]))
        return (String(decoding: out, as: UTF8.self), sawDigit, spaced)
    }

    /// `plainNumeral` scalar by scalar (text not held contiguously; what the bytes must agree with).
    static func plainNumeral(scalars raw: Substring) -> (text: String, looksNumeric: Bool, spaced: Bool) {
        // Built as UTF-8 bytes: every cell of every table passes here, names included.
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var sawDigit = false
        var spaced = false
        for u in raw.unicodeScalars {
            let v = u.value
            switch v {
            case 0x30...0x39: out.append(UInt8(v)); sawDigit = true
            case 0xFF10...0xFF19: out.append(UInt8(v - 0xFF10 + 0x30)); sawDigit = true
            case 0x2C, 0xFF0C, 0x3001: out.append(0x2C)              // , ， 、
            case 0x2E, 0xFF0E, 0x3002: out.append(0x2E)              // . ． 。
            case 0x2D, 0x2212, 0xFF0D, 0x2014: out.append(0x2D)      // - − － —
            case 0x20, 0x3000, 0xA0, 0x09: spaced = spaced || !out.isEmpty
            default: UTF8.encode(u) { out.append($0) }
            }
        }
        return (String(decoding: out, as: UTF8.self), sawDigit, spaced)
    }

    /// `cell` of an amount printed plainly, `-?d+(.d+)?` or with commas between groups of three (most
    /// amounts), by the byte: every step of the general path leaves such a cell as it is. nil for
    /// any other cell.
    static func plainCell(_ raw: Substring, unit: MoneyUnit) -> CellValue? {
        let parsed = raw.utf8.withContiguousStorageIfAvailable { plainAmount($0, unit: unit) }
            ?? Array(raw.utf8).withUnsafeBufferPointer { plainAmount($0, unit: unit) }
        switch parsed {
        case .none: return nil
        case .success(let m): return .number(m)
        case .failure(let e): return .badNumber(String(raw), e)
        }
    }

    /// The amount of a plain cell's UTF-8 (see `plainCell`), nil for any other: the digits without the
    /// commas, parsed where they are copied (no string between).
    static func plainAmount(_ u: UnsafeBufferPointer<UInt8>, unit: MoneyUnit) -> Result<Money, Money.ParseError>? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: u.count) { digits in
            var n = 0
            var sinceComma = -1, seenDot = false, intDigits = 0, fracDigits = 0
            for k in 0..<u.count {
                let b = u[k]
                switch b {
                case 0x30...0x39:
                    if seenDot { fracDigits += 1 } else { intDigits += 1; if sinceComma >= 0 { sinceComma += 1 } }
                case 0x2C:
                    // A comma only between groups of three, the first group of one to three digits.
                    guard !seenDot, intDigits > 0, sinceComma == -1 ? intDigits <= 3 : sinceComma == 3 else { return nil }
                    sinceComma = 0
                    continue
                case 0x2E:
                    guard !seenDot, intDigits > 0 else { return nil }
                    seenDot = true
                case 0x2D:
                    guard k == 0 else { return nil }
                default: return nil
                }
                digits[n] = b
                n += 1
            }
            guard intDigits > 0, sinceComma == -1 || sinceComma == 3, !seenDot || fracDigits > 0 else { return nil }
            return Money.parse(plainUTF8: UnsafeBufferPointer(rebasing: digits[..<n]), unit: unit)
        }
    }

    /// Whether `s` has a digit, ASCII or full-width (EF BC 90–99): what every number `cell` reads has.
    static func mayHoldNumber(_ s: Substring) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { u in
            var i = 0
            while i < u.count {
                let b = u[i]
                if b >= 0x30 && b <= 0x39 { return true }
                if b == 0xEF, i + 2 < u.count, u[i + 1] == 0xBC, (0x90...0x99).contains(u[i + 2]) { return true }
                i += 1
            }
            return false
        } ?? true
    }

    /// `2, 465. 43` and `3 805.35` are numbers with spaces from extraction; `1 12 1 7 3` is debris:
    /// a space between two digits must start a group of three.
    static func spacesAreGrouping(_ raw: Substring) -> Bool {
        // In plain text (every scalar a character: `ByteSearch.isPlain`) by the byte; else by characters.
        if let plain = raw.utf8.withContiguousStorageIfAvailable({ u -> Bool? in
            ByteSearch.isPlain(u) ? spacesAreGrouping(plain: u) : nil
        }), let answer = plain { return answer }
        return spacesAreGroupingByCharacters(raw)
    }

    /// `spacesAreGrouping` of plain text: parts between spaces (`Clean.spaceLength`: in plain text an
    /// ASCII space, a tab or U+3000), and after
    /// a part ending in a digit, a part starting with one must start with exactly three.
    static func spacesAreGrouping(plain u: UnsafeBufferPointer<UInt8>) -> Bool {
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        var i = 0, inPart = false, previousEndsInDigit = false, last: UInt8 = 0
        while i < u.count {
            let b = u[i]
            let space = Clean.spaceLength(u, i)
            if space > 0 {
                if inPart { previousEndsInDigit = isDigit(last); inPart = false }
                i += space
                continue
            }
            if !inPart {
                inPart = true
                if previousEndsInDigit, isDigit(b) {
                    var run = 0
                    while i + run < u.count, isDigit(u[i + run]) { run += 1 }
                    if run != 3 { return false }
                }
            }
            last = b
            i += 1
        }
        return true
    }

    static func spacesAreGroupingByCharacters(_ raw: Substring) -> Bool {
        let parts = raw.split(whereSeparator: { Clean.isSpace($0) })
        for (a, b) in zip(parts, parts.dropFirst()) {
            guard let last = a.last, last.isASCIIDigit, let first = b.first, first.isASCIIDigit else { continue }
            if b.prefix(while: { $0.isASCIIDigit }).count != 3 { return false }
        }
        return true
    }

    /// Parses one cell in `unit`: `2, 465. 43`, `550.00.`, `1,100.00`, `1379.35`, `0` are numbers;
    /// an empty cell is blank (no fact), `68%` or `#DIV/0!` is text.
    static func cell(_ raw: Substring, unit: MoneyUnit) -> CellValue {
        plainCell(raw, unit: unit) ?? anyCell(raw, unit: unit)
    }

    /// `cell` by the general path (what `plainCell` must agree with).
    static func anyCell(_ raw: Substring, unit: MoneyUnit) -> CellValue {
        if let inner = negativeMarked(raw) {
            if case .number(let m) = cell(inner, unit: unit), m.fen >= 0 { return .number(-m) }
        }
        let (p, looks, spaced) = plainNumeral(raw)
        // A numeral with a byte other than digits, separators and a minus is text whatever its
        // spaces (the checks below refuse it): told before the spaces are looked at, which for a
        // long text cell meant breaking it into characters.
        if looks, p.utf8.contains(where: { !(0x30...0x39).contains($0) && $0 != 0x2C && $0 != 0x2E && $0 != 0x2D }) { return .text(p) }
        if looks, spaced, !spacesAreGrouping(raw) { return .text(p) }
        if p.isEmpty { return .blank }
        if !looks { return p.utf8.count <= 3 && (p == "-" || p == "--" || p == "—") ? .blank : .text(p) }
        // By the byte from here: `p` is made of ASCII digits and separators when it is a number, and
        // a byte outside them refuses it as the `Character` it belongs to would.
        let comma = UInt8(ascii: ","), dot = UInt8(ascii: ".")
        let isDigit = { (b: UInt8) in (0x30...0x39).contains(b) }
        let bytes = Array(p.utf8)
        var s = bytes[...]
        // Trailing debris from the extraction: "550.00." or "20.00,".
        while let last = s.last, last == dot || last == comma { s = s.dropLast() }
        while let first = s.first, first == comma || first == dot && s.dropFirst().first == dot { s = s.dropFirst() }
        guard !s.isEmpty else { return .text(p) }
        var negative = false
        if s.first == UInt8(ascii: "-") { negative = true; s = s.dropFirst() }
        // Validate digit grouping: commas only between groups of three before the point.
        var intPart = s
        var fracPart = s[s.endIndex...]
        if let d = s.firstIndex(of: dot) {
            intPart = s[..<d]
            fracPart = s[(d + 1)...]
        }
        guard !intPart.isEmpty || !fracPart.isEmpty,
              intPart.allSatisfy({ isDigit($0) || $0 == comma }),
              fracPart.allSatisfy(isDigit) else { return .text(p) }
        var plainBytes: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if intPart.contains(comma) {
            let groups = intPart.split(separator: comma, omittingEmptySubsequences: false)
            guard let head = groups.first, !head.isEmpty, head.count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .text(p) }
            plainBytes += intPart.filter { $0 != comma }
        } else {
            plainBytes += intPart.isEmpty ? [UInt8(ascii: "0")] : Array(intPart)
        }
        if !fracPart.isEmpty { plainBytes.append(dot); plainBytes += fracPart }
        let plain = String(decoding: plainBytes, as: UTF8.self)
        switch Money.parse(plain: Substring(plain), unit: unit) {
        case .success(let m): return .number(m)
        case .failure(let e): return .badNumber(p, e)
        }
    }
}
