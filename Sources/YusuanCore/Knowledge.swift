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
    public static func contains(_ hay: some StringProtocol, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        return hay.utf8.withContiguousStorageIfAvailable { find(n, in: $0) } ?? find(n, in: Array(hay.utf8))
    }

    public static func find<C: Collection>(_ needle: [UInt8], in hay: C) -> Bool where C.Element == UInt8, C.Index == Int {
        guard let first = needle.first, hay.count >= needle.count else { return false }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// Which words a text must hold, as the knowledge files write it: alternatives separated by `|`,
/// the words of one alternative by `+`; `!word` the text must not hold, `^word` it starts with,
/// `word$` it ends with, `^word$` it is. `收支总表|收入支出+总表`, `支出决算表+!财政拨款`, `^基本$`.
public struct WordPattern: Sendable, Hashable, CustomStringConvertible {
    struct Word: Sendable, Hashable {
        var text: String
        var negated = false, prefix = false, suffix = false
        /// Compared by UTF-8 bytes: the texts are cleaned Chinese, where byte and canonical
        /// comparison agree, and String's own comparison of Chinese text was a large share of reading.
        func holds(in s: String) -> Bool {
            let t = text.utf8, u = s.utf8
            let found = prefix && suffix ? u.elementsEqual(t) : prefix ? u.starts(with: t)
                : suffix ? u.count >= t.count && u.suffix(t.count).elementsEqual(t) : ByteSearch.contains(s, text)
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
        alternatives.contains { $0.allSatisfy { $0.holds(in: s) } }
    }

    /// The words a text may hold, without their marks (for tests and messages).
    public var words: [String] { alternatives.flatMap { $0.map(\.text) } }
}
