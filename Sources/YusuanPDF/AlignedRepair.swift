import Foundation

/// Repairs of space-aligned text before its columns are found: what a printer's layout broke.
extension AlignedText {
    /// An amount as printed in full: digits grouped by threes, two decimals.
    static func isWholeAmount(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("-") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isASCIIDigitLike) else { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigitLike) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A number too wide for its cell wraps: its head stays on the cell's first line, the last
    /// digits (“8,840,127.3” / “5”) start a line or two lower at the head's left edge. A line of
    /// such tails only is joined back to the heads above; `joined` marks lines whose figures
    /// were completed (a line of figures alone that is a table row).
    static func joinWrappedNumbers(_ lines: inout [[Token]], joined: inout Set<Int>, tails consumed: inout Set<Int>) {
        for i in lines.indices {
            let tails = lines[i]
            guard !tails.isEmpty, tails.allSatisfy({ $0.text.count <= 2 && $0.text.allSatisfy(\.isASCIIDigitLike) }) else { continue }
            var found: [(line: Int, token: Int)] = []
            for t in tails {
                var head: (line: Int, token: Int)?
                for k in stride(from: i - 1, through: max(0, i - 2), by: -1) where head == nil {
                    guard let h = lines[k].firstIndex(where: { abs($0.x0 - t.x0) <= 1 && $0.isNumber }) else { continue }
                    let text = lines[k][h].text
                    if !isWholeAmount(text) && isWholeAmount(text + t.text) { head = (k, h) }
                }
                guard let head else { break }
                found.append(head)
            }
            guard found.count == tails.count else { continue }
            for (t, h) in zip(tails, found) {
                lines[h.line][h.token].text += t.text
                joined.insert(h.line)
            }
            lines[i] = []
            consumed.insert(i)
        }
    }
}

private extension Character {
    var isASCIIDigitLike: Bool { isASCII && isNumber }
}
