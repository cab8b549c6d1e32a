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

    // Comparisons go through Unicode scalars: comparing a CJK `Character` with a literal takes the
    // standard library's normalising path, which dominated the parse time.
    @inline(__always)
    static func isSpaceScalar(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x3000 || v == 0xA0 || v == 0x2002 || v == 0x2003
    }
    @inline(__always)
    static func isCJKScalar(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x3000...0x303F).contains(v)
            || (0xFF00...0xFFEF).contains(v) || v == 0x201C || v == 0x201D
    }

    static func isSpace(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return isSpaceScalar(v)
    }

    /// `s.count`, by the bytes where every scalar is a character of its own (`LiteralSearch.isPlain`:
    /// no scalar there combines with its neighbour), else by grapheme breaking as `count` does.
    /// Counting characters of every short line and cell was 4 % of reading.
    static func characterCount<S: StringProtocol>(_ s: S) -> Int {
        let plain = s.utf8.withContiguousStorageIfAvailable { u -> Int? in
            guard LiteralSearch.isPlain(u) else { return nil }
            var n = 0
            for b in u where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
        if let plain, let n = plain { return n }
        return s.count
    }

    /// Whether `key(String(s))` surely has more than `n` characters, told from the first `n + 1`
    /// scalars that are not spaces: the key drops spaces and maps the other scalars one to one,
    /// and scalars of plain text (`ByteSearch.isPlain`) are characters of their own. false when a
    /// scalar before that is not plain (the key must be made to know).
    static func keyIsLonger(_ s: Substring, than n: Int) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { u -> Bool in
            var count = 0, j = 0
            while j < u.count {
                let space = spaceLength(u, j)
                if space > 0 { j += space; continue }
                let b = u[j]
                let length = b < 0x80 ? 1 : 3
                guard j + length <= u.count, ByteSearch.isPlain(UnsafeBufferPointer(rebasing: u[j..<(j + length)])) else { return false }
                count += 1
                if count > n { return true }
                j += length
            }
            return false
        } ?? false
    }

    /// Drops `<p>`, `<i>`, `</u>` and other HTML tags some exporters leave inside cells.
    static func stripTags(_ s: Substring) -> Substring {
        guard ByteSearch.has(UInt8(ascii: "<"), in: s) else { return s }
        let byBytes = s.utf8.withContiguousStorageIfAvailable { u -> (plain: Bool, stripped: [UInt8]?) in
            ByteSearch.isPlain(u) ? (true, stripTags(plain: u)) : (false, nil)
        }
        guard let byBytes, byBytes.plain else { return stripTagsByCharacters(s) }
        return byBytes.stripped.map { Substring(String(decoding: $0, as: UTF8.self)) } ?? s
    }

    /// `stripTags` of plain text (every scalar a character: `ByteSearch.isPlain`), by the byte: the
    /// text without its tags, or nil when it has none. A tag: `<`, then `/` or a letter, up to the
    /// first `>` at most 12 characters on.
    static func stripTags(plain u: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0, from = 0, changed = false
        while case let lt = ByteSearch.next(UInt8(ascii: "<"), in: u, from: from), lt < u.count {
            from = lt + 1
            let close = ByteSearch.next(UInt8(ascii: ">"), in: u, from: lt)
            guard close < u.count, lt + 1 < u.count else { continue }
            // At most 12 characters from `<` to `>`: lead bytes counted.
            var characters = 0
            for k in (lt + 1)...close where u[k] & 0xC0 != 0x80 { characters += 1 }
            guard characters <= 12 else { continue }
            let next = u[lt + 1]
            let opens: Bool
            if next < 0x80 {
                opens = next == UInt8(ascii: "/") || Character(Unicode.Scalar(next)).isLetter
            } else {
                opens = Character(Unicode.Scalar(Clean.scalar(at: lt + 1, u))!).isLetter
            }
            guard opens else { continue }
            if !changed { changed = true; out.reserveCapacity(u.count) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<lt]))
            copied = close + 1
            from = copied
        }
        guard changed else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
        return out
    }

    /// `stripTags` character by character (what the bytes must agree with).
    static func stripTagsByCharacters(_ s: Substring) -> Substring {
        guard ByteSearch.has(UInt8(ascii: "<"), in: s) else { return s }
        // The text between tags is copied in runs: `<p>` debris is common enough in some exports
        // that appending character by character was a tenth of reading them.
        let u = s.utf8
        var out = ""
        var copied = s.startIndex, from = u.startIndex
        while let lt = u[from...].firstIndex(of: UInt8(ascii: "<")) {
            from = u.index(after: lt)
            guard s[lt] == "<", let close = s[lt...].firstIndex(of: ">"), s.distance(from: lt, to: close) <= 12,
                  s[s.index(after: lt)...].first.map({ $0 == "/" || $0.isLetter }) == true else { continue }
            out += s[copied..<lt]
            copied = s.index(after: close)
            from = copied
        }
        if copied == s.startIndex { return s }
        out += s[copied...]
        return Substring(out)
    }

    /// A label as printed with whitespace normalised: trimmed, runs of spaces folded, and the
    /// spaces a line wrap leaves between two Chinese characters removed. By the byte, copying the
    /// runs between spaces (科目 names are indented with spaces: this runs on most cells).
    static func label(_ raw: Substring) -> String {
        let s = stripTags(raw)
        return s.utf8.withContiguousStorageIfAvailable(labelBytes) ?? labelByScalars(s)
    }

    /// The length of the space scalar at `j` (see `isSpaceScalar`), 0 for any other.
    @inline(__always)
    static func spaceLength(_ u: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let b = u[j]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xC2, j + 1 < u.count, u[j + 1] == 0xA0 { return 2 }
        if b == 0xE3, j + 2 < u.count, u[j + 1] == 0x80, u[j + 2] == 0x80 { return 3 }
        if b == 0xE2, j + 2 < u.count, u[j + 1] == 0x80, u[j + 2] == 0x82 || u[j + 2] == 0x83 { return 3 }
        return 0
    }

    /// Whether bytes `start..<end` of `u` are spaces only (`isSpaceScalar`), or none.
    static func isBlank(_ u: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var j = start
        while j < end {
            let n = spaceLength(u, j)
            if n == 0 { return false }
            j += n
        }
        return true
    }

    /// The scalar that starts at `k` of valid UTF-8.
    @inline(__always)
    static func scalar(at k: Int, _ u: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let b = UInt32(u[k])
        if b < 0x80 { return b }
        if b < 0xE0 { return (b & 0x1F) << 6 | UInt32(u[k + 1] & 0x3F) }
        if b < 0xF0 { return (b & 0x0F) << 12 | UInt32(u[k + 1] & 0x3F) << 6 | UInt32(u[k + 2] & 0x3F) }
        return (b & 0x07) << 18 | UInt32(u[k + 1] & 0x3F) << 12 | UInt32(u[k + 2] & 0x3F) << 6 | UInt32(u[k + 3] & 0x3F)
    }

    static func labelBytes(_ u: UnsafeBufferPointer<UInt8>) -> String {
        var j = 0
        while j < u.count, spaceLength(u, j) == 0 { j += 1 }
        if j == u.count { return String(decoding: u, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while true {
            // Copy the run [i, j), then pass the spaces after it.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<j]))
            var k = j
            while k < u.count, case let n = spaceLength(u, k), n > 0 { k += n }
            if k == u.count { break }
            if !out.isEmpty {
                var lead = out.count - 1
                while lead > 0, out[lead] & 0xC0 == 0x80 { lead -= 1 }
                let last = out.withUnsafeBufferPointer { scalar(at: lead, $0) }
                if !(isCJKScalar(last) && isCJKScalar(scalar(at: k, u))) { out.append(0x20) }
            }
            i = k
            j = k
            while j < u.count, spaceLength(u, j) == 0 { j += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `label` scalar by scalar (text not held contiguously; and what `labelBytes` must agree with).
    static func labelByScalars(_ s: Substring) -> String {
        if !s.unicodeScalars.contains(where: { isSpaceScalar($0.value) }) { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var last: UInt32 = 0
        var pendingSpace = false
        for u in s.unicodeScalars {
            let v = u.value
            if isSpaceScalar(v) { pendingSpace = !out.isEmpty; continue }
            if pendingSpace {
                if !(isCJKScalar(last) && isCJKScalar(v)) { out.append(0x20) }
                pendingSpace = false
            }
            UTF8.encode(u) { out.append($0) }
            last = v
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `key(label(raw))` in one pass: the key drops every space `label` folds or keeps, so only the
    /// tags need going first (one copy instead of two, on most cells of every table).
    static func labelKey(_ raw: Substring) -> String { NameFolding.fold(stripTags(raw), .words) }

    /// A label with all spaces removed and full-width brackets, colon and quotes made ASCII: for
    /// matching words (Core's folding, narrower than the one that compares printed names).
    static func key(_ s: String) -> String { NameFolding.fold(s, .words) }
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
        // In plain text (every scalar a character: `LiteralSearch.isPlain`) by the byte; else by characters.
        if let plain = raw.utf8.withContiguousStorageIfAvailable({ u -> Bool? in
            LiteralSearch.isPlain(u) ? spacesAreGrouping(plain: u) : nil
        }), let answer = plain { return answer }
        return spacesAreGroupingByCharacters(raw)
    }

    /// `spacesAreGrouping` of plain text: parts between spaces (ASCII space, tab, U+3000), and after
    /// a part ending in a digit, a part starting with one must start with exactly three.
    static func spacesAreGrouping(plain u: UnsafeBufferPointer<UInt8>) -> Bool {
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        var i = 0, inPart = false, previousEndsInDigit = false, last: UInt8 = 0
        while i < u.count {
            let b = u[i]
            let space = b == 0x20 || b == 0x09 ? 1 : b == 0xE3 && i + 2 < u.count && u[i + 1] == 0x80 && u[i + 2] == 0x80 ? 3 : 0
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
