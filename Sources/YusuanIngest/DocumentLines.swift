import Foundation
import YusuanCore

/// A document's lines as a view of its text: where each starts (4 bytes a line), each
/// `SourceLine` made when asked for. An array of `SourceLine`s took 40 bytes a line, more than
/// a table row's own bytes, beside the blocks that hold the same rows (issue #16).
struct DocumentLines: RandomAccessCollection {
    let text: String
    private var starts: [UInt32] = []

    /// Texts of 4 GB and more are refused before this (`DocumentReader.read`).
    init(_ text: String) {
        self.text = text
        // Newlines found with `memchr`, twice: to count them, then to note where each line starts.
        var bytes = text
        starts = bytes.withUTF8 { u in
            func newlines(_ each: (Int) -> Void) {
                var at = ByteSearch.next(0x0A, in: u, from: 0)
                while at < u.count {
                    each(at + 1)
                    at = ByteSearch.next(0x0A, in: u, from: at + 1)
                }
            }
            var count = 1
            newlines { _ in count += 1 }
            var starts: [UInt32] = [0]
            starts.reserveCapacity(count)
            newlines { starts.append(UInt32($0)) }
            return starts
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count }

    /// Line `i + 1`. By the byte: controls (CR among them) are gone, and "\n" always ends a character.
    subscript(i: Int) -> SourceLine { SourceLine(number: i + 1, text: text(at: i)) }

    /// The indices of the lines whose bytes hold `byte` (a line's `text(at:)` may still not: an
    /// absurdly long line is cut), in order: the text searched once with `memchr`, not line by line.
    func indices(holding byte: UInt8) -> [Int] {
        var bytes = text
        return bytes.withUTF8 { u in
            var out: [Int] = [], line = 0
            var at = ByteSearch.next(byte, in: u, from: 0)
            while at < u.count {
                while line + 1 < starts.count, Int(starts[line + 1]) <= at { line += 1 }
                out.append(line)
                guard line + 1 < starts.count else { break }
                at = ByteSearch.next(byte, in: u, from: Int(starts[line + 1]))
            }
            return out
        }
    }

    /// Where line `i + 1` starts and ends in the text's UTF-8 (its newline excluded; not cut as
    /// `text(at:)` cuts an absurdly long line).
    func bounds(at i: Int, in u: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int) {
        (Int(starts[i]), i + 1 < starts.count ? Int(starts[i + 1]) - 1 : u.count)
    }

    /// Line `i + 1`'s text, not split into cells (for what needs no cells).
    func text(at i: Int) -> Substring {
        let u = text.utf8
        let start = u.index(u.startIndex, offsetBy: Int(starts[i]))
        let end = i + 1 < starts.count ? u.index(u.startIndex, offsetBy: Int(starts[i + 1]) - 1) : u.endIndex
        let raw = Substring(u[start..<end])
        // Absurdly long lines are not table rows; keep them bounded for the readers.
        return raw.utf8.count > 20_000 ? raw.prefix(5_000) : raw
    }
}
