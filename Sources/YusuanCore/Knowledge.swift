import Foundation

/// The knowledge files in `Resources/` (what the documents' world looks like: table titles, header
/// words, narrative labels): tab-separated, `#` comment lines first saying what each column means,
/// then one header line naming the columns, then the rows. Each file is read once by the catalogue
/// that owns it (a `static let`), so a missing file is a packaging defect found at first use.
public enum Knowledge {
    /// The rows of `name.tsv` after its comments and header line, cells split on tabs (empty cells kept).
    public static func rows(_ name: String) -> [[String]] { rows(name, in: .module) }

    /// The rows of `name.tsv` in another module's resources (a module passes its own `Bundle.module`).
    public static func rows(_ name: String, in bundle: Bundle) -> [[String]] {
        guard let url = bundle.url(forResource: name, withExtension: "tsv", subdirectory: "Resources")
                ?? bundle.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("\(name).tsv is missing from the build")   // a packaging defect
        }
        return rows(in: text)
    }

    /// A catalogue file's entries (`key<TAB>text` lines): each line that is neither empty nor a
    /// comment (`#`) and holds a tab, its text before the first tab → the rest (tabs kept), with
    /// `unescapingNewlines` its `\n` made a newline. What `rows(in:header: false)` and joining the
    /// cells after the first give (`MessagesTests`), in one pass over the bytes: every command loads
    /// the message catalogues at start, and the rows' arrays of strings and a generic search of every
    /// value for a backslash made loading one 6.8 M instructions instead of 4.7 M.
    public static func entries(in text: String, unescapingNewlines: Bool) -> [String: String] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [String: String] = [:]
            out.reserveCapacity(1024)
            guard let base = bytes.baseAddress else { return out }
            func find(_ byte: Int32, _ from: Int, _ to: Int) -> Int? {
                memchr(base + from, byte, to - from).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
            }
            var start = 0
            while start < bytes.count {
                let end = find(0x0A, start, bytes.count) ?? bytes.count
                defer { start = end + 1 }
                guard end > start, bytes[start] != UInt8(ascii: "#"), let tab = find(0x09, start, end) else { continue }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tab]), as: UTF8.self)
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<end]), as: UTF8.self)
                out[key] = unescapingNewlines && find(0x5C, tab + 1, end) != nil ? ByteSearch.replacing("\\n", with: "\n", in: value) : value
            }
            return out
        }
    }

    /// The rows of a knowledge file's text: comment lines dropped, then the header line (unless
    /// `header` is false), cells split on tabs (empty cells kept). Split by the byte (newlines and
    /// tabs always end a character): every command loads some of these at start, and splitting
    /// Chinese text by Character is slow.
    /// Scanned through the text's contiguous UTF-8 buffer: the generic `split` over a `String.UTF8View`
    /// spent more on index arithmetic than on the bytes (the region catalogue's 3,000 rows).
    public static func rows(in text: String, header: Bool = true) -> [[String]] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [[String]] = []
            var headerLeft = header
            var start = 0
            var width = 1   // cells in the widest row so far: each row's array is sized once
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                // Empty lines and comments are not rows; the first other line is the header.
                guard end > start, bytes[start] != UInt8(ascii: "#") else { continue }
                if headerLeft { headerLeft = false; continue }
                var cells: [String] = []
                cells.reserveCapacity(width)
                var cell = start
                for i in start...end where i == end || bytes[i] == UInt8(ascii: "\t") {
                    cells.append(i == cell ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[cell..<i]), as: UTF8.self))
                    cell = i + 1
                }
                width = max(width, cells.count)
                out.append(cells)
            }
            return out
        }
    }
}

/// A search for a string's UTF-8 bytes in another's (Foundation's `contains` bridges both to
/// UTF-16 and compares with canonical equivalence on every call).
public enum ByteSearch {
    /// Whether `needle` occurs in `hay` (an empty needle does not, as Foundation answers).
    public static func contains(_ hay: String, _ needle: String) -> Bool {
        var hay = hay, needle = needle
        return hay.withUTF8 { h in needle.withUTF8 { find($0, in: h) } }
    }

    public static func contains(_ hay: Substring, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in hay.utf8.withContiguousStorageIfAvailable { find(n, in: $0) } ?? Array(hay.utf8).withUnsafeBufferPointer { find(n, in: $0) } }
    }

    /// Whether every scalar of `u` (valid UTF-8) is a character of its own that no search by canonical
    /// equivalence matches otherwise than its bytes, read without decoding them: ASCII but CR,
    /// E4 B8 80 – E9 BF BF (U+4E00–9FFF), E3 80 80 – A9 (U+3000–3029), EF BC 81 – EF BD 9E (U+FF01–FF5E),
    /// and the general punctuation of Chinese text, E2 80 90 – A7 and E2 80 B0 – E2 81 9E
    /// (U+2010–2027, U+2030–205E: dashes, “ ” ‘ ’, …, ‰; none decomposes, combines or joins).
    public static func isPlain(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 { if b == 0x0D { return false }; i += 1; continue }
            guard i + 2 < u.count else { return false }
            let b1 = u[i + 1], b2 = u[i + 2]
            switch b {
            case 0xE2: guard b1 == 0x80 && (0x90...0xA7).contains(b2) || b1 == 0x80 && b2 >= 0xB0 || b1 == 0x81 && b2 <= 0x9E else { return false }
            case 0xE3: guard b1 == 0x80, b2 <= 0xA9 else { return false }
            case 0xE4: guard b1 >= 0xB8 else { return false }
            case 0xE5...0xE9: break
            case 0xEF: guard b1 == 0xBC && b2 >= 0x81 || b1 == 0xBD && b2 <= 0x9E else { return false }
            default: return false
            }
            i += 3
        }
        return true
    }

    /// The length of the UTF-8 sequence that lead byte `b` starts (of valid UTF-8): byte loops step
    /// scalar by scalar with it, a CJK character in one step.
    @inline(__always) public static func sequenceLength(_ b: UInt8) -> Int { b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4 }

    public static func isPlain(_ s: String) -> Bool {
        var s = s
        return s.withUTF8(isPlain)
    }

    /// Whether `s` holds `byte` (an ASCII character): `memchr` over its UTF-8. The generic
    /// `utf8.contains` goes byte by byte through the view's index checks, on every cell of a text.
    public static func has(_ byte: UInt8, in s: Substring) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { b in b.count > 0 && memchr(b.baseAddress!, Int32(byte), b.count) != nil }
            ?? s.utf8.contains(byte)
    }

    /// Where `byte` next occurs in `u` at or after `from`, else `u.count` (`memchr`): the end of a
    /// line or of a cell, in the scans of a text by the byte.
    @inlinable
    public static func next(_ byte: UInt8, in u: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < u.count, let base = u.baseAddress, let hit = memchr(base + from, Int32(byte), u.count - from) else { return u.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    public static func has(_ byte: UInt8, in s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { b in b.count > 0 && memchr(b.baseAddress!, Int32(byte), b.count) != nil }
            ?? s.utf8.contains(byte)
    }

    /// `text` with every occurrence of `needle` replaced by `replacement`, left to right, by the
    /// byte (an empty needle replaces nothing). Foundation's `replacingOccurrences` bridges to
    /// UTF-16 and compares with canonical equivalence; its first call took ~0.5 ms of every
    /// command's start, filling the message catalogue's placeholders.
    public static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        var hay = text, needle = needle
        let replaced: [UInt8]? = hay.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0, var hit = offset(of: n, in: h) else { return nil }
                var out: [UInt8] = []
                out.reserveCapacity(h.count + replacement.utf8.count)
                var start = 0
                while true {
                    out += UnsafeBufferPointer(rebasing: h[start..<hit])
                    out += replacement.utf8
                    start = hit + n.count
                    guard let next = offset(of: n, in: UnsafeBufferPointer(rebasing: h[start...])) else { break }
                    hit = start + next
                }
                out += UnsafeBufferPointer(rebasing: h[start...])
                return out
            }
        }
        return replaced.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    public static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        needle.withUnsafeBufferPointer { find($0, in: hay) }
    }

    public static func find(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        offset(of: needle, in: hay) != nil
    }

    public static func offset(of needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        needle.withUnsafeBufferPointer { offset(of: $0, in: hay) }
    }

    /// Where `needle` first occurs in `hay`: candidates by `memchr` on the needle's last byte. In
    /// Chinese text most characters start with one of a few lead bytes, so a scan for a first byte
    /// stopped every few bytes; a last byte (a continuation byte, one of 64) is some ten times rarer.
    /// Concrete buffers, not a generic collection: called across modules a generic search was not
    /// specialised (witness tables for every byte).
    public static func offset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let anchor = needle.last, hay.count >= needle.count, let base = hay.baseAddress, let n = needle.baseAddress else { return nil }
        let back = needle.count - 1
        var i = back   // where the needle's last byte may be
        while i < hay.count {
            guard let hit = memchr(base + i, Int32(anchor), hay.count - i) else { return nil }
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + end - back, n, back) == 0 { return end - back }
            i = end + 1
        }
        return nil
    }
}

/// Which words a text must hold, as the knowledge files write it: alternatives separated by `|`,
/// the words of one alternative by `+`; `!word` the text must not hold, `^word` it starts with,
/// `word$` it ends with, `^word$` it is. `收支总表|收入支出+总表`, `支出决算表+!财政拨款`, `^基本$`.
public struct WordPattern: Sendable, Hashable, CustomStringConvertible {
    struct Word: Sendable, Hashable {
        var text: String { didSet { bytes = Array(text.utf8) } }
        /// `text`'s UTF-8, made once: a search made it again for every text it looked in.
        private(set) var bytes: [UInt8] = []
        var negated = false, prefix = false, suffix = false
        init(text: String) { self.text = text; bytes = Array(text.utf8) }
        /// Compared by UTF-8 bytes: the texts are cleaned Chinese, where byte and canonical
        /// comparison agree, and String's own comparison of Chinese text was a large share of reading.
        func holds(in u: UnsafeBufferPointer<UInt8>) -> Bool {
            let t = bytes
            let found = prefix && suffix ? u.elementsEqual(t) : prefix ? u.starts(with: t)
                : suffix ? u.count >= t.count && u[(u.count - t.count)...].elementsEqual(t)
                : ByteSearch.find(t, in: u)
            return found != negated
        }
    }
    let alternatives: [[Word]]
    public let description: String

    public init(_ spec: String) {
        description = spec
        alternatives = spec.split(separator: "|").map { alt in
            alt.split(separator: "+").map { raw in
                var w = Substring(raw), word = Word(text: "")
                if w.hasPrefix("!") { word.negated = true; w = w.dropFirst() }
                if w.hasPrefix("^") { word.prefix = true; w = w.dropFirst() }
                if w.hasSuffix("$") { word.suffix = true; w = w.dropLast() }
                word.text = String(w)
                return word
            }
        }
    }

    /// Whether `s` holds every word of one alternative (an empty pattern matches nothing).
    public func matches(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in alternatives.contains { $0.allSatisfy { $0.holds(in: u) } } }
    }

    /// The first scalars a text must start with to match, when every alternative holds a word
    /// anchored at the start (`^word`); nil when some alternative does not. A cell whose key starts
    /// with none of them is told before its key is made.
    public var firstScalars: Set<UInt32>? {
        var out = Set<UInt32>()
        for alternative in alternatives {
            guard let anchored = alternative.first(where: { $0.prefix && !$0.negated && !$0.text.isEmpty }),
                  let first = anchored.text.unicodeScalars.first else { return nil }
            out.insert(first.value)
        }
        return out
    }

    /// The words a text may hold, without their marks (for tests and messages).
    public var words: [String] { alternatives.flatMap { $0.map(\.text) } }
}

extension Character {
    /// `isASCII && isNumber` (0–9), from the character's scalars: `isASCII` first compares the
    /// character with "\r\n", a string comparison on every character asked (for a CJK one the
    /// standard library's slow path), most characters of the narrative and of the cells' checks.
    @inlinable public var isASCIIDigit: Bool {
        var scalars = unicodeScalars.makeIterator()
        guard let first = scalars.next(), first.value >= 0x30, first.value <= 0x39 else { return false }
        return scalars.next() == nil
    }
}
