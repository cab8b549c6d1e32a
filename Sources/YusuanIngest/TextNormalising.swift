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

    /// `s.count`, by the bytes where every scalar is a character of its own (`ByteSearch.isPlain`:
    /// no scalar there combines with its neighbour), else by grapheme breaking as `count` does.
    /// Counting characters of every short line and cell was 4 % of reading.
    static func characterCount<S: StringProtocol>(_ s: S) -> Int {
        let plain = s.utf8.withContiguousStorageIfAvailable { u -> Int? in
            guard ByteSearch.isPlain(u) else { return nil }
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
                let length = ByteSearch.sequenceLength(b)
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
