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
        // Split by the byte (newlines and tabs always end a character): the readers load these at
        // their first document, and splitting Chinese text by Character is slow.
        return text.utf8.split(separator: UInt8(ascii: "\n")).filter { $0.first != UInt8(ascii: "#") }.dropFirst()
            .map { $0.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) } }
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
                : suffix ? u.count >= t.count && u.suffix(t.count).elementsEqual(t) : Self.find(t, in: u)
            return found != negated
        }

        /// Whether `needle` occurs in `hay` (an empty needle does not, as Foundation answers).
        static func find(_ needle: String.UTF8View, in hay: String.UTF8View) -> Bool {
            guard let first = needle.first, hay.count >= needle.count else { return false }
            var i = hay.startIndex
            let last = hay.index(hay.endIndex, offsetBy: -needle.count)
            while i <= last {
                if hay[i] == first, hay[i...].starts(with: needle) { return true }
                i = hay.index(after: i)
            }
            return false
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
